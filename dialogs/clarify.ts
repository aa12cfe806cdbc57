// Not understood → a clarifying question (Rasa's two-stage fallback, Copilot's "did you mean"):
// the two or three likeliest meanings as choices, plus "talk to a person". Never a handoff by
// itself: the resident decides. The second miss in a row says so and asks again. After the question
// (main-dialog.ts): a number or title picks; a rephrase is read with the message it rephrases; "no",
// "none of these" asks for other words and offers a person, never a loop of "not understood".
import type { TurnContext } from 'botbuilder';
import { textFor } from '../src/domain/catalogue';
import type { Intent, ParseResult } from '../src/understanding';
import { yesOrNo } from './answer-words';
import { countMiss, rememberClarifying } from './memory';
import { isNoneOfThese } from './phrases';
import { say, type Choice } from './reply';
import { turnInfo, type DialogServices } from './turn';

/** Meanings worth offering as a choice ("talk to a person" is always offered separately). */
const OFFERABLE: readonly Intent[] = ['list_activities', 'activity_info', 'signup', 'my_registrations', 'cancel_registration', 'help', 'privacy', 'change_language'];
/** A runner-up this unlikely is noise, not a meaning. */
const MIN_ALTERNATIVE = 0.08;
const MAX_MEANINGS = 3;
/** Offered when the understanding has nothing better: what most residents come for. */
const DEFAULT_MEANINGS: readonly Intent[] = ['list_activities', 'signup'];

/** The likeliest meanings of a message, best first, as choices with stable values. */
export async function likelyMeanings(ctx: TurnContext, services: DialogServices, parse: ParseResult | null): Promise<Choice[]> {
  const { t, lang } = turnInfo(ctx);
  const ranked: Intent[] = [];
  if (parse) {
    if (OFFERABLE.includes(parse.intent)) ranked.push(parse.intent);
    for (const alt of parse.alternatives ?? []) if (alt.confidence >= MIN_ALTERNATIVE && OFFERABLE.includes(alt.intent)) ranked.push(alt.intent);
  }
  for (const d of DEFAULT_MEANINGS) ranked.push(d);
  const activity = parse?.entities.activity ? await services.catalogue.byId(parse.entities.activity) : undefined;
  const title = activity ? textFor(activity, lang, services.i18n.fallback).title : undefined;
  const choices: Choice[] = [];
  for (const intent of ranked) {
    const choice = choiceFor(intent, activity?.id, title, t);
    if (!choices.some((c) => c.value === choice.value)) choices.push(choice);
    if (choices.length === MAX_MEANINGS) break;
  }
  return choices;
}

function choiceFor(intent: Intent, activityId: string | undefined, title: string | undefined, t: (k: string, v?: Record<string, unknown>) => string): Choice {
  if (activityId && title && intent === 'activity_info') return { value: `activity_info:${activityId}`, title: t('common:clarify.options.activity', { title }) };
  if (activityId && title && intent === 'signup') return { value: `signup:${activityId}`, title: t('common:clarify.options.signupTo', { title }) };
  return { value: intent, title: t(`common:clarify.options.${intent}`) };
}

/** Asks what was meant; `number` when a bare number came with no menu to pick from. */
export async function askWhatWasMeant(ctx: TurnContext, services: DialogServices, opts: { outOfScope: boolean; number?: string }): Promise<void> {
  const { t, parse } = turnInfo(ctx);
  const misses = countMiss(ctx, true);
  const meanings = await likelyMeanings(ctx, services, opts.number ? null : parse);
  const text =
    misses >= 2
      ? t('common:clarify.again')
      : opts.number
        ? t('common:clarify.number', { number: opts.number })
        : opts.outOfScope
          ? t('common:clarify.outOfScope')
          : t('common:clarify.ask');
  await say(ctx, text, { prompt: 'clarify', choices: [...meanings, { value: 'human', title: t('common:menu.human') }] });
  if (!opts.number) rememberClarifying(ctx, ctx.activity.text ?? '');
}

/** "nej", "none of these", "لا ولا واحد" in answer to a clarifying question. */
export function rejectsMeanings(text: string, services: DialogServices): boolean {
  return isNoneOfThese(text, services.i18n) || yesOrNo(text, services.i18n) === 'no';
}

/** None of the meanings offered was it: ask for other words, and offer a person and the activities. */
export async function askToRephrase(ctx: TurnContext): Promise<void> {
  const { t } = turnInfo(ctx);
  countMiss(ctx, false);
  await say(ctx, t('common:clarify.rephrase'), {
    prompt: 'menu',
    choices: [
      { value: 'human', title: t('common:menu.human') },
      { value: 'list_activities', title: t('common:menu.activities') },
    ],
  });
}
