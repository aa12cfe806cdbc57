// What a view gets from the page: the texts, the page's language, and where errors go.
import i18next from 'i18next';

export const t = (key: string, vars?: Record<string, unknown>): string => i18next.t(key, vars) as string;
export const lang = (): string => i18next.language;

let names: Record<string, string> = {};
/** A language's own name ("العربية"), for the codes the API gives. */
export const languageName = (code: string | null): string | null => (code ? names[code] ?? code : null);
export function setLanguageNames(n: Record<string, string>): void {
  names = n;
}

export interface Ctx {
  /** Shows an API error as a sentence (401 outside Teams: back to sign-in). */
  fail(err: unknown): void;
}
