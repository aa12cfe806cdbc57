// Editing a session in the staff tab has the side effects staff expect, on both databases, over
// the staff HTTP API; residents hear it through their own /api/messages conversations:
//   - fewer seats than are taken is refused with the number taken, and nothing changes;
//   - a new start time tells everyone holding or waiting for a seat, in their language (not the cancelled);
//   - more seats move the waitlist up, first come first served, and each one is told;
//   - cancelling with a reason, moving up and editing a session are each one transaction: when the
//     last step (the audit entry) fails, nothing of the change is left (seats, notices, notes).
import { startBot, type BotUnderTest, type Chat } from '../support/harness';
import type { DbKind } from '../support/db';
import { apiCaller } from '../support/api';
import { waitFor } from '../support/wait';
import { createI18n } from '../../src/i18n';
import { formatWhen } from '../../dialogs/answers';

const TOKEN = 'session-edit-staff-token-0123456789abcdef012345';
const ACTIVITY = 'makerspace-parent-child';
const FIRST = '2030-03-05T15:00:00.000Z';
const MOVED = '2030-03-12T16:30:00.000Z';
const i18n = createI18n({ fallback: 'da' });
const when = (lang: string, iso: string) => formatWhen({ i18n }, lang, new Date(iso));

describe.each<DbKind>(['sqlite', 'postgres'])('editing a session on %s', (db) => {
  let bot: BotUnderTest;
  let sessionId: string;
  const chats: Record<string, Chat> = {};

  const call = apiCaller(() => bot.url, TOKEN);
  const edit = (body: Record<string, unknown>) =>
    call('PUT', `/api/staff/activities/${ACTIVITY}/sessions/${sessionId}`, { startsAt: FIRST, endsAt: null, capacity: 2, place: 'Værkstedet', ...body });
  const registration = (code: string) => bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: code } });
  const notices = () => bot.app.db.residentNotice.findMany({ orderBy: { createdAt: 'asc' } });
  const title = async (lang: string) =>
    ((await (await fetch(`${bot.url}/api/activities?lang=${lang}`)).json()) as { activities: { id: string; title: string }[] }).activities.find((a) => a.id === ACTIVITY)!.title;

  /** A resident who has chatted with the bot (so it can reach them) and has a registration on the session. */
  async function registered(code: string, status: string, lang: string, waitlistedAt?: string) {
    const chat = bot.chat({ locale: lang });
    await chat.say(lang === 'ar' ? 'مرحبا' : lang === 'en' ? 'hello' : 'hej');
    chat.replies();
    chats[code] = chat;
    const resident = await bot.app.db.resident.update({ where: { channelId_channelUserId: { channelId: 'webchat', channelUserId: chat.userId } }, data: { language: lang } });
    await bot.app.db.registration.create({
      data: {
        referenceCode: code, residentId: resident.id, activityId: ACTIVITY, sessionId, participant: 'self', participantName: `Person ${code}`,
        participantBirthYear: 1990, status, waitlistedAt: waitlistedAt ? new Date(waitlistedAt) : null,
      },
    });
  }

  /** The one message a resident's conversation gets next (the notifier sends in the background). */
  async function told(code: string): Promise<string> {
    const got = await waitFor(() => {
      const m = chats[code].replies().filter((x) => x.type === 'message');
      return m.length ? m : undefined;
    });
    expect(got).toHaveLength(1);
    return got[0].text;
  }

  /** Makes every audit insert fail: the last step of each staff change breaks, as a crash there would. */
  async function auditDown(down: boolean) {
    const sql = db === 'sqlite'
      ? [down ? `CREATE TRIGGER audit_down BEFORE INSERT ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit down'); END` : 'DROP TRIGGER audit_down']
      : down
        ? [`CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$ LANGUAGE plpgsql`,
          'CREATE TRIGGER audit_down BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION audit_down()']
        : ['DROP TRIGGER audit_down ON "AuditEntry"', 'DROP FUNCTION audit_down()'];
    for (const s of sql) await bot.app.db.$executeRawUnsafe(s);
  }

  beforeAll(async () => {
    bot = await startBot({ db, env: { STAFF_API_TOKEN: TOKEN, NOTICE_RETRY_SECONDS: '1' } });
    const created = await call('POST', `/api/staff/activities/${ACTIVITY}/sessions`, { startsAt: FIRST, capacity: 2, place: 'Værkstedet' });
    expect(created).toMatchObject({ status: 200 });
    sessionId = created.body.id;
    await registered('SEAT22', 'confirmed', 'ar');
    await registered('SEAT33', 'confirmed', 'da');
    // The waitlist in the order people came: Mette first, then Sam, then Omar.
    await registered('WAIT44', 'waitlisted', 'da', '2030-01-01T10:00:00Z');
    await registered('WAIT66', 'waitlisted', 'ar', '2030-01-01T12:00:00Z');
    await registered('WAIT55', 'waitlisted', 'en', '2030-01-01T11:00:00Z');
    await registered('GONE77', 'cancelled', 'da');
  });
  afterAll(async () => {
    await bot?.close();
  });

  test('fewer seats than are taken is refused with the number taken; nothing changes', async () => {
    expect(await edit({ capacity: 1 })).toEqual({ status: 409, body: { error: 'below_taken', taken: 2 } });
    expect(await edit({ capacity: 1, startsAt: MOVED })).toEqual({ status: 409, body: { error: 'below_taken', taken: 2 } });
    const session = await bot.app.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect({ capacity: session.capacity, startsAt: session.startsAt.toISOString() }).toEqual({ capacity: 2, startsAt: FIRST });
    expect(await notices()).toEqual([]);
  });

  test('a new time: everyone holding or waiting for a seat is told in their language; the cancelled are not', async () => {
    const r = await edit({ startsAt: MOVED });
    expect(r).toEqual({ status: 200, body: { ok: true, id: sessionId, promoted: [], told: 5 } });
    const expected = async (code: string, lang: string, key: string) =>
      i18n.t(lang, key, { title: await title(lang), when: when(lang, MOVED), whenBefore: when(lang, FIRST), code });
    expect(await told('SEAT22')).toBe(await expected('SEAT22', 'ar', 'notices:sessionMoved'));
    expect(await told('SEAT33')).toBe(await expected('SEAT33', 'da', 'notices:sessionMoved'));
    expect(await told('WAIT44')).toBe(await expected('WAIT44', 'da', 'notices:sessionMovedWaitlisted'));
    expect(await told('WAIT55')).toBe(await expected('WAIT55', 'en', 'notices:sessionMovedWaitlisted'));
    expect(await told('WAIT66')).toBe(await expected('WAIT66', 'ar', 'notices:sessionMovedWaitlisted'));
    // The Arabic one has the code and the times isolated for right-to-left text.
    expect(await expected('SEAT22', 'ar', 'notices:sessionMoved')).toContain('\u2068SEAT22\u2069');
    const gone = await registration('GONE77');
    expect(await bot.app.db.residentNotice.count({ where: { residentId: gone.residentId } })).toBe(0);
    // The outbox holds codes and dates, no names.
    expect(JSON.stringify(await notices())).not.toContain('Person');
    // Saving the same time again tells nobody.
    expect(await edit({ startsAt: MOVED })).toMatchObject({ status: 200, body: { told: 0, promoted: [] } });
  });

  test('more seats move the waitlist up first come first served, and each one is told', async () => {
    const r = await edit({ startsAt: MOVED, capacity: 4 });
    expect(r).toEqual({ status: 200, body: { ok: true, id: sessionId, promoted: ['WAIT44', 'WAIT55'], told: 0 } });
    expect(await told('WAIT44')).toBe(i18n.t('da', 'notices:promoted', { title: await title('da'), when: when('da', MOVED), code: 'WAIT44' }));
    expect(await told('WAIT55')).toBe(i18n.t('en', 'notices:promoted', { title: await title('en'), when: when('en', MOVED), code: 'WAIT55' }));
    const rows = (await call('GET', `/api/staff/sessions/${sessionId}/registrations`)).body.registrations;
    expect(Object.fromEntries(rows.map((x: any) => [x.reference, [x.status, x.waitlistPosition]]))).toEqual({
      SEAT22: ['confirmed', null], SEAT33: ['confirmed', null], WAIT44: ['confirmed', null], WAIT55: ['confirmed', null],
      WAIT66: ['waitlisted', 1], GONE77: ['cancelled', null],
    });
    const audit = (await call('GET', '/api/staff/audit?limit=100')).body.entries.map((e: any) => `${e.action} ${e.recordId}`);
    expect(audit).toEqual(expect.arrayContaining([`catalogue.session.update ${sessionId}`, 'registration.promote.waitlist WAIT44', 'registration.promote.waitlist WAIT55']));
  });

  test('cancel, move up and edit are each one transaction: a failure at the last step leaves none of it', async () => {
    const before = { notices: (await notices()).length, audit: await bot.app.db.auditEntry.count() };
    // A free seat beside the waitlist (as an older version could leave it), so moving up by hand is possible.
    await bot.app.db.session.update({ where: { id: sessionId }, data: { capacity: 5 } });
    await auditDown(true);
    try {
      expect((await call('POST', '/api/staff/registrations/SEAT22/cancel', { reason: 'session_cancelled' })).status).toBe(500);
      expect((await call('POST', '/api/staff/registrations/WAIT66/promote')).status).toBe(500);
      expect((await edit({ startsAt: FIRST, capacity: 6 })).status).toBe(500);
    } finally {
      await auditDown(false);
    }
    const seat22 = await registration('SEAT22');
    expect({ status: seat22.status, name: seat22.participantName }).toEqual({ status: 'confirmed', name: 'Person SEAT22' });
    expect((await registration('WAIT66')).status).toBe('waitlisted');
    expect(await bot.app.db.registrationStaffNote.count({ where: { registrationId: seat22.id } })).toBe(0);
    const session = await bot.app.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect({ capacity: session.capacity, startsAt: session.startsAt.toISOString() }).toEqual({ capacity: 5, startsAt: MOVED });
    expect({ notices: (await notices()).length, audit: await bot.app.db.auditEntry.count() }).toEqual(before);

    // With the audit trail back, the same cancellation goes through whole: the seat, the note, the notice, the entry.
    await bot.app.db.session.update({ where: { id: sessionId }, data: { capacity: 4 } });
    expect(await call('POST', '/api/staff/registrations/SEAT22/cancel', { reason: 'session_cancelled' })).toEqual({ status: 200, body: { ok: true, promoted: 'WAIT66' } });
    expect(await told('SEAT22')).toBe(i18n.t('ar', 'registrations:staffCancelled.session_cancelled', { title: await title('ar'), code: 'SEAT22', when: when('ar', MOVED) }));
    expect(await told('WAIT66')).toBe(i18n.t('ar', 'notices:promoted', { title: await title('ar'), when: when('ar', MOVED), code: 'WAIT66' }));
    const audit = (await call('GET', '/api/staff/audit?limit=5')).body.entries.map((e: any) => `${e.action} ${e.recordId}`);
    expect(audit).toEqual(expect.arrayContaining(['registration.cancel.session_cancelled SEAT22', 'registration.promote.waitlist WAIT66']));
  });
});
