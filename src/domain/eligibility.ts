// Who may join what. Ages come from the catalogue; the law's line for a minor's own consent
// (guardianRequiredUnder, 15 for the youth jobs) is data too; the guardian rule itself is in guardian.ts.
import type { Activity } from './catalogue';

export type Participant = 'self' | 'child';

/** The age someone born in `birthYear` reaches this calendar year. */
export function ageThisYear(birthYear: number, now: Date): number {
  return now.getFullYear() - birthYear;
}

export function isPlausibleBirthYear(year: number, now: Date): boolean {
  return year >= now.getFullYear() - 110 && year <= now.getFullYear();
}

export type Eligibility = { ok: true } | { ok: false; reason: 'too_young' | 'too_old'; age: number };

export function checkAge(activity: Activity, birthYear: number, now: Date): Eligibility {
  const age = ageThisYear(birthYear, now);
  if (activity.minAge !== null && age < activity.minAge) return { ok: false, reason: 'too_young', age };
  if (activity.maxAge !== null && age > activity.maxAge) return { ok: false, reason: 'too_old', age };
  return { ok: true };
}

/** Other activities that fit this age, for someone who is too young or too old. */
export function alternativesForAge(all: Activity[], birthYear: number, now: Date, except: string): Activity[] {
  return all.filter((a) => a.id !== except && a.signupMode !== 'contact' && (a.minAge !== null || a.maxAge !== null) && checkAge(a, birthYear, now).ok);
}

/** Which activity in a category fits an age best (e.g. pocket-money job at 13, the job course at 15). */
export function bestForAge(candidates: Activity[], birthYear: number | null, now: Date): Activity | undefined {
  if (birthYear === null) return undefined;
  const fitting = candidates.filter((a) => checkAge(a, birthYear, now).ok);
  return fitting.length === 1 ? fitting[0] : undefined;
}
