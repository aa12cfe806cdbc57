// The guardian rule, once (issue 16), and the guardian's yes (issue 14).
//
// Who is the guardian in a sign-up:
// - a parent signing up their child IS the guardian: their own name and phone are asked, and their
//   sign-up is their yes;
// - a young person under the activity's line (Activity.guardianRequiredUnder, 15 for the youth jobs)
//   signing up alone needs a guardian's yes: the parent's name and phone are asked, the seat is held
//   as `pending_guardian`, and the parent answers by link, by code in the chat, or staff after a call;
// - anyone else: no guardian.
// The sign-up dialog asks by `asksGuardianContact`, the store decides the status by `awaitsGuardianYes`.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Activity } from './catalogue';
import { ageThisYear, type Participant } from './eligibility';
import { CODE_ALPHABET, type RegistrationStatus } from './registrations';

export type GuardianRole = 'none' | 'signs_up' | 'must_agree';

export function guardianRole(
  activity: Pick<Activity, 'guardianRequiredUnder'>,
  participant: Participant,
  birthYear: number | null,
  now: Date,
): GuardianRole {
  if (participant === 'child') return 'signs_up';
  if (activity.guardianRequiredUnder === null) return 'none';
  // No birth year known: a minor cannot be ruled out, so the guardian must agree.
  return birthYear === null || ageThisYear(birthYear, now) < activity.guardianRequiredUnder ? 'must_agree' : 'none';
}

/** The guardian's name and phone are asked: a parent gives their own, a young person their parent's. */
export const asksGuardianContact = (role: GuardianRole): boolean => role !== 'none';

/** The sign-up waits for a guardian's yes before it is confirmed. */
export const awaitsGuardianYes = (role: GuardianRole): boolean => role === 'must_agree';

/** A sign-up moved up from the waitlist still waits when a guardian must agree and has not said yes yet. */
export function stillAwaitsGuardianYes(role: GuardianRole, answer: string | null | undefined): boolean {
  return awaitsGuardianYes(role) && answer !== 'yes';
}

/**
 * The status a registration gets when it holds a seat (at sign-up with seats free, or moved up from
 * the waitlist): confirmed, unless a guardian's yes is still missing.
 */
export function seatedStatus(waitingForGuardian: boolean): RegistrationStatus {
  return waitingForGuardian ? 'pending_guardian' : 'confirmed';
}

export type GuardianAnswer = 'yes' | 'no';
/** How the answer came: the parent's page, the parent's code in the chat, staff after a call, or no answer in time. */
export type GuardianChannel = 'page' | 'chat' | 'staff' | 'timeout';

/** What the child is given for the parent: a long token for the link, a short code for the chat. Only hashes are stored. */
export interface GuardianInvite {
  token: string;
  code: string;
  expiresAt: Date;
  /** The time to answer once the sign-up holds a seat (GUARDIAN_ANSWER_HOURS). */
  answerHours: number;
}

/** A short code a parent can type: 8 characters of the reference-code alphabet with at least two digits, shown as ABCD-2345. */
export function newGuardianCode(): string {
  for (;;) {
    const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const digits = raw.replace(/[^0-9]/g, '').length;
    if (digits >= 2 && digits <= 6) return `${raw.slice(0, 4)}-${raw.slice(4)}`;
  }
}

export function newGuardianInvite(now: Date, answerHours: number): GuardianInvite {
  return { token: randomBytes(32).toString('base64url'), code: newGuardianCode(), expiresAt: answerDeadline(now, answerHours), answerHours };
}

export function answerDeadline(from: Date, answerHours: number): Date {
  return new Date(from.getTime() + answerHours * 3_600_000);
}

/** Tokens and codes are stored as SHA-256 hashes: a database copy opens no parent's page. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The code as stored: upper case, no dash or spaces ("abcd 2345" → "ABCD2345"). */
export function normaliseGuardianCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

const CODE_IN_TEXT = /(?<![A-Za-z0-9])([A-HJKMNP-Za-hjkmnp-z2-9]{4})[\s-]?([A-HJKMNP-Za-hjkmnp-z2-9]{4})(?![A-Za-z0-9])/;

/** A guardian code in a message ("koden er abcd-2345"), or null. Needs two digits, so ordinary words never match. */
export function findGuardianCode(text: string): string | null {
  const m = CODE_IN_TEXT.exec(text);
  if (!m) return null;
  const code = normaliseGuardianCode(m[1] + m[2]);
  const digits = code.replace(/[^0-9]/g, '').length;
  return digits >= 2 && digits <= 6 ? code : null;
}

/** The message with its guardian code (as findGuardianCode finds it) taken out. */
export function withoutGuardianCode(text: string): string {
  return text.replace(CODE_IN_TEXT, ' ');
}

/** What the parent is shown: what their child signed up for and what is stored. */
export interface GuardianCase {
  requestId: string;
  registrationId: string;
  referenceCode: string;
  activityId: string;
  sessionStartsAt: Date | null;
  status: RegistrationStatus;
  participantName: string | null;
  participantBirthYear: number | null;
  participantPhone: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  residentId: string;
  expiresAt: Date;
  answer: GuardianAnswer | null;
}

/** Whether the parent can still answer: not answered, not expired, and the sign-up still stands. */
export function openForAnswer(c: Pick<GuardianCase, 'answer' | 'expiresAt' | 'status'>, now: Date): boolean {
  return c.answer === null && c.status !== 'cancelled' && (c.status === 'waitlisted' || c.expiresAt.getTime() > now.getTime());
}

export type GuardianOutcome =
  | { ok: true; case: GuardianCase; status: RegistrationStatus }
  | { ok: false; reason: 'not_found' | 'answered' | 'expired' };

/** Port: guardian requests, each change one transaction with the registration it belongs to. */
export interface GuardianRepository {
  byId(requestId: string): Promise<GuardianCase | null>;
  byToken(token: string): Promise<GuardianCase | null>;
  byCode(code: string): Promise<GuardianCase | null>;
  byReference(referenceCode: string): Promise<GuardianCase | null>;
  /** Yes confirms (or keeps a waitlisted place, confirmed when it moves up); no cancels and releases the seat. Single use. */
  answer(requestId: string, answer: GuardianAnswer, via: GuardianChannel, at?: Date): Promise<GuardianOutcome>;
  /** Requests whose registration holds a seat and whose time to answer ran out. */
  overdue(now: Date): Promise<string[]>;
}

/** The messages the child (the resident who signed up) is sent after the parent's answer. */
export function childNoticeKey(answer: GuardianAnswer, via: GuardianChannel, status: RegistrationStatus): string {
  if (answer === 'yes') return status === 'waitlisted' ? 'guardian:toChild.yesWaitlisted' : 'guardian:toChild.yes';
  return via === 'timeout' ? 'guardian:toChild.expired' : 'guardian:toChild.no';
}

/** The timeout job: every seat still waiting for a guardian after its time is released; returns how many. */
export async function releaseOverdue(repo: GuardianRepository, now: Date): Promise<number> {
  let released = 0;
  for (const id of await repo.overdue(now)) if ((await repo.answer(id, 'no', 'timeout', now)).ok) released++;
  return released;
}

/** The parent's page for an invite. */
export function guardianPageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/guardian/${token}`;
}

/**
 * The lines a parent reads about their child's sign-up (the page and the chat alike): the activity,
 * its date, the reference code and every piece of personal data stored, then how long it is kept.
 * `title` and `when` come rendered in the reader's language.
 */
export function guardianDetailLines(c: GuardianCase, t: (key: string, vars?: Record<string, unknown>) => string, shown: { title: string; when: string | null }): string[] {
  return [
    t('guardian:details.activity', { title: shown.title }),
    ...(shown.when ? [t('guardian:details.when', { when: shown.when })] : []),
    t('guardian:details.code', { code: c.referenceCode }),
    ...(c.participantName ? [t('guardian:details.child', { name: c.participantName })] : []),
    ...(c.participantBirthYear ? [t('guardian:details.birthYear', { year: String(c.participantBirthYear) })] : []),
    ...(c.participantPhone ? [t('guardian:details.childPhone', { phone: c.participantPhone })] : []),
    ...(c.guardianName ? [t('guardian:details.parent', { name: c.guardianName, phone: c.guardianPhone ?? '' })] : []),
    t('guardian:details.stored'),
  ];
}
