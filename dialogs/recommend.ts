// Offers by who is asking: "for my 10-year-old", "for unge", "I am 45 and need a job". The rules
// are in src/domain/recommend.ts; this file reads the message's entities and renders the answer.
import type { TurnContext } from 'botbuilder';
import { textFor, type Activity } from '../src/domain/catalogue';
import { ADULT_AGE, isOpenWish, personOf, recommend, saysWhoIsAsking, type Asking, type Person, type Recommendation } from '../src/domain/recommend';
import type { Entities, Intent } from '../src/understanding';
import { sendActivityInfo } from './answers';
import { lastAsked } from './memory';
import { say, type Choice } from './reply';
import { turnInfo, type DialogServices } from './turn';

/** What the router knows about the message (a subset of its `Routed`). */
export interface RoutedAsk {
  intent: Intent;
  activityId?: string;
  category?: string;
  lowConfidence: boolean;
  picked?: boolean;
}

const ASKING_INTENTS: readonly Intent[] = ['list_activities', 'activity_info', 'signup'];
/** Readings that say nothing of their own: a message saying who asks and that they want work is a wish. */
const UNSURE_READINGS: readonly Intent[] = ['help', 'smalltalk', 'out_of_scope', 'greet'];

export function askingOf(e: Entities, now: Date): Asking {
  const age = e.age ?? (e.birthYear !== undefined ? now.getFullYear() - e.birthYear : undefined);
  return { age, audience: e.audience, who: e.who, wish: e.wish };
}

/**
 * Should this message be answered by who is asking rather than by the whole list or a sign-up?
 * A named activity or a tapped choice is answered as such. A sign-up goes ahead unless it cannot
 * fit: an adult asking for a job, or nothing for this age answers the wish (a 10-year-old's job).
 */
export function wantsRecommendation(r: RoutedAsk, asking: Asking, all: Activity[], afterOffers = false): boolean {
  if (r.picked || r.activityId) return false;
  const who = saysWhoIsAsking(asking);
  // "I am 45 and need work, can you help?" reads as a plea for help: who is asking and that they
  // want work say more than the model's unsure or generic reading (other wishes, such as Danish
  // lessons, are left to the knowledge, which knows where to go).
  if (!ASKING_INTENTS.includes(r.intent)) return UNSURE_READINGS.includes(r.intent) && who && asking.wish === 'job';
  if (r.intent === 'signup') {
    // "and for my daughter, she is 14?" right after offers for someone: offers for her too.
    if (afterOffers && who && !asking.wish && !r.category) return true;
    // "I'm a single dad and want to meet other parents": a wish that names no kind of sign-up is
    // answered with what fits it (each with its sign-up button), not "what would you like to sign up for?".
    if (!r.category && asking.wish && recommend(all, asking).fits.length > 0) return true;
    if (!who || !asking.wish) return false;
    const person = personOf(asking);
    if (asking.wish === 'job' && person.stage === 'adult') return true;
    return recommend(all, asking).fits.length === 0;
  }
  // "for my 10-year-old" alone is asked so briefly that the model is unsure; who it is for is clear.
  return who || (!r.lowConfidence && asking.wish !== undefined && isOpenWish(asking.wish));
}

/** Answers by who is asking; false when the caller should answer as before. */
export async function sendRecommendation(ctx: TurnContext, services: DialogServices, r: RoutedAsk): Promise<boolean> {
  const e = turnInfo(ctx).parse?.entities;
  if (!e) return false;
  const asking = askingOf(e, services.now());
  const all = await services.catalogue.all();
  if (!wantsRecommendation(r, asking, all, lastAsked(ctx) === 'activity')) return false;
  const rec = recommend(all, asking);
  if (!rec.fits.length) {
    await sendNothingFits(ctx, services, rec);
    return true;
  }
  const { t } = turnInfo(ctx);
  // One clear answer to a wish (a course for parents of small children, a job at 45): show it.
  if (rec.best.length === 1 && asking.wish) {
    const adultJob = asking.wish === 'job' && rec.person.stage === 'adult';
    await say(ctx, adultJob ? t('activities:recommend.adultJob') : introFor(ctx, rec.person, asking));
    await sendActivityInfo(ctx, services, rec.best[0]);
    return true;
  }
  const rest = rec.fits.filter((a) => !rec.best.includes(a));
  const lines = [
    introFor(ctx, rec.person, asking),
    ...rec.best.map((a) => itemLine(ctx, services, a)),
    ...(rest.length ? [t('activities:recommend.also'), ...rest.map((a) => itemLine(ctx, services, a))] : []),
    t('activities:list.askMore'),
  ];
  await say(ctx, lines.join('\n'), { prompt: 'activity', choices: [...choicesFor(ctx, services, rec.fits), humanChoice(ctx)] });
  return true;
}

async function sendNothingFits(ctx: TurnContext, services: DialogServices, rec: Recommendation): Promise<void> {
  const { t } = turnInfo(ctx);
  const otherwise = rec.otherwise.slice(0, 5);
  const lines = [
    t('activities:recommend.none'),
    ...(rec.nearest.length ? [t('activities:recommend.nearest'), ...rec.nearest.map((a) => itemLine(ctx, services, a))] : []),
    ...(otherwise.length ? [t('activities:recommend.otherwise'), ...otherwise.map((a) => itemLine(ctx, services, a))] : []),
    t('activities:recommend.person'),
  ];
  await say(ctx, lines.join('\n'), { prompt: 'activity', choices: [...choicesFor(ctx, services, [...rec.nearest, ...otherwise]), humanChoice(ctx)] });
}

function introFor(ctx: TurnContext, p: Person, asking: Asking): string {
  const { t } = turnInfo(ctx);
  if (p.age !== undefined && (asking.who === 'child' || p.age < ADULT_AGE)) return t('activities:recommend.intro.age', { age: p.age });
  if (asking.who === 'child') return t('activities:recommend.intro.child');
  if (p.audience) return t(`activities:recommend.intro.${p.audience}`);
  return t('activities:recommend.intro.any');
}

function itemLine(ctx: TurnContext, services: DialogServices, a: Activity): string {
  const { t, lang } = turnInfo(ctx);
  const text = textFor(a, lang, services.i18n.fallback);
  return t('activities:list.item', { title: text.title, schedule: text.schedule });
}

function choicesFor(ctx: TurnContext, services: DialogServices, list: Activity[]): Choice[] {
  const { lang } = turnInfo(ctx);
  return list.map((a) => ({ value: a.id, title: textFor(a, lang, services.i18n.fallback).title }));
}

function humanChoice(ctx: TurnContext): Choice {
  return { value: 'human', title: turnInfo(ctx).t('common:menu.human') };
}
