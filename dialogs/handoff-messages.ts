// What a resident reads about a handoff: that a person will answer, when staff are at work,
// their place in the queue. Pure text builders, used in a turn and in proactive messages.
import { clock, isOpen, nextOpening, type OfficeHours } from '../src/domain/office-hours';
import type { HandoffReason } from '../src/domain/handoffs';
import type { I18n } from '../src/i18n';

const WEEK = [1, 2, 3, 4, 5, 6, 7];

/** The weekday's name in the language ("mandag", "الاثنين"), from the language's date locale. */
function weekday(i18n: I18n, lang: string, isoDay: number): string {
  const locale = i18n.t(lang, 'common:meta.dateLocale');
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoDay)));
}

function dayGroups(days: number[]): number[][] {
  const groups: number[][] = [];
  for (const d of [...days].sort((a, b) => a - b)) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else groups.push([d]);
  }
  return groups;
}

/** "mandag–torsdag 09:00–15:00, fredag 09:00–13:00" in the resident's language. */
export function describeHours(i18n: I18n, lang: string, hours: OfficeHours): string {
  const t = (key: string, vars?: Record<string, unknown>) => i18n.t(lang, key, vars);
  const sep = t('handoff:hours.separator');
  return hours
    .map((rule) => {
      const days = dayGroups(rule.days.filter((d) => WEEK.includes(d)))
        .map((g) => (g.length > 2 ? t('handoff:hours.dayRange', { first: weekday(i18n, lang, g[0]), last: weekday(i18n, lang, g[g.length - 1]) }) : g.map((d) => weekday(i18n, lang, d)).join(sep)))
        .join(sep);
      return t('handoff:hours.rule', { days, from: clock(rule.from), to: clock(rule.to) });
    })
    .join(sep);
}

export interface OpeningFacts {
  reason: HandoffReason;
  /** Place in the queue (1 = next), null when not waiting. */
  position: number | null;
  created: boolean;
  hours: OfficeHours;
  now: Date;
  /** For a staff_decision: the activity's title and contact in the resident's language. */
  activity?: { title: string; contact: string };
}

/**
 * The lines a resident gets when a handoff opens: who answers, when, their place, that the bot
 * keeps answering meanwhile (said once, here), how to stop.
 */
export function openingMessage(i18n: I18n, lang: string, f: OpeningFacts): string {
  const t = (key: string, vars?: Record<string, unknown>) => i18n.t(lang, key, vars);
  const urgent = f.reason.trigger === 'emergency';
  const lines: string[] = [];
  if (!f.created) lines.push(t('handoff:resident.alreadyOpen'));
  else if (urgent) lines.push(t('handoff:resident.openedUrgent'));
  else if (f.reason.trigger === 'staff_decision' && f.activity) lines.push(t('handoff:resident.openedStaffDecision', f.activity));
  else lines.push(t('handoff:resident.opened'));

  const open = isOpen(f.hours, f.now);
  if (urgent && !open) lines.push(t('handoff:resident.hoursClosedUrgent'));
  else if (open) lines.push(t('handoff:resident.hoursOpen', { hours: describeHours(i18n, lang, f.hours) }));
  else lines.push(t('handoff:resident.hoursClosed', { next: describeNext(i18n, lang, f.hours, f.now), hours: describeHours(i18n, lang, f.hours) }));

  if (f.position !== null && !urgent) lines.push(t('handoff:resident.queue', { position: f.position }));
  if (f.created) lines.push(t('handoff:resident.botKeepsAnswering'));
  lines.push(t('handoff:resident.stopHint'));
  return lines.join('\n');
}

export interface UnreachableFacts {
  reason: HandoffReason;
  /** PROGRAMME_CONTACT: how to reach the programme outside the chat; unset = no route to give. */
  programmeContact?: string;
  activity?: { title: string; contact: string };
}

/**
 * No staff channel is set up: nobody reads the chat, so nobody is said to be told. The resident
 * gets the programme's contact route (or the plain truth that there is none here), and 112 only
 * for danger.
 */
export function unreachableMessage(i18n: I18n, lang: string, f: UnreachableFacts): string {
  const t = (key: string, vars?: Record<string, unknown>) => i18n.t(lang, key, vars);
  const lines: string[] = [];
  if (f.reason.trigger === 'staff_decision' && f.activity) lines.push(t('handoff:resident.unreachable.staffDecision', f.activity));
  lines.push(t('handoff:resident.unreachable.nobody'));
  if (f.programmeContact) lines.push(t('handoff:resident.unreachable.contact', { contact: f.programmeContact }));
  lines.push(t(f.reason.trigger === 'emergency' ? 'handoff:resident.unreachable.danger' : 'handoff:resident.unreachable.emergencyOnly'));
  if (f.reason.trigger !== 'emergency') lines.push(t('handoff:resident.unreachable.stillHere'));
  return lines.join('\n');
}

function describeNext(i18n: I18n, lang: string, hours: OfficeHours, now: Date): string {
  const next = nextOpening(hours, now);
  if (!next) return '';
  const time = clock(next.minutes);
  if (next.daysAhead === 0) return i18n.t(lang, 'handoff:hours.nextToday', { time });
  if (next.daysAhead === 1) return i18n.t(lang, 'handoff:hours.nextTomorrow', { time });
  return i18n.t(lang, 'handoff:hours.nextDay', { day: weekday(i18n, lang, next.isoDay), time });
}
