// A resident is one person on one channel. Language and consent live here, not in chat state,
// so they survive restarts and are shared by every bot instance.

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

/** Bump when the consent text in locales/<lang>/signup.json changes in substance. */
export const CONSENT_VERSION = '2026-11-25';
