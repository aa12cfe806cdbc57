// One prompt for every question a flow asks. It renders its question from locale keys at the
// moment it asks (so a language switch mid-flow re-asks in the new language), offers choices
// with stable values, and recognises answers per kind: a choice (value, title or number),
// yes/no, a name, a birth year (or an age), a Danish phone number.
import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import { isPlausibleBirthYear } from '../src/domain/eligibility';
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
      if (picked || ask.kind === 'choice') return picked;
      return yesNoWord(text, services);
    }
    case 'name': {
      // "skift sprog" is letters too: a message the understanding is very sure is a request is no name.
      // Names often hold everyday words ("Bo", "Deltager"), so only a near-certain request counts.
      const p = info.parse;
      if (p && !NAME_LIKE_INTENTS.includes(p.intent) && p.confidence >= REQUEST_NOT_NAME) return undefined;
      const parsed = nameSchema.safeParse(text.replace(/\s+/g, ' '));
      return parsed.success ? parsed.data : undefined;
    }
    case 'birthYear': {
      const year = entities.birthYear ?? (entities.age !== undefined ? now.getFullYear() - entities.age : undefined);
      return year !== undefined && isPlausibleBirthYear(year, now) ? year : undefined;
    }
    case 'phone':
      return entities.phone;
  }
}

/** "ja", "ok", "نعم", "yes"… in any of the languages: people answer in the language they think in. */
function yesNoWord(text: string, services: DialogServices): string | undefined {
  const word = text.toLowerCase().replace(/[!.?،,]+/g, '').trim();
  for (const lang of services.i18n.languages) {
    if (services.i18n.list(lang, 'common:answers.words.yes').includes(word)) return 'yes';
    if (services.i18n.list(lang, 'common:answers.words.no').includes(word)) return 'no';
  }
  return undefined;
}

/** The prompt itself: botbuilder-dialogs keeps its options in the conversation state. */
export class AskPrompt extends Prompt<string | number> {
  constructor(private readonly services: DialogServices) {
    super(ASK_PROMPT);
  }

  protected async onPrompt(ctx: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const ask = options.validations as Ask;
    const info = turnInfo(ctx);
    const fallback = this.services.i18n.fallback;
    const question = render(info, ask.text, fallback);
    const text = isRetry ? `${render(info, ask.retry, fallback)}\n\n${question}` : question;
    const choices = choicesOf(ask).map((c) => ({ value: c.value, title: render(info, c.title, fallback) }));
    await say(ctx, text, { prompt: ask.slot, choices });
  }

  protected async onRecognize(ctx: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<string | number>> {
    const value = recognise(ctx, options.validations as Ask, this.services);
    return value === undefined ? { succeeded: false } : { succeeded: true, value };
  }
}

/** Options for `step.prompt(ASK_PROMPT, askOptions(...))`. */
export function askOptions(ask: Ask): PromptOptions {
  return { validations: ask };
}
