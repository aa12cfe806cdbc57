// The Adaptive Card staff see in Teams, built from the handoff as it is now. The same builder
// gives the first post and every update (taken, closed), so the card always tells the truth.
import { CARD_TRANSCRIPT, clip, type Handoff, type HandoffMessage } from '../../domain/handoffs';
import type { AdaptiveCard, CardAction, TextBlock } from './adaptive-card';

export interface CardFacts {
  handoff: Handoff;
  /** Only with the resident's consent; null = "not shared". */
  firstName: string | null;
  /** E.g. "arabisk (العربية)". */
  languageName: string;
  /** How messages travel: translated, as they are, or (the staff's own language) nothing to say. */
  translation: 'translated' | 'asIs' | 'same';
  registrations: { title: string; status: string; code: string }[];
  /** Lines as staff should read them (translated when a translator is configured). */
  transcript: HandoffMessage[];
  /** The activity a staff_decision is about, in the staff language. */
  activityTitle?: string;
  /** Who closed it, when a staff member did. */
  closedBy?: string | null;
}

export interface CardText {
  t: (key: string, vars?: Record<string, unknown>) => string;
  /** "10.04" and "25. nov. 10.04" in the staff language, Copenhagen time. */
  time: (d: Date) => string;
  dateTime: (d: Date) => string;
}

function statusLine(f: CardFacts, x: CardText): string {
  const h = f.handoff;
  if (h.status === 'closed') {
    const time = x.time(h.closedAt ?? new Date());
    return f.closedBy ? x.t('handoff:staff.card.statusClosedBy', { name: f.closedBy, time }) : x.t('handoff:staff.card.statusClosed', { time });
  }
  if (h.status === 'taken') return x.t('handoff:staff.card.statusTaken', { name: h.takenBy ?? '', time: x.time(h.takenAt ?? new Date()) });
  return x.t('handoff:staff.card.statusQueued');
}

function reasonLine(f: CardFacts, x: CardText): string {
  const trigger = f.handoff.reason.trigger;
  if (trigger === 'staff_decision') {
    return f.activityTitle ? x.t('handoff:staff.card.reasons.staff_decision', { title: f.activityTitle }) : x.t('handoff:staff.card.reasons.staff_decision_general');
  }
  return x.t(`handoff:staff.card.reasons.${trigger}`);
}

function actions(f: CardFacts, x: CardText): CardAction[] {
  const h = f.handoff;
  const wanted: ('take' | 'close')[] = h.status === 'queued' ? ['take', 'close'] : h.status === 'taken' ? ['close'] : [];
  return wanted.map((action) => {
    const title = x.t(`handoff:staff.card.${action}`);
    const data = { kvarterbot: 'handoff', action, handoffId: h.id };
    // Action.Execute (Universal Actions) where supported; Action.Submit on older clients.
    const style = action === 'take' ? ({ style: 'positive' } as const) : {};
    return { type: 'Action.Execute', title, verb: `handoff.${action}`, data, ...style, fallback: { type: 'Action.Submit', title, data } };
  });
}

export function handoffCard(f: CardFacts, x: CardText): AdaptiveCard {
  const h = f.handoff;
  const title = h.urgent
    ? x.t('handoff:staff.card.titleUrgent')
    : f.firstName
      ? x.t('handoff:staff.card.titleNamed', { name: f.firstName })
      : x.t('handoff:staff.card.title');
  const facts = [
    [x.t('handoff:staff.card.reason'), reasonLine(f, x)],
    [x.t('handoff:staff.card.urgency'), x.t(h.urgent ? 'handoff:staff.card.urgent' : 'handoff:staff.card.notUrgent')],
    [
      x.t('handoff:staff.card.language'),
      f.translation === 'same'
        ? f.languageName
        : x.t(f.translation === 'translated' ? 'handoff:staff.card.languageTranslated' : 'handoff:staff.card.languageAsIs', { language: f.languageName }),
    ],
    [x.t('handoff:staff.card.name'), f.firstName ?? x.t('handoff:staff.card.notShared')],
    [
      x.t('handoff:staff.card.registrations'),
      f.registrations.length
        ? f.registrations.map((r) => x.t('handoff:staff.card.registration', { title: r.title, status: r.status, code: r.code })).join('\n')
        : x.t('handoff:staff.card.noRegistrations'),
    ],
    [x.t('handoff:staff.card.status'), statusLine(f, x)],
    [x.t('handoff:staff.card.created'), x.dateTime(h.createdAt)],
  ];
  const lines = f.transcript.slice(-CARD_TRANSCRIPT).map((m): TextBlock => ({
    type: 'TextBlock',
    wrap: true,
    spacing: 'Small',
    text: x.t(m.direction === 'resident' ? 'handoff:staff.card.lineResident' : 'handoff:staff.card.lineStaff', { text: clip(m.text) }),
  }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true, ...(h.urgent ? ({ color: 'Attention' } as const) : {}) },
      { type: 'FactSet', facts: facts.map(([t, v]) => ({ title: t, value: v })) },
      { type: 'TextBlock', text: x.t('handoff:staff.card.transcript'), weight: 'Bolder', wrap: true, spacing: 'Medium' },
      ...(lines.length ? lines : [{ type: 'TextBlock', text: x.t('handoff:staff.card.noTranscript'), isSubtle: true, wrap: true } satisfies TextBlock]),
      ...(h.status === 'closed' ? [] : [{ type: 'TextBlock', text: x.t('handoff:staff.card.howTo'), isSubtle: true, wrap: true, spacing: 'Medium' } satisfies TextBlock]),
    ],
    actions: actions(f, x),
  };
}
