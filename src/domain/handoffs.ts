// Handoff to staff (overdragelse til en medarbejder): a person from the programme takes over a
// resident's conversation. Lifecycle queued → taken (by whom) → closed, with timestamps, in the
// database so a restart or a second instance carries on. The rules live here as plain functions
// (who may take, what a staff reply does, when a case is urgent, when the bot steps back, when the
// channel is reminded); the repository makes each change atomic on SQLite and PostgreSQL and the
// bot (src/bot/handoff) carries out what these functions decide.
//
//   queued ──take / staff reply──▶ taken ──close──▶ closed
//      └───────────────close────────────────────────▲
// A closed handoff stays closed: a resident who asks again gets a new one.

export type HandoffStatus = 'queued' | 'taken' | 'closed';
export const OPEN_STATUSES: readonly HandoffStatus[] = ['queued', 'taken'];

/** Why a person is needed. */
export type HandoffTrigger = 'asked' | 'emergency' | 'not_understood' | 'staff_decision';

export interface HandoffReason {
  trigger: HandoffTrigger;
  /** The activity a staff_decision is about (e.g. one staff arrange by hand). */
  activityId?: string;
}

/**
 * While a handoff is open the bot keeps answering, and steps back only while a staff member is
 * actively answering: they took it or wrote in its thread within this many minutes. Ten minutes
 * is a slow chat reply; after that a resident who writes again is answered by the bot (and staff
 * still read it in the thread), since staff work 28 of 168 hours a week.
 */
export const STAFF_ACTIVE_MINUTES = 10;
/** Resident messages kept in the conversation state before a handoff (only with consent). */
export const BUFFER_BEFORE_HANDOFF = 5;
/** Messages kept per handoff (older ones are deleted), and how many the staff card shows. */
export const MESSAGES_KEPT = 30;
export const CARD_TRANSCRIPT = 8;
/** Longer messages are cut in transcripts (the relay itself passes them whole). */
export const TRANSCRIPT_CHARS = 500;

export function encodeReason(r: HandoffReason): string {
  return r.activityId ? `${r.trigger}:${r.activityId}` : r.trigger;
}

export function decodeReason(text: string): HandoffReason {
  const [trigger, activityId] = text.split(':');
  const known: HandoffTrigger[] = ['asked', 'emergency', 'not_understood', 'staff_decision'];
  const t = (known as string[]).includes(trigger) ? (trigger as HandoffTrigger) : 'asked';
  return activityId ? { trigger: t, activityId } : { trigger: t };
}

/** A case is urgent when it came from the emergency layer. */
export function isUrgent(r: HandoffReason): boolean {
  return r.trigger === 'emergency';
}

/**
 * A resident with an open handoff asks again: no second handoff, but an emergency makes the open
 * one urgent (it goes first in the queue and is always reminded). True when it must be marked urgent.
 */
export function becomesUrgent(existing: Pick<Handoff, 'urgent'>, reason: HandoffReason): boolean {
  return isUrgent(reason) && !existing.urgent;
}

export interface Handoff {
  id: string;
  residentId: string;
  reason: HandoffReason;
  urgent: boolean;
  status: HandoffStatus;
  /** The resident's language when the handoff opened. */
  language: string;
  /** The resident's conversation reference (JSON), for proactive messages on any channel. */
  conversationRef: string;
  /** The staff thread (Teams conversation id `19:…;messageid=…`) and the card's activity id. */
  staffConversationId: string | null;
  staffActivityId: string | null;
  takenBy: string | null;
  createdAt: Date;
  takenAt: Date | null;
  closedAt: Date | null;
  /** When the staff channel was last told (card posted or reminder); null = not yet. */
  notifiedAt: Date | null;
}

export type MessageDirection = 'resident' | 'staff';

export interface HandoffMessage {
  direction: MessageDirection;
  text: string;
  createdAt: Date;
}

export interface OpenRequest {
  residentId: string;
  reason: HandoffReason;
  language: string;
  conversationRef: string;
  /** The resident's recent messages, oldest first (only what may be kept, see mayKeepTranscript). */
  transcript: string[];
}

export type OpenOutcome = { created: true; handoff: Handoff } | { created: false; handoff: Handoff };
export type TakeOutcome = { ok: true; handoff: Handoff } | { ok: false; reason: 'not_found' | 'closed' | 'taken'; handoff?: Handoff };
export type CloseOutcome = { ok: true; handoff: Handoff } | { ok: false; reason: 'not_found' | 'closed'; handoff?: Handoff };

/** A handoff can be taken only while it waits; the compare-and-set's expected status. */
export const TAKEABLE_STATUS: HandoffStatus = 'queued';

/**
 * The outcome of "Take" (a button or a staff reply) for `by`, given the handoff as it is after the
 * attempt and whether this attempt changed it (won the compare-and-set). Pressing "Take" twice is
 * fine; a closed handoff cannot be taken; someone else's take is reported.
 */
export function takeOutcome(current: Handoff, by: string, won: boolean): TakeOutcome {
  if (won) return { ok: true, handoff: current };
  if (current.status === 'closed') return { ok: false, reason: 'closed', handoff: current };
  return current.takenBy === by ? { ok: true, handoff: current } : { ok: false, reason: 'taken', handoff: current };
}

/** Any open handoff can be closed, by staff or by the resident; closing twice reports 'closed'. */
export function closeOutcome(current: Handoff, won: boolean): CloseOutcome {
  return won ? { ok: true, handoff: current } : { ok: false, reason: 'closed', handoff: current };
}

/** The resident is told who answers now only when a waiting handoff was taken, not on a second press. */
export function announcesTaker(before: Pick<Handoff, 'status'>, outcome: TakeOutcome): boolean {
  return outcome.ok && before.status === 'queued';
}

/**
 * What a staff member's reply in the thread does: nothing on a closed handoff (staff are told it is
 * closed); on a waiting one, answering is taking (the card shows who has it, the resident is told);
 * then the text goes to the resident.
 */
export type StaffReplyPlan = { relay: false; reason: 'closed' } | { relay: true; takeFirst: boolean };
export function staffReplyPlan(h: Pick<Handoff, 'status'>): StaffReplyPlan {
  if (h.status === 'closed') return { relay: false, reason: 'closed' };
  return { relay: true, takeFirst: h.status === TAKEABLE_STATUS };
}

/**
 * What the staff channel hears when a resident asks for a person: a new handoff gets its card; an
 * emergency on an open one is said in its thread; another request on an open one changes nothing.
 */
export function staffNoticeOnOpen(outcome: Pick<OpenOutcome, 'created'>, reason: HandoffReason): 'card' | 'urgent_in_thread' | 'none' {
  if (outcome.created) return 'card';
  return isUrgent(reason) ? 'urgent_in_thread' : 'none';
}

/**
 * Reminders: a waiting handoff is told to the channel when it never was, and again when nobody took
 * it within the renotify period: urgent ones at any hour, the others only in office hours.
 * (HandoffRepository.claimDue runs this rule as its WHERE, so two instances never both send.)
 */
export interface ReminderWindow {
  /** Told at or before this → due again. */
  cutoff: Date;
  /**
   * A card claimed at or before this that still has no thread → post it again. Until then the card is
   * in flight at the instance that claimed it (Teams can take seconds to answer), and a second card
   * would open a second thread; after it, that instance is taken to have died mid-post.
   */
  cardCutoff: Date;
  /** Non-urgent handoffs are reminded too (office hours). */
  remindOthers: boolean;
}
/** How long a claimed card may be in flight before another instance posts it. */
export const CARD_IN_FLIGHT_MS = 2 * 60_000;
export function reminderWindow(now: Date, renotifyMs: number, officeOpen: boolean): ReminderWindow {
  return {
    cutoff: new Date(now.getTime() - renotifyMs),
    cardCutoff: new Date(now.getTime() - Math.max(renotifyMs, CARD_IN_FLIGHT_MS)),
    remindOthers: officeOpen,
  };
}
export function reminderDue(h: Pick<Handoff, 'status' | 'urgent' | 'notifiedAt' | 'staffConversationId'>, w: ReminderWindow): boolean {
  if (h.status !== 'queued') return false;
  if (h.notifiedAt === null) return true;
  if (!h.staffConversationId) return h.notifiedAt.getTime() <= w.cardCutoff.getTime();
  return h.notifiedAt.getTime() <= w.cutoff.getTime() && (h.urgent || w.remindOthers);
}
/** A handoff whose card never reached the channel gets the card; one with a thread gets a reminder in it. */
export function reminderKind(h: Pick<Handoff, 'staffConversationId'>): 'card' | 'reminder' {
  return h.staffConversationId ? 'reminder' : 'card';
}

/** What staff may see about the resident on the card. */
export interface ResidentSummary {
  consentAt: Date | null;
  firstName: string | null;
  /** Names from the resident's registrations: their own (participant "self") or as a parent (guardian of a child). */
  ownNames: string[];
  registrations: { activityId: string; status: string; referenceCode: string }[];
}

/** Port: handoff storage, each change one atomic statement or transaction. */
export interface HandoffRepository {
  /** Opens a handoff, unless the resident has one open already (then an emergency makes it urgent). */
  open(req: OpenRequest, now: Date): Promise<OpenOutcome>;
  byId(id: string): Promise<Handoff | null>;
  byStaffConversation(conversationId: string): Promise<Handoff | null>;
  /** The open handoff of the person writing on this channel, if any. */
  openFor(channelId: string, channelUserId: string): Promise<Handoff | null>;
  /** Records the staff thread; the card was posted at `notifiedAt`. */
  attachThread(id: string, conversationId: string, activityId: string, notifiedAt: Date): Promise<void>;
  /** Gives a claimed notification back (posting it failed), so a timer tries again. */
  releaseNotification(id: string): Promise<void>;
  take(id: string, by: string, now: Date): Promise<TakeOutcome>;
  close(id: string, now: Date): Promise<CloseOutcome>;
  markUrgent(id: string): Promise<void>;
  /** 1 = next in line. Urgent handoffs go first, then the oldest. Null when not waiting. */
  queuePosition(id: string): Promise<number | null>;
  addMessage(handoffId: string, direction: MessageDirection, text: string, now: Date): Promise<void>;
  recentMessages(handoffId: string, limit: number): Promise<HandoffMessage[]>;
  /**
   * Claims waiting handoffs whose channel must be told now (reminderDue in this window). A claim
   * sets notifiedAt = now with a compare-and-set, so two instances never both claim the same handoff.
   */
  claimDue(window: ReminderWindow, now: Date): Promise<Handoff[]>;
  residentSummary(residentId: string): Promise<ResidentSummary>;
}

/** Port: small settings kept in the database (the staff channel, …). */
export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Messages are kept for a possible handoff only with consent, or once the resident asked for a
 * person (then the handoff exists and its messages are what staff and resident write each other).
 */
export function mayKeepTranscript(consentAt: Date | null): boolean {
  return consentAt !== null;
}

/** The resident's first name for staff, only with consent and when a name is known; else null ("not shared"). */
export function firstNameForStaff(s: ResidentSummary): string | null {
  if (!s.consentAt) return null;
  const name = s.firstName ?? s.ownNames.find((n) => n.trim().length > 0) ?? null;
  return name ? name.trim().split(/\s+/)[0] : null;
}

/** The last sign of a staff member at work on this handoff: taking it, or their latest message. */
export function lastStaffActivity(h: Pick<Handoff, 'takenAt'>, messages: readonly HandoffMessage[]): Date | null {
  let last = h.takenAt;
  for (const m of messages) if (m.direction === 'staff' && (!last || m.createdAt > last)) last = m.createdAt;
  return last;
}

/** Is a staff member answering this handoff right now (open, and active within the window)? */
export function staffIsAnswering(h: Pick<Handoff, 'status'>, lastActivity: Date | null, now: Date, windowMinutes = STAFF_ACTIVE_MINUTES): boolean {
  if (h.status === 'closed' || !lastActivity) return false;
  const since = now.getTime() - lastActivity.getTime();
  return since >= 0 && since < windowMinutes * 60_000;
}

/**
 * Does the bot stay quiet for this message? Only while staff are answering, and never for an
 * emergency: the numbers always go out. Otherwise the bot answers (and the message is relayed).
 */
export function botStepsBack(h: Pick<Handoff, 'status'> | null, lastActivity: Date | null, now: Date, emergency: boolean): boolean {
  return h !== null && !emergency && staffIsAnswering(h, lastActivity, now);
}

/**
 * The text of a resident's message that goes to the staff thread: typed text always; a button's
 * value ("list_activities") only while the bot steps back, since then staff must answer it.
 * Null = nothing to relay.
 */
export function textForStaff(text: string, typed: boolean, botStepsBack: boolean): string | null {
  return botStepsBack || typed ? text : null;
}

/** Stop words end a handoff only as the whole message ("afslut", "stop", "إنهاء"). */
export function isStopWord(text: string, words: readonly string[]): boolean {
  const clean = text.trim().toLowerCase().replace(/[!.?؟،,]+$/u, '').trim();
  return clean.length > 0 && words.some((w) => w.toLowerCase() === clean);
}

/** A staff member is shown to the resident by first name. */
export function staffFirstName(displayName: string | undefined): string | null {
  const first = (displayName ?? '').trim().split(/\s+/)[0];
  return first ? first : null;
}

export function clip(text: string, max = TRANSCRIPT_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
