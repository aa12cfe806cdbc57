// The handoff's rules without a bot: office hours, stop words, what staff may see, reasons, the
// lifecycle (who may take, what a staff reply does, urgency, reminders) and when the bot steps back.
import { describeHours, openingMessage } from '../../dialogs/handoff-messages';
import {
  STAFF_ACTIVE_MINUTES,
  announcesTaker,
  becomesUrgent,
  botStepsBack,
  closeOutcome,
  decodeReason,
  encodeReason,
  firstNameForStaff,
  isStopWord,
  isUrgent,
  lastStaffActivity,
  reminderDue,
  CARD_IN_FLIGHT_MS,
  reminderKind,
  reminderWindow,
  staffIsAnswering,
  staffNoticeOnOpen,
  staffReplyPlan,
  takeOutcome,
  textForStaff,
  type Handoff,
} from '../../src/domain/handoffs';
import { isOpen, nextOpening, parseOfficeHours } from '../../src/domain/office-hours';
import { protect } from '../../src/bot/handoff/translator';
import { createI18n } from '../../src/i18n';
import { loadConfig } from '../../src/config';

const hours = parseOfficeHours('mon-thu 09:00-15:00; fri 09:00-13:00')!;
// Copenhagen is UTC+1 in winter: 2026-11-23 is a Monday.
const at = (iso: string) => new Date(iso);

test('office hours parse from "mon-thu 09:00-15:00; fri 09:00-13:00", and wrong text is refused', () => {
  expect(hours).toEqual([
    { days: [1, 2, 3, 4], from: 540, to: 900 },
    { days: [5], from: 540, to: 780 },
  ]);
  expect(parseOfficeHours('mon,wed 08:30-12:00')).toEqual([{ days: [1, 3], from: 510, to: 720 }]);
  expect(parseOfficeHours('mon-sun 00:00-24:00')).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }]);
  for (const wrong of ['', 'monday 9-15', 'mon-thu 15:00-09:00', 'fri-mon 09:00-10:00', 'mon 09:00-25:00']) expect(parseOfficeHours(wrong)).toBeNull();
});

test('OFFICE_HOURS and HANDOFF_RENOTIFY_MINUTES are checked at start-up', () => {
  expect(loadConfig({}).OFFICE_HOURS).toEqual(hours);
  expect(loadConfig({ HANDOFF_RENOTIFY_MINUTES: '0.5' }).HANDOFF_RENOTIFY_MINUTES).toBe(0.5);
  expect(() => loadConfig({ OFFICE_HOURS: 'whenever' })).toThrow(/^Invalid environment variable OFFICE_HOURS: must look like/);
  expect(() => loadConfig({ HANDOFF_RENOTIFY_MINUTES: '0' })).toThrow(/^Invalid environment variable HANDOFF_RENOTIFY_MINUTES/);
  expect(() => loadConfig({ TEAMS_APP_ID: 'kvarterbot' })).toThrow(/^Invalid environment variable TEAMS_APP_ID: must be a GUID/);
});

test('open and next opening follow Copenhagen time', () => {
  expect(isOpen(hours, at('2026-11-23T08:30:00Z'))).toBe(true); // Monday 09:30
  expect(isOpen(hours, at('2026-11-27T12:30:00Z'))).toBe(false); // Friday 13:30
  expect(nextOpening(hours, at('2026-11-23T06:00:00Z'))).toEqual({ daysAhead: 0, isoDay: 1, minutes: 540 });
  expect(nextOpening(hours, at('2026-11-27T12:30:00Z'))).toEqual({ daysAhead: 3, isoDay: 1, minutes: 540 });
});

test('residents read the hours in their language, Arabic with isolated times', () => {
  const i18n = createI18n({ fallback: 'da' });
  expect(describeHours(i18n, 'da', hours)).toBe('mandag–torsdag 09:00–15:00, fredag 09:00–13:00');
  expect(describeHours(i18n, 'en', hours)).toBe('Monday–Thursday 09:00–15:00, Friday 09:00–13:00');
  expect(describeHours(i18n, 'ar', hours)).toBe(
    '\u2068من \u2068الاثنين\u2069 إلى \u2068الخميس\u2069\u2069 من \u206809:00\u2069 إلى \u206815:00\u2069؛ \u2068الجمعة\u2069 من \u206809:00\u2069 إلى \u206813:00\u2069',
  );
  const closed = openingMessage(i18n, 'da', { reason: { trigger: 'asked' }, position: 3, created: true, hours, now: at('2026-11-27T17:00:00Z') });
  expect(closed).toBe(
    [
      'Jeg har givet besked til en medarbejder fra Helhedsplanen. En person svarer dig her i chatten.',
      'Vi har lukket lige nu. Vi svarer dig, når vi åbner igen: mandag kl. 09:00. Vi er på arbejde mandag–torsdag 09:00–15:00, fredag 09:00–13:00.',
      'Du er nummer 3 i køen.',
      // Said once, when the handoff opens: the bot does not fall silent while the resident waits.
      'Indtil da svarer jeg gerne på dine spørgsmål her. Medarbejderen kan også læse det, du skriver.',
      'Skriv "afslut", hvis du ikke længere har brug for en medarbejder.',
    ].join('\n'),
  );
  const urgentAtNight = openingMessage(i18n, 'en', { reason: { trigger: 'emergency' }, position: 1, created: true, hours, now: at('2026-11-27T23:00:00Z') });
  expect(urgentAtNight).toContain('No staff are at work right now. If you are in danger, call 112.');
  expect(urgentAtNight).not.toContain('queue');
});

test('stop words end a handoff only as the whole message', () => {
  const words = ['afslut', 'stop', 'إنهاء'];
  expect(isStopWord('Afslut!', words)).toBe(true);
  expect(isStopWord(' إنهاء ', words)).toBe(true);
  expect(isStopWord('jeg vil ikke afslutte noget', words)).toBe(false);
});

test('staff see a first name only with consent and a known name', () => {
  const base = { firstName: null, ownNames: ['Amira Hassan'], registrations: [] };
  expect(firstNameForStaff({ ...base, consentAt: null })).toBeNull();
  expect(firstNameForStaff({ ...base, consentAt: new Date() })).toBe('Amira');
  expect(firstNameForStaff({ ...base, consentAt: new Date(), ownNames: [] })).toBeNull();
});

test('a reason keeps its activity', () => {
  expect(decodeReason(encodeReason({ trigger: 'staff_decision', activityId: 'family-counselling' }))).toEqual({ trigger: 'staff_decision', activityId: 'family-counselling' });
  expect(decodeReason('asked')).toEqual({ trigger: 'asked' });
});

test('phone numbers and e-mails become placeholders for translation and come back', () => {
  const { masked, restore } = protect('Ring på 12 34 56 78 eller skriv til mette@kommune.dk');
  expect(masked).toBe('Ring på ⟦1⟧ eller skriv til ⟦2⟧');
  expect(restore('اتصلوا على ⟦1⟧ أو اكتبوا إلى ⟦2⟧')).toBe('اتصلوا على 12 34 56 78 أو اكتبوا إلى mette@kommune.dk');
  expect(restore('اتصلوا على الرقم')).toBeNull();
});

test('staff are answering while they took the handoff or wrote within STAFF_ACTIVE_MINUTES; the bot steps back only then, never for an emergency', () => {
  const now = at('2026-11-23T10:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const waiting = { status: 'queued' as const, takenAt: null };
  const messages = [
    { direction: 'resident' as const, text: 'hej', createdAt: minutesAgo(1) },
    { direction: 'staff' as const, text: 'Hej, det er Lars', createdAt: minutesAgo(4) },
  ];
  // Nobody took it, nobody wrote: the bot answers.
  expect(lastStaffActivity(waiting, [messages[0]])).toBeNull();
  expect(staffIsAnswering(waiting, null, now)).toBe(false);
  expect(botStepsBack(waiting, null, now, false)).toBe(false);
  // A staff reply 4 minutes ago (a resident message after it does not count).
  const taken = { status: 'taken' as const, takenAt: minutesAgo(20) };
  expect(lastStaffActivity(taken, messages)).toEqual(minutesAgo(4));
  expect(botStepsBack(taken, minutesAgo(4), now, false)).toBe(true);
  // …but an emergency is always answered.
  expect(botStepsBack(taken, minutesAgo(4), now, true)).toBe(false);
  // Pressing "Take" is being at work too.
  expect(staffIsAnswering(taken, lastStaffActivity({ takenAt: minutesAgo(2) }, []), now)).toBe(true);
  // After the window the bot answers again; a closed handoff or none never silences it.
  expect(staffIsAnswering(taken, minutesAgo(STAFF_ACTIVE_MINUTES), now)).toBe(false);
  expect(staffIsAnswering(taken, minutesAgo(STAFF_ACTIVE_MINUTES - 1), now)).toBe(true);
  expect(botStepsBack({ status: 'closed' }, minutesAgo(1), now, false)).toBe(false);
  expect(botStepsBack(null, minutesAgo(1), now, false)).toBe(false);
});

const handoff = (over: Partial<Handoff> = {}): Handoff => ({
  id: 'h1', residentId: 'r1', reason: { trigger: 'asked' }, urgent: false, status: 'queued', language: 'ar', conversationRef: '{}',
  staffConversationId: null, staffActivityId: null, takenBy: null, createdAt: at('2026-11-23T09:00:00Z'),
  takenAt: null, closedAt: null, notifiedAt: at('2026-11-23T09:00:00Z'), ...over,
});

test('a case is urgent when it comes from the emergency layer; an emergency makes an open handoff urgent, once', () => {
  expect(isUrgent({ trigger: 'emergency' })).toBe(true);
  for (const trigger of ['asked', 'not_understood', 'staff_decision'] as const) expect(isUrgent({ trigger })).toBe(false);
  expect(becomesUrgent({ urgent: false }, { trigger: 'emergency' })).toBe(true);
  expect(becomesUrgent({ urgent: true }, { trigger: 'emergency' })).toBe(false);
  expect(becomesUrgent({ urgent: false }, { trigger: 'asked' })).toBe(false);
});

test('who may take: the first one wins, the same person may press twice, nobody takes a closed handoff', () => {
  const takenByLars = handoff({ status: 'taken', takenBy: 'Lars Holm', takenAt: at('2026-11-23T09:05:00Z') });
  expect(takeOutcome(takenByLars, 'Lars Holm', true)).toEqual({ ok: true, handoff: takenByLars });
  expect(takeOutcome(takenByLars, 'Lars Holm', false)).toEqual({ ok: true, handoff: takenByLars });
  expect(takeOutcome(takenByLars, 'Mette Berg', false)).toEqual({ ok: false, reason: 'taken', handoff: takenByLars });
  const closed = handoff({ status: 'closed', closedAt: at('2026-11-23T09:10:00Z') });
  expect(takeOutcome(closed, 'Lars Holm', false)).toEqual({ ok: false, reason: 'closed', handoff: closed });
  expect(closeOutcome(closed, true)).toEqual({ ok: true, handoff: closed });
  expect(closeOutcome(closed, false)).toEqual({ ok: false, reason: 'closed', handoff: closed });
});

test('the resident is told who answers only when a waiting handoff is taken', () => {
  const taken = handoff({ status: 'taken', takenBy: 'Lars' });
  expect(announcesTaker({ status: 'queued' }, { ok: true, handoff: taken })).toBe(true);
  expect(announcesTaker({ status: 'taken' }, { ok: true, handoff: taken })).toBe(false);
  expect(announcesTaker({ status: 'queued' }, { ok: false, reason: 'taken', handoff: taken })).toBe(false);
});

test('a staff reply takes a waiting handoff, goes on a taken one, and is refused on a closed one', () => {
  expect(staffReplyPlan({ status: 'queued' })).toEqual({ relay: true, takeFirst: true });
  expect(staffReplyPlan({ status: 'taken' })).toEqual({ relay: true, takeFirst: false });
  expect(staffReplyPlan({ status: 'closed' })).toEqual({ relay: false, reason: 'closed' });
});

test('asking again: a new handoff gets its card, an emergency on an open one is said in its thread, anything else nothing', () => {
  expect(staffNoticeOnOpen({ created: true }, { trigger: 'asked' })).toBe('card');
  expect(staffNoticeOnOpen({ created: true }, { trigger: 'emergency' })).toBe('card');
  expect(staffNoticeOnOpen({ created: false }, { trigger: 'emergency' })).toBe('urgent_in_thread');
  expect(staffNoticeOnOpen({ created: false }, { trigger: 'asked' })).toBe('none');
});

test('reminders: never told → now; told before the period → again, urgent ones at any hour, the others in office hours', () => {
  const now = at('2026-11-23T10:00:00Z');
  const open = reminderWindow(now, 30 * 60_000, true);
  const closedOffice = reminderWindow(now, 30 * 60_000, false);
  expect(open).toEqual({ cutoff: at('2026-11-23T09:30:00Z'), cardCutoff: at('2026-11-23T09:30:00Z'), remindOthers: true });
  const thread = { staffConversationId: '19:abc@thread.tacv2;messageid=1' };
  expect(reminderDue(handoff({ notifiedAt: null }), closedOffice)).toBe(true);
  expect(reminderDue(handoff({ ...thread, notifiedAt: at('2026-11-23T09:30:00Z') }), open)).toBe(true);
  expect(reminderDue(handoff({ ...thread, notifiedAt: at('2026-11-23T09:31:00Z') }), open)).toBe(false);
  expect(reminderDue(handoff({ ...thread, notifiedAt: at('2026-11-23T09:00:00Z') }), closedOffice)).toBe(false);
  expect(reminderDue(handoff({ ...thread, notifiedAt: at('2026-11-23T09:00:00Z'), urgent: true }), closedOffice)).toBe(true);
  // A card claimed without a thread yet is on its way (Teams may be slow): posting it again would open
  // a second thread. Only after CARD_IN_FLIGHT_MS (or the renotify period, if longer) is it taken as lost.
  const quick = reminderWindow(now, 300, true);
  expect(quick.cardCutoff).toEqual(new Date(now.getTime() - CARD_IN_FLIGHT_MS));
  expect(reminderDue(handoff({ notifiedAt: new Date(now.getTime() - 5_000) }), quick)).toBe(false);
  expect(reminderDue(handoff({ notifiedAt: new Date(now.getTime() - CARD_IN_FLIGHT_MS) }), quick)).toBe(true);
  expect(reminderDue(handoff({ notifiedAt: at('2026-11-23T09:00:00Z') }), closedOffice)).toBe(true);
  // Taken or closed handoffs are never reminded.
  expect(reminderDue(handoff({ status: 'taken', notifiedAt: null }), open)).toBe(false);
  expect(reminderDue(handoff({ status: 'closed', notifiedAt: null }), open)).toBe(false);
  expect(reminderKind(handoff())).toBe('card');
  expect(reminderKind(handoff({ staffConversationId: '19:abc@thread.tacv2;messageid=1' }))).toBe('reminder');
});

test('staff read typed text; a button value only while the bot steps back', () => {
  expect(textForStaff('hvornår er kurset?', true, false)).toBe('hvornår er kurset?');
  expect(textForStaff('list_activities', false, false)).toBeNull();
  expect(textForStaff('list_activities', false, true)).toBe('list_activities');
});
