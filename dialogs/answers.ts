// Answers that need no conversation: they read the catalogue and reply in the resident's language.
import type { TurnContext } from 'botbuilder';
import { groupByAudience, hasEnded, textFor, upcomingSessions, seatsLeft, type Activity } from '../src/domain/catalogue';
import { copenhagenDay, dayDate } from '../src/domain/closed-days';
import { rememberWelcome, setFocus } from './memory';
import type { Facet } from './phrases';
import { say, type Choice } from './reply';
import { turnInfo, type DialogServices } from './turn';

export function menuChoices(ctx: TurnContext): Choice[] {
  const { t } = turnInfo(ctx);
  return [
    { value: 'list_activities', title: t('common:menu.activities') },
    { value: 'signup', title: t('common:menu.signup') },
    { value: 'human', title: t('common:menu.human') },
    { value: 'change_language', title: t('common:menu.language') },
  ];
}

/** The first welcome. Without a staff channel it promises the way to reach staff, not that they are told. */
export async function sendWelcome(ctx: TurnContext, staffReachable: boolean): Promise<void> {
  const { t, lang, parse } = turnInfo(ctx);
  // Shown on join, before anything was written: the first message may turn out to be in another language.
  if (!parse) rememberWelcome(ctx, lang);
  const person = t(staffReachable ? 'common:welcome.person' : 'common:welcome.personNoStaff');
  await say(ctx, [t('common:welcome.hello'), t('common:welcome.can'), person, t('common:welcome.privacy')].join('\n\n'), {
    prompt: 'menu',
    choices: menuChoices(ctx),
  });
}

export async function sendHelp(ctx: TurnContext): Promise<void> {
  await say(ctx, turnInfo(ctx).t('common:help'), { prompt: 'menu', choices: menuChoices(ctx) });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and shape: building one costs far more than using one. */
function formatter(locale: string, shape: 'when' | 'day' | 'date'): Intl.DateTimeFormat {
  const key = `${shape}:${locale}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      shape === 'when'
        ? { timeZone: 'Europe/Copenhagen', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }
        : shape === 'date'
          ? { timeZone: 'Europe/Copenhagen', day: 'numeric', month: 'long' }
          : { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' },
    );
    formatters.set(key, f);
  }
  return f;
}

/** A session's day and time in Copenhagen, written the way the language writes dates. */
export function formatWhen(services: Pick<DialogServices, 'i18n'>, lang: string, d: Date): string {
  return formatter(services.i18n.t(lang, 'common:meta.dateLocale'), 'when').format(d);
}

/** A calendar day ("2027-06-30") written the way the language writes dates, with the year. */
export function formatDay(services: Pick<DialogServices, 'i18n'>, lang: string, day: string): string {
  return formatter(services.i18n.t(lang, 'common:meta.dateLocale'), 'day').format(dayDate(day));
}

/** A course's meetings: "6 gange: 8. december, 15. december og …" in the language's own list form. */
export function formatMeetings(services: Pick<DialogServices, 'i18n'>, lang: string, meetings: { startsAt: Date }[]): string {
  const f = formatter(services.i18n.t(lang, 'common:meta.dateLocale'), 'date');
  return services.i18n.t(lang, 'signup:seriesDates', { count: meetings.length, dates: services.i18n.joinWords(lang, meetings.map((m) => f.format(m.startsAt))) });
}

/** The offer has ended (its own end or the programme's): said kindly, with the way to what is on now. */
export function endedOffer(services: Pick<DialogServices, 'now'>, a: Activity): boolean {
  return hasEnded(a, copenhagenDay(services.now()));
}

export async function sendEnded(ctx: TurnContext, services: DialogServices, a: Activity): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  await say(ctx, t('activities:ended', { title: textFor(a, lang, services.i18n.fallback).title, day: formatDay(services, lang, a.endsOn!) }), {
    prompt: 'next',
    choices: [
      { value: 'list_activities', title: t('common:menu.activities') },
      { value: 'human', title: t('common:menu.human') },
    ],
  });
}

function ageText(ctx: TurnContext, a: Activity): string | null {
  const { t } = turnInfo(ctx);
  if (a.minAge !== null && a.maxAge !== null) return t('activities:age.range', { min: a.minAge, max: a.maxAge });
  if (a.minAge !== null) return t('activities:age.from', { min: a.minAge });
  if (a.maxAge !== null) return t('activities:age.upTo', { max: a.maxAge });
  return null;
}

export async function sendActivityList(ctx: TurnContext, services: DialogServices): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  // An offer that has ended is not listed (asked about by name, the bot says it has ended).
  const all = (await services.catalogue.all()).filter((a) => !endedOffer(services, a));
  const { forParents, forYouth } = groupByAudience(all);
  const line = (a: Activity) => t('activities:list.item', { title: textFor(a, lang, services.i18n.fallback).title, schedule: textFor(a, lang, services.i18n.fallback).schedule });
  const text = [
    t('activities:list.intro', { count: all.length }),
    t('activities:list.forParents'),
    ...forParents.map(line),
    t('activities:list.forYouth'),
    ...forYouth.map(line),
    t('activities:list.askMore'),
  ].join('\n');
  await say(ctx, text, { prompt: 'activity', choices: activityChoices(ctx, services, all) });
}

/**
 * "more", "andre ting?", "كمان" after an activity or a few: the ones not shown yet, of the same
 * group (parents and families, or children and young people) as the one in focus when there are
 * any, else all the others; the whole list when everything was shown.
 */
export async function sendOtherActivities(ctx: TurnContext, services: DialogServices, shown: readonly string[], focusId?: string): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  const open = (await services.catalogue.all()).filter((a) => !endedOffer(services, a));
  const rest = open.filter((a) => !shown.includes(a.id));
  if (!rest.length) return sendActivityList(ctx, services);
  const focus = open.find((a) => a.id === focusId);
  const groups = groupByAudience(rest);
  const sameGroup = focus ? (groupByAudience([focus]).forYouth.length ? groups.forYouth : groups.forParents) : [];
  const list = sameGroup.length ? sameGroup : rest;
  const line = (a: Activity) => t('activities:list.item', { title: textFor(a, lang, services.i18n.fallback).title, schedule: textFor(a, lang, services.i18n.fallback).schedule });
  await say(ctx, [t('activities:list.others'), ...list.map(line), t('activities:list.askMore')].join('\n'), { prompt: 'activity', choices: activityChoices(ctx, services, list) });
}

export function activityChoices(ctx: TurnContext, services: DialogServices, list: Activity[]): Choice[] {
  const { lang } = turnInfo(ctx);
  return list.map((a) => ({ value: a.id, title: textFor(a, lang, services.i18n.fallback).title }));
}

/** Facts the catalogue does not hold (a price, bringing a friend): said honestly, with whom to ask. */
const FACET_LINES: Partial<Record<Facet, string>> = { price: 'common:focus.price', companion: 'common:focus.companion' };

/**
 * One activity: what, when, where, for whom, contact. It becomes the activity in focus, so the next
 * "hvornår?" or "tilmeld" is about it. `facets`: what a follow-up asked, answered first.
 */
export async function sendActivityInfo(ctx: TurnContext, services: DialogServices, a: Activity, facets: Facet[] = []): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  setFocus(ctx, a, services.now());
  if (endedOffer(services, a)) return sendEnded(ctx, services, a);
  const text = textFor(a, lang, services.i18n.fallback);
  const next = upcomingSessions(a, services.now(), 3);
  const age = ageText(ctx, a);
  const asked = facets.flatMap((f) => (FACET_LINES[f] ? [t(FACET_LINES[f]!, { title: text.title, contact: a.contact })] : []));
  const lines = [
    ...asked,
    t('activities:info.title', { title: text.title }),
    text.description,
    t('activities:info.when', { schedule: text.schedule }),
    ...(next.length
      ? [t('activities:info.nextSessions'), ...next.map((s) => t('activities:info.session', { when: formatWhen(services, lang, s.startsAt), count: seatsLeft(s) }))]
      : []),
    t('activities:info.where', { place: a.place }),
    ...(age ? [age] : []),
    ...(text.bring ? [t('activities:info.bring', { bring: text.bring })] : []),
    t('activities:info.contact', { contact: a.contact }),
  ];
  const choices: Choice[] = [
    ...(a.signupMode !== 'contact' ? [{ value: `signup:${a.id}`, title: t('activities:info.signupButton') }] : []),
    { value: 'list_activities', title: t('common:menu.activities') },
    { value: 'human', title: t('common:menu.human') },
  ];
  await say(ctx, lines.join('\n'), { prompt: 'next', choices });
}

/** Facets the catalogue cannot settle: the answer offers a person to ask. */
const ASK_A_PERSON: readonly Facet[] = ['price', 'contact'];

/**
 * A follow-up about the activity just shown ("وكم بتكلف؟", "hvor er det henne?", "what should we
 * bring?"): the question is answered, not the whole card again. Falls back to the card when the
 * catalogue has nothing for what was asked.
 */
export async function sendFollowUp(ctx: TurnContext, services: DialogServices, a: Activity, facets: Facet[]): Promise<void> {
  if (endedOffer(services, a)) return sendActivityInfo(ctx, services, a, facets);
  const { t, lang } = turnInfo(ctx);
  const text = textFor(a, lang, services.i18n.fallback);
  // What the catalogue cannot settle (a price, a friend coming) is said first, in a sentence naming
  // the activity; then what it holds, with the schedule, which also says how often and how many times.
  const asked = facets.flatMap((f) => (FACET_LINES[f] ? [t(FACET_LINES[f]!, { title: text.title, contact: a.contact })] : []));
  const lines: string[] = [];
  for (const f of facets) {
    if (f === 'when') {
      const next = upcomingSessions(a, services.now(), 3);
      if (next.length) lines.push(t('activities:info.nextSessions'), ...next.map((x) => t('activities:info.session', { when: formatWhen(services, lang, x.startsAt), count: seatsLeft(x) })));
    }
    if (f === 'where') lines.push(t('common:focus.where', { place: a.place }));
    if (f === 'age') lines.push(...[ageText(ctx, a)].filter((x): x is string => x !== null));
    if (f === 'bring' && text.bring) lines.push(t('activities:info.bring', { bring: text.bring }));
    if (f === 'contact') lines.push(t('activities:info.contact', { contact: a.contact }));
  }
  const asksCatalogue = facets.some((f) => !FACET_LINES[f]);
  if (asksCatalogue && !lines.length && !facets.includes('when')) return sendActivityInfo(ctx, services, a, facets);
  const held = asksCatalogue ? [t('activities:info.when', { schedule: text.schedule }), ...lines] : [];
  setFocus(ctx, a, services.now());
  const person: Choice = { value: 'human', title: t('common:menu.human') };
  const signup: Choice[] = a.signupMode !== 'contact' ? [{ value: `signup:${a.id}`, title: t('activities:info.signupButton') }] : [];
  const askPerson = facets.some((f) => ASK_A_PERSON.includes(f));
  const body = [...(asked.length ? asked : [t('common:focus.intro', { title: text.title })]), ...new Set(held), ...(askPerson ? [t('knowledge:offerPerson')] : [])];
  await say(ctx, body.join('\n'), { prompt: 'next', choices: askPerson ? [person, ...signup] : [...signup, person] });
}

/** Facets answered once for a group of activities (each line then names its own contact). */
const GROUP_FACET_LINES: Partial<Record<Facet, string>> = { price: 'common:focus.priceGroup', companion: 'common:focus.companionGroup' };

/** A follow-up about the few activities just offered: when, where, for whom and whom to ask, for each. */
export async function sendActivitiesBrief(ctx: TurnContext, services: DialogServices, list: Activity[], facets: Facet[] = []): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  const asked = facets.flatMap((f) => (GROUP_FACET_LINES[f] ? [t(GROUP_FACET_LINES[f]!)] : []));
  const lines = list.map((a) => {
    const text = textFor(a, lang, services.i18n.fallback);
    const age = ageText(ctx, a);
    const bring = facets.includes('bring') && text.bring ? ` ${t('activities:info.bring', { bring: text.bring })}` : '';
    return t('common:focus.brief', { title: text.title, schedule: text.schedule, place: a.place, contact: a.contact }) + (age ? ` ${age}` : '') + bring;
  });
  const intro = t('common:focus.groupIntro');
  await say(ctx, [intro, ...asked, ...lines, t('activities:list.askMore')].join('\n'), { prompt: 'activity', choices: activityChoices(ctx, services, list) });
}

/** Several activities share the category: ask which one. */
export async function askWhichActivity(ctx: TurnContext, services: DialogServices, list: Activity[]): Promise<void> {
  await say(ctx, turnInfo(ctx).t('activities:which'), { prompt: 'activity', choices: activityChoices(ctx, services, list) });
}
