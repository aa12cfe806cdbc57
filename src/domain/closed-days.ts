// Days the programme is closed that staff set (issue 13), on top of the public holidays and the
// Christmas closure (catalogue.ts closedDayReason). No session is offered, listed or booked on a
// closed day; registrations on a day that becomes closed are cancelled and the residents told
// through the notice outbox (notices.ts), in the same transaction.

/** A Copenhagen calendar day written "2026-12-09". */
export type DayText = string;

export interface ClosedDay {
  day: DayText;
  /** Why, for staff; residents are told only that the house is closed. */
  reason: string;
  /** The staff member who set it (audit id: SSO object id or "token"). */
  setBy: string;
  createdAt: Date;
}

export interface CloseOutcome {
  days: ClosedDay[];
  /** Registrations cancelled because their session fell on a closed day (each resident told). */
  cancelled: number;
}

/** Port: the closed days staff set. */
export interface ClosedDayRepository {
  /** From a day on (inclusive), in date order. */
  list(from: DayText): Promise<ClosedDay[]>;
  /** Closes the days (a day already closed gets the new reason); cancels what was booked on them. */
  close(days: DayText[], reason: string, setBy: string): Promise<CloseOutcome>;
  /** False when the day was not closed by staff. */
  reopen(day: DayText): Promise<boolean>;
}

/** The longest closure staff set in one go (a summer closure fits). */
export const MAX_CLOSURE_DAYS = 62;

const COPENHAGEN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Copenhagen calendar day of an instant. */
export function copenhagenDay(at: Date): DayText {
  return COPENHAGEN_DAY.format(at);
}

/** A real calendar day written YYYY-MM-DD. */
export function isDayText(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The UTC midnight a day text names (for calendar arithmetic, not an instant in Copenhagen). */
export function dayDate(day: DayText): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function daysFromTo(from: DayText, to: DayText): DayText[] {
  const out: DayText[] = [];
  for (let t = dayDate(from).getTime(); t <= dayDate(to).getTime(); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
