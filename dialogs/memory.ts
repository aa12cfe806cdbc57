// What the conversation remembers between turns, bounded: the activity in focus (the one just
// shown or chosen, so "hvornår og hvor?", "is it free?", "و وين؟", "tilmeld" are about it), the
// choices of the bot's last message (so a typed "2" or a title picks from any menu), and how many
// messages in a row were not understood. Kept in the conversation state by the turn pipeline.
import type { TurnContext } from 'botbuilder';
import type { Activity } from '../src/domain/catalogue';
import type { Choice } from './reply';
import { turnInfoOrNull } from './turn';

export interface Focus {
  activityId: string;
  audience?: string;
  /** ms since epoch: a focus older than FOCUS_MINUTES is forgotten. */
  at: number;
}

export interface DialogueMemory {
  focus?: Focus;
  /** The choices of the bot's last message, if it offered any. */
  offered?: Choice[];
  /** Messages not understood in a row (the clarifying question changes on the second). */
  misses: number;
  /**
   * The message a clarifying question was about, while that question is the bot's last message:
   * a rephrase is read together with it ("the course" after "when is it for my daughter?"). Kept
   * for one turn only: the bot's next message forgets it.
   */
  clarifying?: { text: string };
  /** The slot the bot's last message asked for (channelData.prompt), if it asked for one. */
  asked?: string;
  /**
   * The language the welcome was shown in before the resident wrote anything (web chat greets on
   * join, before the language is known). Forgotten at the resident's first message.
   */
  welcomedIn?: string;
}

/** A follow-up half an hour later is a new topic. */
export const FOCUS_MINUTES = 30;
/** The longest menu kept (the whole catalogue is about a dozen). */
const OFFERED_KEPT = 20;

export function emptyMemory(): DialogueMemory {
  return { misses: 0 };
}

function memoryOf(ctx: TurnContext): DialogueMemory | null {
  return turnInfoOrNull(ctx)?.memory ?? null;
}

/** Called for every message the bot sends in a turn: the last one's choices are what a number picks from. */
export function rememberOffered(ctx: TurnContext, choices: Choice[] | undefined, prompt?: string): void {
  const m = memoryOf(ctx);
  if (!m) return;
  delete m.clarifying;
  if (prompt) m.asked = prompt;
  else delete m.asked;
  if (choices?.length) m.offered = choices.slice(0, OFFERED_KEPT).map((c) => ({ value: c.value, title: c.title }));
  else delete m.offered;
}

export function offered(ctx: TurnContext): Choice[] {
  return memoryOf(ctx)?.offered ?? [];
}

/** The activity just shown or chosen becomes what follow-ups are about. */
export function setFocus(ctx: TurnContext, a: Pick<Activity, 'id' | 'audience'>, now: Date): void {
  const m = memoryOf(ctx);
  if (m) m.focus = { activityId: a.id, audience: a.audience, at: now.getTime() };
}

export function focusOf(ctx: TurnContext, now: Date): Focus | undefined {
  const f = memoryOf(ctx)?.focus;
  return f && now.getTime() - f.at < FOCUS_MINUTES * 60_000 ? f : undefined;
}

/** Counts a message not understood (returns how many in a row), or resets the count. */
export function countMiss(ctx: TurnContext, missed: boolean): number {
  const m = memoryOf(ctx);
  if (!m) return missed ? 1 : 0;
  m.misses = missed ? m.misses + 1 : 0;
  return m.misses;
}

/** The clarifying question just asked was about `text` (see DialogueMemory.clarifying). */
export function rememberClarifying(ctx: TurnContext, text: string): void {
  const m = memoryOf(ctx);
  if (m) m.clarifying = { text: text.slice(0, 300) };
}

/** The message the bot's last message (a clarifying question) asked about, if it was one. */
export function clarifyingAbout(ctx: TurnContext): string | undefined {
  return memoryOf(ctx)?.clarifying?.text;
}

/** The slot the bot's last message asked for ("activity" after offers), before this turn's replies. */
export function lastAsked(ctx: TurnContext): string | undefined {
  return memoryOf(ctx)?.asked;
}

/** The welcome was just shown in `lang`, before the resident wrote. */
export function rememberWelcome(ctx: TurnContext, lang: string): void {
  const m = memoryOf(ctx);
  if (m) m.welcomedIn = lang;
}

/**
 * True once, at the resident's first message, when the welcome they were shown was in another
 * language than the one they write ("مرحبا …" after a Danish welcome): they are welcomed again in theirs.
 */
export function welcomeOwed(ctx: TurnContext, lang: string): boolean {
  const m = memoryOf(ctx);
  if (!m?.welcomedIn) return false;
  const owed = m.welcomedIn !== lang;
  delete m.welcomedIn;
  return owed;
}
