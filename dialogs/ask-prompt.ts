// One prompt for every question a flow asks. It renders its question from locale keys at the
// moment it asks (so a language switch mid-flow re-asks in the new language), offers choices
// with stable values, and recognises answers per kind: a choice (value, title or number),
// yes/no, a name, a birth year (or an age), a Danish phone number.
import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import { isPlausibleBirthYear } from '../src/domain/eligibility';
import { isImplausibleName, nameInSentence, selfOrChild, yesOrNo } from './answer-words';
import { resolveChoice } from './choices';
import { say, type Choice } from './reply';
import { turnInfo, type DialogServices, type TurnInfo } from './turn';

export type LocalText = { key: string; vars?: Record<string, unknown> } | { byLang: Record<string, string> };
export interface ChoiceSpec { value: string; title: LocalText }
export type AskKind = 'choice' | 'yesno' | 'name' | 'birthYear' | 'phone';

export interface Ask {
  slot: string;
  kind: AskKind;
  text: LocalText;
  /** Said when the answer did not fit, before the question again (with an example). */
  retry: LocalText;
  choices?: ChoiceSpec[];
}

export const ASK_PROMPT = 'ask';

/** What the prompt remembers between tries (in the dialog state). */
interface PromptState {
  /** The last answer refused as no name ("ja"): the same again is accepted. */
  implausible?: string;
  /** The message it came in (botbuilder recognises a message twice: before bubbling and to continue). */
  implausibleIn?: string;
}

export function render(info: TurnInfo, text: LocalText, fallback: string): string {
  if ('key' in text) return info.t(text.key, text.vars);
  return text.byLang[info.lang] ?? text.byLang[fallback] ?? Object.values(text.byLang)[0] ?? '';
}

function yesNo(): ChoiceSpec[] {
  return [
    { value: 'yes', title: { key: 'common:answers.yes' } },
    { value: 'no', title: { key: 'common:answers.no' } },
  ];
}

export function choicesOf(ask: Ask): ChoiceSpec[] {
  return ask.kind === 'yesno' ? [...yesNo(), ...(ask.choices ?? [])] : ask.choices ?? [];
}

const NAME_LIKE_INTENTS = ['out_of_scope', 'smalltalk', 'greet'];
const REQUEST_NOT_NAME = 0.8;

const nameSchema = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[\p{L}\p{M}][\p{L}\p{M}'’.\- ]*$/u);

/** Recognises an answer to `ask`; undefined when it does not fit. */
export function recognise(ctx: TurnContext, ask: Ask, services: DialogServices): string | number | undefined {
  const info = turnInfo(ctx);
  const text = (ctx.activity.text ?? '').trim();
  const entities = info.parse?.entities ?? {};
  const now = services.now();
  switch (ask.kind) {
    case 'choice':
    case 'yesno': {
      const choices: Choice[] = choicesOf(ask).map((c) => ({ value: c.value, title: render(info, c.title, services.i18n.fallback) }));
      const picked = resolveChoice(text, choices, entities.number)?.value;
      if (picked) return picked;
      if (ask.kind === 'yesno') return yesOrNo(text, services.i18n);
      // "mig selv", "ana", "min søn", "بنتي": who the sign-up is for, in any language.
      const values = choices.map((c) => c.value);
      if (values.includes('self') && values.includes('child')) return selfOrChild(text, services.i18n) ?? (text.split(/\s+/).length <= 6 ? entities.who : undefined);
      return undefined;
    }
    case 'name': {
      const picked = ask.choices?.length
        ? resolveChoice(text, choicesOf(ask).map((c) => ({ value: c.value, title: render(info, c.title, services.i18n.fallback) })))?.value
        : undefined;
      if (picked) return picked;
      // Asked for a surname: "nej", "ja det er det" keep the one name.
      if (ask.choices?.some((c) => c.value === 'single') && yesOrNo(text, services.i18n)) return 'single';
      const name = recogniseName(ctx, services);
      return name && 'name' in name ? name.name : undefined;
    }
    case 'birthYear': {
      const year = entities.birthYear ?? (entities.age !== undefined ? now.getFullYear() - entities.age : undefined);
      return year !== undefined && isPlausibleBirthYear(year, now) ? year : undefined;
    }
    case 'phone':
      return entities.phone;
  }
}

/**
 * A name as people give it: "Aisha Ali", "hun hedder Aisha Ali", "اسمي فاطمة". `implausible`: a
 * one-word "ja" or "ok" is an answer, not a name (asked again, accepted if the same word is repeated).
 */
export function recogniseName(ctx: TurnContext, services: DialogServices): { name: string; whose?: 'self' | 'other' } | { implausible: string } | undefined {
  const text = (ctx.activity.text ?? '').trim();
  // "skift sprog" is letters too: a message the understanding is very sure is a request is no name.
  // Names often hold everyday words ("Bo", "Deltager"), so only a near-certain request counts.
  const p = turnInfo(ctx).parse;
  if (p && !NAME_LIKE_INTENTS.includes(p.intent) && p.confidence >= REQUEST_NOT_NAME) return undefined;
  const found = nameInSentence(text, services.i18n);
  const parsed = nameSchema.safeParse(found.name.replace(/\s+/g, ' '));
  if (!parsed.success) return undefined;
  if (isImplausibleName(parsed.data, services.i18n)) return { implausible: parsed.data };
  return { name: parsed.data, whose: found.whose };
}

/** The prompt itself: botbuilder-dialogs keeps its options in the conversation state. */
export class AskPrompt extends Prompt<string | number> {
  constructor(private readonly services: DialogServices) {
    super(ASK_PROMPT);
  }

  protected async onPrompt(ctx: TurnContext, state: PromptState, options: PromptOptions, isRetry: boolean): Promise<void> {
    const ask = options.validations as Ask;
    const info = turnInfo(ctx);
    const fallback = this.services.i18n.fallback;
    const question = render(info, ask.text, fallback);
    const retry: LocalText = isRetry && state.implausible ? { key: 'signup:retry.implausibleName', vars: { answer: state.implausible } } : ask.retry;
    const text = isRetry ? `${render(info, retry, fallback)}\n\n${question}` : question;
    const choices = choicesOf(ask).map((c) => ({ value: c.value, title: render(info, c.title, fallback) }));
    await say(ctx, text, { prompt: ask.slot, choices });
  }

  protected async onRecognize(ctx: TurnContext, state: PromptState, options: PromptOptions): Promise<PromptRecognizerResult<string | number>> {
    const ask = options.validations as Ask;
    const value = recognise(ctx, ask, this.services);
    if (value !== undefined) return { succeeded: true, value };
    if (ask.kind === 'name') {
      const name = recogniseName(ctx, this.services);
      if (name && 'implausible' in name) {
        const messageId = ctx.activity.id ?? '';
        if (state.implausibleIn === messageId) return { succeeded: false };
        // Said twice, it is meant: some names are everyday words.
        if (state.implausible?.toLowerCase() === name.implausible.toLowerCase()) return { succeeded: true, value: name.implausible };
        state.implausible = name.implausible;
        state.implausibleIn = messageId;
        return { succeeded: false };
      }
    }
    delete state.implausible;
    delete state.implausibleIn;
    return { succeeded: false };
  }
}

/** Options for `step.prompt(ASK_PROMPT, askOptions(...))`. */
export function askOptions(ask: Ask): PromptOptions {
  return { validations: ask };
}
