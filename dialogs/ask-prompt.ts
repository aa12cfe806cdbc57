// One prompt for every question a flow asks. It renders its question from locale keys at the
// moment it asks (so a language switch mid-flow re-asks in the new language), offers choices
// with stable values, and recognises answers per kind: a choice (value, title or number),
// yes/no, a name, a birth year (or an age), a Danish phone number.
import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from './sdk';
import { z } from 'zod';
import { isPlausibleBirthYear } from '../src/domain/eligibility';
import { foldText } from '../src/understanding';
import { isImplausibleName, nameInSentence, selfOrChild, withoutPhone, yesOrNo, yesOrNoLoose } from './answer-words';
import { choiceWords, matchChoice, missingDay, weekdaysOf, type Option } from './choices';
import { say } from './reply';
import { turnInfo, type DialogServices, type TurnInfo } from './turn';

export type LocalText = { key: string; vars?: Record<string, unknown> } | { byLang: Record<string, string> };
export interface ChoiceSpec {
  value: string;
  title: LocalText;
  /** Other words that name it (a schedule), in any language. */
  names?: string[];
  /** A session's start (ISO): days, dates and times pick it. */
  when?: string;
}
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
  /** The options the last answer could mean ("makerspace"): shown alone, tried first. */
  narrow?: string[];
  /** The last answer named a day no option is on: said so, with the days there are (-1: a date). */
  missingDay?: number;
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

/** What an answer to `ask` gives: a value, the few options it could mean, or only other slots (a phone when a name was asked). */
export type Recognised = { value: string | number } | { ambiguous: string[] } | { only: 'extras' } | { missingDay: number };

/** A value that answers no question itself: the message filled other slots (see signup-flow). */
export const EXTRAS_ONLY = '~extras';

function optionsOf(info: TurnInfo, ask: Ask, services: DialogServices): Option[] {
  const { i18n } = services;
  return choicesOf(ask).map((c) => ({
    value: c.value,
    title: render(info, c.title, i18n.fallback),
    // The title in every language, and what else names it (a schedule): people answer in the language they think in.
    names: [...i18n.languages.map((l) => render({ ...info, lang: l, t: (k, v) => i18n.t(l, k, v) }, c.title, i18n.fallback)), ...(c.names ?? [])],
    when: c.when,
  }));
}

/** Recognises an answer to `ask`; `narrow`: the options a former answer could mean, tried first. */
export function recogniseAnswer(ctx: TurnContext, ask: Ask, services: DialogServices, narrow?: string[], part?: string): Recognised | undefined {
  const info = turnInfo(ctx);
  // `part`: only these words of the message are the answer (what follows "I meant …"); the message's entities are not theirs.
  const text = (part ?? ctx.activity.text ?? '').trim();
  const entities = part === undefined ? info.parse?.entities ?? {} : {};
  const now = services.now();
  const { i18n } = services;
  switch (ask.kind) {
    case 'choice':
    case 'yesno': {
      const all = optionsOf(info, ask, services);
      const words = choiceWords(i18n);
      const lists = narrow?.length ? [all.filter((o) => narrow.includes(o.value)), all] : [all];
      for (const [i, options] of lists.entries()) {
        // A plain value, title or number first; a yes/no in words before a loose reading of titles.
        const plain = matchChoice(text, options, { number: entities.number });
        if (plain && 'picked' in plain) return { value: plain.picked.value };
        if (ask.kind === 'yesno' && i === lists.length - 1) {
          const yn = yesOrNo(text, i18n);
          if (yn) return { value: yn };
        }
        const loose = matchChoice(text, options, { number: entities.number, words });
        if (loose && 'picked' in loose) return { value: loose.picked.value };
        if (loose && 'ambiguous' in loose && loose.ambiguous.length < options.length) return { ambiguous: loose.ambiguous.map((o) => o.value) };
      }
      if (ask.kind === 'yesno') {
        const yn = yesOrNoLoose(text, i18n, words.buts);
        return yn ? { value: yn } : undefined;
      }
      // "fredag" when it is on Tuesdays: an answer to this question, told which days there are.
      const missing = missingDay(text, all, words);
      if (missing) return { missingDay: missing.weekday ?? -1 };
      const values = all.map((c) => c.value);
      // An activity named the way the understanding knows it (aliases, misspellings).
      if (entities.activity && values.includes(entities.activity) && !/[?؟]/.test(text)) return { value: entities.activity };
      // "mig selv", "ana", "min søn", "بنتي", "han er 13": who the sign-up is for, in any language.
      if (values.includes('self') && values.includes('child')) {
        const who = selfOrChild(text, i18n) ?? (text.split(/\s+/).length <= 6 ? entities.who : undefined);
        return who ? { value: who } : undefined;
      }
      return undefined;
    }
    case 'name': {
      const picked = ask.choices?.length ? matchChoice(text, optionsOf(info, ask, services)) : undefined;
      if (picked && 'picked' in picked) return { value: picked.picked.value };
      // Asked for a surname: "nej", "ja det er det" keep the one name.
      if (ask.choices?.some((c) => c.value === 'single') && yesOrNo(text, i18n)) return { value: 'single' };
      const name = recogniseName(ctx, services);
      if (name && 'name' in name) return { value: name.name };
      // Only a phone number: taken for later, the name is asked again.
      if (entities.phone && !withoutPhone(text, i18n)) return { only: 'extras' };
      return undefined;
    }
    case 'birthYear': {
      // A bare "13" to "which year were you born?" is an age; "2013", "født 2013", "han er 13", "3omro 13" too.
      const age = entities.age ?? (entities.number !== undefined && entities.number >= 3 && entities.number <= 30 && entities.birthYear === undefined ? entities.number : undefined) ?? (entities.birthYear === undefined ? ageBesideName(text, services) : undefined);
      const year = entities.birthYear ?? (age !== undefined ? now.getFullYear() - age : undefined);
      return year !== undefined && isPlausibleBirthYear(year, now) ? { value: year } : undefined;
    }
    case 'phone':
      return entities.phone ? { value: entities.phone } : undefined;
  }
}

/**
 * "Lina, 13", "Omar 14": to the birth-year question, a short answer with one small number and a
 * word or two beside it (the child's name) gives the age.
 */
export function ageBesideName(text: string, services: DialogServices): number | undefined {
  const folded = foldText(text).toLowerCase();
  if (/[?؟:]/u.test(folded)) return undefined;
  const numbers = [...folded.matchAll(/(?<![\d+])\d{1,2}(?!\d)/gu)].map((m) => Number(m[0]));
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !/^\d+$/u.test(w));
  if (numbers.length !== 1 || numbers[0] < 3 || numbers[0] > 30 || !words.length || words.length > 3) return undefined;
  // "torsdag 15", "kl 15": a day or a time, not a name and an age.
  const days = new Set(services.i18n.languages.flatMap((l) => [0, 1, 2, 3, 4, 5, 6].map((d) => foldText(weekdayName(services, l, d)).toLowerCase())));
  return words.every((w) => w.length >= 3 && !days.has(w)) ? numbers[0] : undefined;
}

/** Recognises an answer to `ask`; undefined when it does not fit (or could mean several options). */
export function recognise(ctx: TurnContext, ask: Ask, services: DialogServices): string | number | undefined {
  const r = recogniseAnswer(ctx, ask, services);
  if (!r) return undefined;
  if ('value' in r) return r.value;
  return 'only' in r ? EXTRAS_ONLY : undefined;
}

/** Does the message answer `ask` (a value, the few options it could mean, or other slots)? */
export function fitsAsk(ctx: TurnContext, ask: Ask, services: DialogServices, narrow?: string[]): boolean {
  return recogniseAnswer(ctx, ask, services, narrow) !== undefined;
}

/**
 * A name as people give it: "Aisha Ali", "hun hedder Aisha Ali", "اسمي فاطمة". `implausible`: a
 * one-word "ja" or "ok" is an answer, not a name (asked again, accepted if the same word is repeated).
 */
export function recogniseName(ctx: TurnContext, services: DialogServices): { name: string; whose?: 'self' | 'other' } | { implausible: string } | undefined {
  const raw = (ctx.activity.text ?? '').trim();
  // "Leila Mansour 31570246": the name is what is left without the number (kept by the flow).
  const text = turnInfo(ctx).parse?.entities.phone ? withoutPhone(raw, services.i18n) : raw;
  if (!text) return undefined;
  // "hvor ligger det?", "what time": a question is no name, however letter-like.
  const first = text.split(/\s+/)[0].toLowerCase();
  if (/[?؟]/.test(text) || choiceWords(services.i18n).buts.has(first)) return undefined;
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
    const narrow = isRetry && state.narrow?.length ? state.narrow : undefined;
    if (isRetry && state.missingDay !== undefined) return this.promptDays(ctx, ask, state.missingDay);
    const retry: LocalText = isRetry && state.implausible ? { key: 'signup:retry.implausibleName', vars: { answer: state.implausible } } : ask.retry;
    // Two options fit the answer: only those, and the question is which.
    const text = narrow ? info.t('signup:retry.which') : isRetry ? `${render(info, retry, fallback)}\n\n${question}` : question;
    const choices = choicesOf(ask)
      .filter((c) => !narrow || narrow.includes(c.value))
      .map((c) => ({ value: c.value, title: render(info, c.title, fallback) }));
    // An answer that fit none of the options ("السبت" when no day is a Saturday): say in words what
    // there is to choose, not only on the buttons (channels without buttons number them anyway).
    const listed =
      isRetry && !narrow && info.buttons && ask.kind === 'choice' && choices.length
        ? `${text}\n${choices.map((c, i) => info.t('common:choices.numbered', { n: i + 1, title: c.title })).join('\n')}`
        : text;
    await say(ctx, listed, { prompt: ask.slot, choices });
  }

  /** "Not on Friday: it is on Tuesdays." and the dates, numbered, so any channel can answer. */
  private async promptDays(ctx: TurnContext, ask: Ask, missing: number): Promise<void> {
    const info = turnInfo(ctx);
    const fallback = this.services.i18n.fallback;
    const choices = choicesOf(ask).map((c) => ({ value: c.value, title: render(info, c.title, fallback) }));
    const options = choicesOf(ask).map((c) => ({ value: c.value, title: '', when: c.when }));
    const days = this.services.i18n.joinWords(info.lang, weekdaysOf(options).map((d) => weekdayName(this.services, info.lang, d)));
    const intro = missing >= 0
      ? info.t('signup:retry.noSuchDay', { day: weekdayName(this.services, info.lang, missing), days })
      : info.t('signup:retry.noSuchDate', { days });
    // Without buttons say() numbers the choices itself.
    const list = info.buttons ? choices.map((c, i) => info.t('common:choices.numbered', { n: i + 1, title: c.title })) : [];
    await say(ctx, [intro, ...list].join('\n'), { prompt: ask.slot, choices });
  }

  protected async onRecognize(ctx: TurnContext, state: PromptState, options: PromptOptions): Promise<PromptRecognizerResult<string | number>> {
    const ask = options.validations as Ask;
    const found = recogniseAnswer(ctx, ask, this.services, state.narrow);
    if (found && 'value' in found) return { succeeded: true, value: found.value };
    if (found && 'only' in found) return { succeeded: true, value: EXTRAS_ONLY };
    if (found && 'ambiguous' in found) {
      state.narrow = found.ambiguous;
      return { succeeded: false };
    }
    delete state.narrow;
    delete state.missingDay;
    if (found && 'missingDay' in found) {
      state.missingDay = found.missingDay;
      return { succeeded: false };
    }
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

/** A weekday's name in a language: 0 = Sunday (4 January 1970 was a Sunday). */
export function weekdayName(services: DialogServices, lang: string, weekday: number): string {
  const locale = services.i18n.t(lang, 'common:meta.dateLocale');
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(1970, 0, 4 + weekday)));
}

/** Options for `step.prompt(ASK_PROMPT, askOptions(...))`. */
export function askOptions(ask: Ask): PromptOptions {
  return { validations: ask };
}
