// What staff see and do in the staff tab (issue 15): rules as plain functions, and the port the
// store implements. Personal data leaves only through these views, behind the staff guard.
import type { RegistrationStatus } from './registrations';
import type { SessionView } from './catalogue';
import { awaitsGuardianYes, type GuardianRole } from './guardian';

/** Why staff cancel a registration: a code, so the resident is told in their own language. */
export const CANCEL_REASONS = ['session_cancelled', 'not_eligible', 'resident_asked', 'no_show', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export type GuardianState = 'not_needed' | 'waiting' | 'yes' | 'no';

/** A session as staff see it: the residents' view plus what is left and who waits. */
export interface StaffSessionView extends SessionView {
  seatsLeft: number;
  waitlisted: number;
}

export interface StaffActivityView {
  id: string;
  category: string;
  active: boolean;
  texts: Record<string, { title: string; description: string; schedule: string; bring: string | null }>;
  sessions: StaffSessionView[];
}

export interface StaffRosterRow {
  reference: string;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  participant: string;
  name: string | null;
  birthYear: number | null;
  age: number | null;
  phone: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  guardian: GuardianState;
  language: string | null;
  attended: boolean | null;
  cancelReason: string | null;
}

export interface StaffHandoffView {
  id: string;
  status: string;
  trigger: string;
  urgent: boolean;
  language: string;
  createdAt: Date;
  takenAt: Date | null;
  closedAt: Date | null;
  threadUrl: string | null;
}

/** A change's outcome; `below_taken` carries the seats taken (fewer seats than that are refused). */
export type StaffChange<T = null> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not_found' | 'not_waitlisted' | 'full' | 'cancelled' | 'invalid' | 'below_taken'; taken?: number };

export interface SessionInput {
  startsAt: Date;
  endsAt: Date | null;
  capacity: number;
  place: string | null;
}

/** What saving a session did: its id, who moved up from the waitlist, how many were told of a new time. */
export interface SessionSaved {
  id: string;
  promoted: string[];
  told: number;
}

/**
 * Port: the staff tab's reads and changes. `actor` is the staff member for the audit trail: a
 * change that moves seats or tells a resident (promote, cancel, saveSession) is ONE transaction
 * with its seat counts, its notices and its audit entry, so a crash leaves all of it or none.
 */
export interface StaffTabRepository {
  activities(from: Date): Promise<StaffActivityView[]>;
  roster(sessionId: string): Promise<StaffRosterRow[] | null>;
  markAttendance(reference: string, attended: boolean): Promise<StaffChange>;
  promote(reference: string, actor: string): Promise<StaffChange<{ status: RegistrationStatus }>>;
  /** Cancels with a reason: the seat goes to the first on the waitlist, the resident is told why. */
  cancel(reference: string, reason: CancelReason, actor: string): Promise<StaffChange<{ promoted: string | null }>>;
  handoffs(since: Date): Promise<StaffHandoffView[]>;
  saveText(activityId: string, lang: string, text: { title: string; description: string; schedule: string; bring: string | null }): Promise<StaffChange>;
  /** Creates (sessionId null) or edits a session with the side effects of src/domain/session-edit.ts. */
  saveSession(activityId: string, sessionId: string | null, input: SessionInput, actor: string): Promise<StaffChange<SessionSaved>>;
}

/** Age reached this year (birth year only is stored). */
export function ageThisYear(birthYear: number | null, now: Date): number | null {
  return birthYear === null ? null : now.getUTCFullYear() - birthYear;
}

/** Does a roster row match what staff typed: name, phone, guardian or reference, ignoring case and spaces. */
export function matchesSearch(row: Pick<StaffRosterRow, 'name' | 'phone' | 'guardianName' | 'guardianPhone' | 'reference'>, query: string): boolean {
  const norm = (s: string | null) => (s ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const q = norm(query);
  if (!q) return true;
  return [row.name, row.phone, row.guardianName, row.guardianPhone, row.reference].some((v) => norm(v).includes(q));
}

/**
 * A link that opens the handoff's thread in Teams. Thread conversation ids look like
 * `19:abc@thread.tacv2;messageid=1712345678901`: the channel, then the root message.
 */
export function teamsThreadUrl(conversationId: string | null, tenantId?: string): string | null {
  const m = /^(19:[^;]+);messageid=(\d+)$/.exec(conversationId ?? '');
  if (!m) return null;
  const [, channel, message] = m;
  const q = new URLSearchParams({ ...(tenantId ? { tenantId } : {}), parentMessageId: message });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channel)}/${message}?${q}`;
}

/** The guardian's state as staff read it: registrations under the line wait for a guardian's yes. */
export function guardianState(status: RegistrationStatus, guardianRole: string, answer: string | null): GuardianState {
  if (!awaitsGuardianYes(guardianRole as GuardianRole)) return 'not_needed';
  if (answer === 'yes' || answer === 'no') return answer;
  return status === 'confirmed' ? 'yes' : 'waiting';
}
