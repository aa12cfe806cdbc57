// What every dialog needs to know about the current turn, set once by the turn pipeline (src/bot).
import type { TurnContext } from 'botbuilder';
import type { Catalogue } from '../src/domain/catalogue';
import type { Resident, ResidentRepository } from '../src/domain/residents';
import type { PrivacyRepository } from '../src/domain/privacy';
import type { RetentionPolicy } from '../src/domain/retention';
import type { I18n, T } from '../src/i18n';
import type { Logger } from '../src/log';
import type { ParseResult } from '../src/understanding';
import type { HandoffPort } from './handoff';
import type { KnowledgeAnswers } from './knowledge';
import type { DialogueMemory } from './memory';

export interface TurnInfo {
  lang: string;
  t: T;
  resident: Resident;
  /** The understanding of this message, or null for non-text activities. */
  parse: ParseResult | null;
  /** False on channels without buttons (SMS): choices are numbered instead. */
  buttons: boolean;
  /** The conversation's memory (focus, last choices), saved with the conversation state. */
  memory?: DialogueMemory;
  /** The message began with a greeting and `parse` is of what followed it ("hej, hvornår …"). */
  greeted?: boolean;
}

export interface DialogServices {
  catalogue: Catalogue;
  i18n: I18n;
  residents: ResidentRepository;
  /** What is stored about a resident, and its erasure (dialogs/privacy-rights.ts). */
  privacy?: PrivacyRepository;
  /** The retention periods (the privacy summary states them). */
  retention?: RetentionPolicy;
  log: Logger;
  now: () => Date;
  /** Below this confidence the understanding is unsure (see src/understanding). */
  threshold: number;
  /** Hands the conversation to staff in Teams (absent: the resident is told to write or call). */
  handoff?: HandoffPort;
  /** PROGRAMME_CONTACT: how residents reach the programme outside the chat (phone, e-mail, address). */
  programmeContact?: string;
  /** The plan, practical facts and referrals beyond the catalogue (dialogs/knowledge.ts). */
  knowledge?: KnowledgeAnswers;
}

const TURN_INFO = Symbol.for('kvarterbot.turn');

export function setTurnInfo(ctx: TurnContext, info: TurnInfo): void {
  ctx.turnState.set(TURN_INFO, info);
}

export function turnInfoOrNull(ctx: TurnContext): TurnInfo | null {
  return (ctx.turnState.get(TURN_INFO) as TurnInfo | undefined) ?? null;
}

export function turnInfo(ctx: TurnContext): TurnInfo {
  const info = ctx.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('turn info missing: the turn pipeline sets it before dialogs run');
  return info;
}

/** Switches the language for the rest of the turn (and, through the caller, for good). */
export function switchTurnLanguage(ctx: TurnContext, i18n: I18n, lang: string): TurnInfo {
  const info = { ...turnInfo(ctx), lang, t: i18n.fixedT(lang) };
  setTurnInfo(ctx, info);
  return info;
}
