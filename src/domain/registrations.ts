// Registrations: seats, waitlist, reference codes and cancellations. The rules live here; the
// repository makes them atomic (one transaction per change) on SQLite and PostgreSQL.
import { randomInt } from 'node:crypto';
import type { Participant } from './eligibility';
import { awaitsGuardianYes, seatedStatus, type GuardianInvite, type GuardianRole } from './guardian';

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'pending_guardian' | 'cancelled';

/** Statuses that hold a seat in a session. */
export const SEAT_HOLDING: readonly RegistrationStatus[] = ['confirmed', 'pending_guardian'];

export interface RegistrationRequest {
  residentId: string;
  activityId: string;
  /** null: no seats to count (memberships, activities without sessions). */
  sessionId: string | null;
  participant: Participant;
  participantName: string;
  participantBirthYear: number | null;
  participantPhone: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  /** From guardianRole (src/domain/guardian.ts): 'must_agree' holds the seat until a guardian says yes. */
  guardianRole: GuardianRole;
  /** The id of the message that confirmed: a retried delivery finds the same registration. */
  requestKey: string;
}

export interface RegistrationView {
  id: string;
  referenceCode: string;
  activityId: string;
  sessionId: string | null;
  sessionStartsAt: Date | null;
  participant: Participant;
  participantName: string | null;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  createdAt: Date;
}

export type RegisterOutcome =
  /** guardianInvite: when a guardian must agree, the link token and code to give the parent (shown once, stored hashed). */
  | { ok: true; registration: RegistrationView; guardianInvite?: GuardianInvite }
  | { ok: false; reason: 'already_registered'; registration: RegistrationView };

export type CancelOutcome = { ok: true; promoted: RegistrationView | null } | { ok: false; reason: 'not_found' };

export interface StaffFilter {
  activityId?: string;
  sessionId?: string;
}

export interface StaffRegistrationRow extends RegistrationView {
  participantBirthYear: number | null;
  participantPhone: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  residentLanguage: string | null;
}

/** Port: registration storage, each method one transaction. */
export interface RegistrationRepository {
  register(req: RegistrationRequest): Promise<RegisterOutcome>;
  listForResident(residentId: string): Promise<RegistrationView[]>;
  cancel(residentId: string, registrationId: string): Promise<CancelOutcome>;
  /** Registrations moved up from the waitlist that the resident has not been told about; marks them told. */
  takePromotions(residentId: string): Promise<RegistrationView[]>;
  listForStaff(filter: StaffFilter): Promise<StaffRegistrationRow[]>;
}

/** No 0/O, 1/I/L: a code read aloud on the phone or typed from a screenshot stays unambiguous. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newReferenceCode(length = 6): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** The status a new registration gets, given the seats already taken. */
export function statusFor(role: GuardianRole, capacity: number | null, seatsTaken: number): RegistrationStatus {
  if (capacity !== null && seatsTaken >= capacity) return 'waitlisted';
  return seatedStatus(awaitsGuardianYes(role));
}

/** Same person, same thing: compared case- and space-insensitively. */
export function sameParticipant(a: string | null, b: string | null): boolean {
  const norm = (s: string | null) => (s ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}
