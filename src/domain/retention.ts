// How long personal data is kept (issue 14), as plain rules. The consent text and /privacy promise
// "until the activity is over, at the latest after 12 months"; the periods come from the config, and
// the README and /privacy show them from the same values, so the promise and the code cannot disagree.
//
// - A registration's personal data goes when its session ended + `afterEndDays`, and at the latest
//   `maxMonths` after it was made (memberships have no end). What is left is a count per activity,
//   session, month and status for the programme's reporting (RegistrationCount).
// - A cancelled registration loses its personal data at once.
// - Conversation state, and residents with nothing left (no registration, no open handoff), go after
//   `idleDays` without a message.
// - A closed handoff's messages go `transcriptDays` after it was closed.

export interface RetentionPolicy {
  afterEndDays: number;
  maxMonths: number;
  idleDays: number;
  transcriptDays: number;
}

/** The defaults: what the consent text promises (config may shorten, never lengthen, them). */
export const PROMISED_RETENTION: RetentionPolicy = { afterEndDays: 0, maxMonths: 12, idleDays: 90, transcriptDays: 30 };

/**
 * The periods as every text states them (/privacy, the chat's summary, the web chat's privacy note,
 * the consent question): {{whenOver}}, {{months}}, {{idleDays}}, {{transcriptDays}}, {{afterEndDays}}.
 * `t` renders `privacy:time.*` in the reader's language.
 */
export function retentionTextVars(
  t: (key: string, vars?: Record<string, unknown>) => string,
  policy: RetentionPolicy = PROMISED_RETENTION,
): { whenOver: string; months: number; idleDays: number; transcriptDays: number; afterEndDays: number } {
  const whenOver = policy.afterEndDays > 0 ? t('privacy:time.daysAfter', { days: policy.afterEndDays }) : t('privacy:time.whenOver');
  return { whenOver, months: policy.maxMonths, idleDays: policy.idleDays, transcriptDays: policy.transcriptDays, afterEndDays: policy.afterEndDays };
}

/** The promise never stretches beyond this: the consent text says "at the latest after 12 months". */
export const MAX_RETENTION_MONTHS = 12;

/** The job runs at start and then once a day; a claim older than this is due again. */
export const RETENTION_EVERY_MS = 24 * 3_600_000;
/** How long one run may hold the claim: a crashed instance's run is taken over after this. */
export const RETENTION_LEASE_MS = 15 * 60_000;
/** How often each instance asks whether the daily run is due. */
export const RETENTION_CHECK_MS = 3_600_000;

const DAY_MS = 86_400_000;

export interface RetentionCutoffs {
  /** Registrations whose session ended before this lose their personal data. */
  sessionEndedBefore: Date;
  /** Registrations made before this lose it whatever their session. */
  createdBefore: Date;
  /** Conversation state and residents with nothing left, untouched since before this, go. */
  idleBefore: Date;
  /** Messages of handoffs closed before this go. */
  closedBefore: Date;
}

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  return {
    sessionEndedBefore: new Date(now.getTime() - policy.afterEndDays * DAY_MS),
    createdBefore: addMonths(now, -Math.min(policy.maxMonths, MAX_RETENTION_MONTHS)),
    idleBefore: new Date(now.getTime() - policy.idleDays * DAY_MS),
    closedBefore: new Date(now.getTime() - policy.transcriptDays * DAY_MS),
  };
}

/** When a session is over: its end, or its start when it has no end. */
export function sessionEnd(session: { startsAt: Date; endsAt: Date | null } | null): Date | null {
  return session ? (session.endsAt ?? session.startsAt) : null;
}

/** Whether a registration's personal data must go now. */
export function registrationExpired(
  r: { status: string; createdAt: Date; session: { startsAt: Date; endsAt: Date | null } | null },
  cutoffs: RetentionCutoffs,
): boolean {
  if (r.status === 'cancelled') return true;
  if (r.createdAt < cutoffs.createdBefore) return true;
  const end = sessionEnd(r.session);
  return end !== null && end < cutoffs.sessionEndedBefore;
}

/** The month a registration counts in, in the programme's reports ("2026-11"). */
export function reportMonth(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** Whether the daily run is due, given when it last finished. */
export function retentionDue(lastRunAt: Date | null, now: Date): boolean {
  return !lastRunAt || now.getTime() - lastRunAt.getTime() >= RETENTION_EVERY_MS - 5 * 60_000;
}

export interface RetentionReport {
  registrationsAnonymised: number;
  statesDeleted: number;
  residentsDeleted: number;
  transcriptMessagesDeleted: number;
}

/** Port: what the job does in the database. */
export interface RetentionStore {
  /** Claims the day's run for `owner` (false: another instance has it, or it is not due). */
  claim(owner: string, now: Date): Promise<boolean>;
  /** Marks the run finished and gives the claim back. */
  finish(owner: string, now: Date): Promise<void>;
  anonymiseExpiredRegistrations(cutoffs: RetentionCutoffs): Promise<number>;
  deleteIdleStates(idleBefore: Date): Promise<number>;
  deleteIdleResidents(idleBefore: Date): Promise<number>;
  deleteClosedTranscripts(closedBefore: Date): Promise<number>;
}

/** One run of the job, if this instance wins the claim; null when it did not run. */
export async function runRetention(store: RetentionStore, policy: RetentionPolicy, now: Date, owner: string): Promise<RetentionReport | null> {
  if (!(await store.claim(owner, now))) return null;
  const cutoffs = retentionCutoffs(policy, now);
  // Registrations first: a resident whose last registration goes here is "nothing left" below.
  const registrationsAnonymised = await store.anonymiseExpiredRegistrations(cutoffs);
  const transcriptMessagesDeleted = await store.deleteClosedTranscripts(cutoffs.closedBefore);
  const statesDeleted = await store.deleteIdleStates(cutoffs.idleBefore);
  const residentsDeleted = await store.deleteIdleResidents(cutoffs.idleBefore);
  await store.finish(owner, now);
  return { registrationsAnonymised, statesDeleted, residentsDeleted, transcriptMessagesDeleted };
}
