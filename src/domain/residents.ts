// A resident is one person on one channel. Language and consent live here, not in chat state,
// so they survive restarts and are shared by every bot instance.
import { findGuardianCode, withoutGuardianCode } from './guardian';

export type LanguageSource = 'explicit' | 'detected' | 'channel';

export interface Resident {
  id: string;
  channelId: string;
  channelUserId: string;
  language: string | null;
  languageSource: LanguageSource | null;
  consentAt: Date | null;
  firstName: string | null;
  isNew: boolean;
  /** Seats this resident got from a waitlist and has not been told about yet. */
  pendingPromotions: number;
}

/** Port: resident storage. */
export interface ResidentRepository {
  findOrCreate(channelId: string, channelUserId: string): Promise<Resident>;
  setLanguage(id: string, language: string, source: LanguageSource): Promise<void>;
  /** The resident said yes to storing their details (the privacy text they read is CONSENT_VERSION). */
  recordConsent(id: string, at: Date): Promise<void>;
}

/**
 * Which language to answer in. An explicit choice wins; otherwise a confident detection from
 * this message; otherwise what we used before; otherwise the channel's locale; otherwise the default.
 */
export function resolveLanguage(input: {
  stored: string | null;
  storedSource: LanguageSource | null;
  detected: string | null;
  channelLocale: string | undefined;
  supported: readonly string[];
  fallback: string;
}): { language: string; source: LanguageSource } {
  const { stored, storedSource, detected, supported } = input;
  if (stored && storedSource === 'explicit' && supported.includes(stored)) return { language: stored, source: 'explicit' };
  if (detected && supported.includes(detected)) return { language: detected, source: 'detected' };
  if (stored && supported.includes(stored)) return { language: stored, source: storedSource ?? 'detected' };
  const fromChannel = input.channelLocale?.toLowerCase().split(/[-_]/)[0];
  if (fromChannel && supported.includes(fromChannel)) return { language: fromChannel, source: 'channel' };
  return { language: input.fallback, source: 'channel' };
}

/**
 * What one message says about the language to answer in, before resolveLanguage weighs it against
 * the stored one: the detected language, or null when the message is no evidence.
 * - A tapped button, a number, an emoji, a name: no evidence.
 * - Mostly Arabic letters: Arabic, understood or not (dialect, a Danish word inside).
 * - Before the resident has written anything we read (language from the channel only): a message
 *   that was understood, or a sentence of three words or more (an Arabizi writer's first message
 *   is Arabic, even when not understood); "zzz qqq" is no evidence.
 * - Later, in Latin letters: only a real sentence that was understood (at least two words, not
 *   a bare greeting or thanks). "ok tak", "ja", "Omar Khalil", "2012" after Arabic change nothing.
 */
export function languageEvidence(m: {
  text: string;
  detected: string;
  understood: boolean;
  /** The understanding read a greeting, thanks or small talk: says little about the language. */
  smallTalk: boolean;
  button: boolean;
  storedSource: LanguageSource | null;
  /**
   * The message answers a question whose answer is a name, a phone number or a year: "Hiba Celik"
   * or "Jamal Dahl" in Latin letters says nothing about the language (Arabic script still does).
   */
  freeTextAnswer?: boolean;
}): string | null {
  if (m.button) return null;
  const letters = m.text.match(/\p{L}/gu) ?? [];
  if (!letters.length) return null;
  if (letters.filter((c) => /[\u0600-\u06FF]/.test(c)).length * 2 > letters.length) return m.detected;
  if (m.freeTextAnswer) return null;
  // A guardian code ("K7PQ-3XZ2") is letters and digits like Arabizi, but says nothing about the
  // language: a message that is little more than a code keeps the language the resident has.
  if (findGuardianCode(m.text) && wordsBesideCode(m.text) < 2) return null;
  const words = m.text.split(/[^\p{L}\p{N}']+/u).filter((w) => /\p{L}{2,}/u.test(w));
  if (!m.storedSource || m.storedSource === 'channel') return (m.understood && words.length) || words.length >= 3 ? m.detected : null;
  return m.understood && !m.smallTalk && words.length >= 2 ? m.detected : null;
}

/** Words of two letters or more in a message once the code in it is taken out. */
function wordsBesideCode(text: string): number {
  return withoutGuardianCode(text).split(/[^\p{L}]+/u).filter((w) => w.length >= 2).length;
}

/** Questions whose answer is a name, a phone number or a year (see languageEvidence). */
export const FREE_TEXT_SLOTS: ReadonlySet<string> = new Set(['name', 'guardianName', 'phone', 'guardianPhone', 'birthYear']);

/** Bump when the consent text in locales/<lang>/signup.json changes in substance. */
export const CONSENT_VERSION = '2026-11-25';
