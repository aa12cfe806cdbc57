// Telling a resident something without waiting for them to write (issue 14): the child hears the
// guardian's answer, a waitlisted resident hears a seat opened, a resident hears staff cancelled.
//
// HOW TO USE (for any feature): take a `Notifier` as a dependency and call
//   await notifier.notify(residentId, 'registrations:cancelledByStaff', { code: 'R7K2QX', activityId: 'pocket-money-job' });
// The message is written to the outbox (table ResidentNotice) first and sent at once through the
// resident's stored conversation reference (Direct Line, Teams and other Azure channels alike,
// src/bot/proactive.ts); a failed send is retried by a job until it goes, so it is never lost.
// It is rendered at send time in the resident's language: `key` is an i18n key (every language
// must have it), `vars` are ids, codes, numbers and dates, never names, phones or message text
// (the outbox is no place for personal data). These variables are rendered per language:
//   activityId → {{title}} (the activity's title),  startsAt (ISO date) → {{when}},
//   previousStartsAt (ISO date, a session moved) → {{whenBefore}}.
// A text a staff member wrote (a cancellation reason) may be passed as a variable: it is theirs,
// not the resident's, and is shown as written.
// Inside a database transaction (so the notice commits with the change it tells about), a store
// writes the row itself with `noticeRow` and the notifier's job sends it.

export type NoticeVars = Record<string, string | number>;

export interface Notifier {
  notify(residentId: string, key: string, vars?: NoticeVars): Promise<void>;
}

/** What a store writes to the outbox (ResidentNotice). */
export interface NoticeRow {
  residentId: string;
  key: string;
  vars: string;
  registrationId: string | null;
}

export function noticeRow(residentId: string, key: string, vars: NoticeVars = {}, registrationId: string | null = null): NoticeRow {
  return { residentId, key, vars: JSON.stringify(vars), registrationId };
}

/**
 * A waitlist promotion's notice (it carries the registration's id: not sent when the resident was
 * told in the chat first). A young person alone still needs the guardian's yes for the seat.
 */
export function promotedNoticeKey(waitingForGuardian: boolean): string {
  return waitingForGuardian ? 'notices:promotedAwaitingGuardian' : 'notices:promoted';
}

export interface PendingNotice {
  id: string;
  residentId: string;
  key: string;
  vars: NoticeVars;
  registrationId: string | null;
  attempts: number;
}

/** Port: the outbox and where residents are reached. */
export interface NoticeOutbox {
  add(row: NoticeRow): Promise<void>;
  /** Claims due notices for `claimMs` (another instance takes them only after that). */
  claimDue(now: Date, limit: number, claimMs: number): Promise<PendingNotice[]>;
  sent(id: string, at: Date): Promise<void>;
  /** Told in the chat first (a promotion the resident saw when writing): not sent. Promotion notices carry registrationId. */
  superseded(id: string): Promise<void>;
  failed(id: string, nextAttemptAt: Date): Promise<void>;
  /** A promotion notice whose resident already heard it in the chat. */
  alreadyTold(registrationId: string): Promise<boolean>;
  markTold(registrationId: string): Promise<void>;
  /** The resident's latest conversation reference (JSON) and language, or null. */
  address(residentId: string): Promise<{ conversationRef: string; language: string | null } | null>;
  remember(residentId: string, conversationRef: string): Promise<void>;
}

/** Retry later and later, at most hourly: a channel that is down for a day still gets it. */
export function nextAttempt(now: Date, attempts: number, baseMs: number): Date {
  return new Date(now.getTime() + Math.min(baseMs * 2 ** Math.min(attempts, 16), 3_600_000));
}
