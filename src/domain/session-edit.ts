// What editing a session does besides saving it (issue 15): plain rules, no storage. The store
// applies them in the same transaction as the edit (src/store/staff-tab-repository.ts).
//   - A new start time: everyone holding a seat or waiting for one is told, in their language.
//   - More seats: the waitlist moves up, first come first served, and each one is told.
//   - Fewer seats than are taken: refused. Choosing who loses a seat is staff's call, made by
//     cancelling with a reason (the resident is told why), not something the bot guesses.
import { SEAT_HOLDING, type RegistrationStatus } from './registrations';

/** A session's times and seats, before or after an edit. */
export interface SessionTimes {
  startsAt: Date;
  endsAt: Date | null;
  capacity: number;
}

export type SessionEditVerdict =
  | { ok: true; moved: boolean; promote: number }
  | { ok: false; reason: 'below_taken'; taken: number };

/**
 * What an edit means, from the session as it is (`before`), as staff want it (`after`), the seats
 * taken and how many wait. `moved`: the start changed (residents are told the start; a new end
 * alone is shown in the catalogue). `promote`: how many on the waitlist get a seat now.
 */
export function judgeSessionEdit(before: SessionTimes, after: SessionTimes, taken: number, waitlisted: number): SessionEditVerdict {
  if (after.capacity < taken) return { ok: false, reason: 'below_taken', taken };
  return {
    ok: true,
    moved: before.startsAt.getTime() !== after.startsAt.getTime(),
    promote: Math.max(0, Math.min(after.capacity - taken, waitlisted)),
  };
}

/** Who is told of a new time: those holding a seat and those on the waitlist, not the cancelled. */
export const TOLD_OF_MOVE: readonly RegistrationStatus[] = [...SEAT_HOLDING, 'waitlisted'];

/** The notice a resident gets when their session moves: a waitlisted one hears they still wait. */
export function movedNoticeKey(status: RegistrationStatus): string {
  return status === 'waitlisted' ? 'notices:sessionMovedWaitlisted' : 'notices:sessionMoved';
}

/** The notice's variables: ids, codes and dates only (src/domain/notices.ts). */
export function movedNoticeVars(reference: string, activityId: string, startsAt: Date, previousStartsAt: Date): Record<string, string> {
  return { code: reference, activityId, startsAt: startsAt.toISOString(), previousStartsAt: previousStartsAt.toISOString() };
}
