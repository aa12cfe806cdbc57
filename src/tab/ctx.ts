// What a view gets from the page: the texts, the page's language, and where errors go.
import i18next from 'i18next';

export const t = (key: string, vars?: Record<string, unknown>): string => i18next.t(key, vars) as string;
export const lang = (): string => i18next.language;

export interface Ctx {
  /** Shows an API error as a sentence (401 outside Teams: back to sign-in). */
  fail(err: unknown): void;
}
