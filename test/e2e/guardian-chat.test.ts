// The guardian's yes over /api/messages (issue 14): a 13-year-old alone gets a link and a code for a
// parent; the parent writes the code in another conversation, sees the sign-up and answers; the
// child is told at once (proactively); no, no answer in time, and staff's confirmation after a
// phone call; a failed proactive send is retried and not lost. SQLite and PostgreSQL.
import { startBot, texts, lastPrompt, buttons, type BotUnderTest, type Chat } from '../support/harness';
import { childSignsUpAlone } from '../support/guardian';
import { isolate } from '../../src/i18n';

const STAFF_TOKEN = 'staff-secret-for-tests-0123456789abcdef';
const HOUR = 3_600_000;

/** Polls until `check` returns a value, or fails after a deadline (no fixed sleeps). */
async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe.each(['sqlite', 'postgres'] as const)('guardian in the chat on %s', (db) => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ db, env: { STAFF_API_TOKEN: STAFF_TOKEN, GUARDIAN_ANSWER_HOURS: '48', LOG_LEVEL: process.env.E2_LOG ?? 'error' } });
  }, 120_000);
  afterAll(async () => bot.close());

  const registration = (reference: string) => bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: reference } });
  /** Messages the bot sent the child's conversation without the child writing. */
  const toldChild = (child: Chat, pattern: RegExp) => eventually(() => child.replies().map((r) => r.text as string).find((t) => pattern.test(t)), `the child to be told ${pattern}`);

  test('Danish: the parent writes the code in their own chat, sees the sign-up, says yes; the child is told at once', async () => {
    const child = bot.chat();
    const invite = await childSignsUpAlone(child, 'Adam Jensen');
    expect((await registration(invite.reference)).status).toBe('pending_guardian');
    // Only hashes are stored: neither the token nor the code is in the database.
    const request = await bot.app.db.guardianRequest.findFirstOrThrow({ where: { registration: { referenceCode: invite.reference } } });
    expect(JSON.stringify(request)).not.toContain(invite.token);
    expect(JSON.stringify(request)).not.toContain(invite.code.replace('-', ''));

    const parent = bot.chat();
    const shown = await parent.say(`Hej, min søn gav mig koden ${invite.code.toLowerCase()}`);
    expect(lastPrompt(shown)).toBe('guardianConsent');
    expect(texts(shown)).toMatch(/Dit barn vil gerne være med i en aktivitet/);
    expect(texts(shown)).toMatch(/Lommepengejob/i);
    expect(texts(shown)).toMatch(/Barn: Adam Jensen/);
    expect(texts(shown)).toMatch(/Forælder: Maria Jensen, \+4541424344/);
    expect(texts(shown)).toMatch(/slettet, når aktiviteten er slut/);
    expect(texts(await parent.tap('yes'))).toMatch(/Dit barn er nu tilmeldt/);

    expect((await registration(invite.reference)).status).toBe('confirmed');
    expect(await toldChild(child, /Din forælder har sagt ja/)).toContain(invite.reference);
    // Single use: the same code again is spent.
    expect(texts(await parent.say(invite.code))).toMatch(/Den kode er allerede brugt/);
  });

  test('Arabic: the parent answers no; the sign-up is cancelled, the seat goes to the waitlist, and both children are told at once', async () => {
    const child = bot.chat();
    const invite = await childSignsUpAlone(child, 'Omar Haddad');
    const held = await registration(invite.reference);
    const { capacity } = await bot.app.db.session.findUniqueOrThrow({ where: { id: held.sessionId! } });
    // The session is full now: the next one waits (the other tests get their seats back after).
    await bot.app.db.session.update({ where: { id: held.sessionId! }, data: { capacity: await bot.app.db.registration.count({ where: { sessionId: held.sessionId, status: { in: ['confirmed', 'pending_guardian'] } } }) } });
    const waiting = bot.chat();
    const session = await waiting.say('tilmeld mig lommepengejob, jeg er 14');
    await waiting.tap(buttons(session).find((b) => b.value === held.sessionId)!.value);
    await waiting.tap('yes');
    await waiting.say('Sara Nielsen');
    await waiting.say('51 52 53 54');
    await waiting.say('Lone Nielsen');
    await waiting.say('61 62 63 64');
    const queued = texts(await waiting.tap('yes'));
    expect(queued).toMatch(/venteliste/i);
    const waitingRef = /Dit nummer: ([A-Z2-9]{6})/.exec(queued)![1];
    expect((await registration(waitingRef)).status).toBe('waitlisted');

    const parent = bot.chat();
    const shown = await parent.say(`السلام عليكم، الرمز هو ${invite.code}`);
    expect(lastPrompt(shown)).toBe('guardianConsent');
    expect(texts(shown)).toMatch(/طفلك يريد المشاركة في نشاط/);
    expect(texts(shown)).toContain(`الطفل: ${isolate('Omar Haddad')}`);
    expect(texts(await parent.say('لا'))).toMatch(/أُلغي التسجيل، وقد أخبرنا طفلك بذلك/);

    expect((await registration(invite.reference)).status).toBe('cancelled');
    expect(await toldChild(child, /Din forælder har sagt nej/)).toMatch(/Det er helt i orden/);
    // The 14-year-old alone still needs a guardian's yes for the seat that opened.
    expect((await registration(waitingRef)).status).toBe('pending_guardian');
    expect(await toldChild(waiting, /Der er blevet en plads til dig/)).toContain(waitingRef);
    await bot.app.db.session.update({ where: { id: held.sessionId! }, data: { capacity } });
  });

  test('no answer within GUARDIAN_ANSWER_HOURS: the seat is released once, and the child is told', async () => {
    const child = bot.chat();
    const invite = await childSignsUpAlone(child, 'Yusuf Ali');
    expect(texts(child.replies())).toBe('');
    // Not yet due.
    await bot.app.releaseOverdueGuardians(new Date(Date.now() + 47 * HOUR));
    expect((await registration(invite.reference)).status).toBe('pending_guardian');
    const later = new Date(Date.now() + 49 * HOUR);
    const [a, b] = await Promise.all([bot.app.releaseOverdueGuardians(later), bot.app.releaseOverdueGuardians(later)]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect((await registration(invite.reference)).status).toBe('cancelled');
    expect(await toldChild(child, /Vi hørte ikke fra din forælder i tide/)).toContain(invite.reference);
    expect(await bot.app.db.residentNotice.count({ where: { key: 'guardian:toChild.expired', resident: { channelUserId: child.userId } } })).toBe(1);
    // The code is spent.
    expect(texts(await bot.chat().say(invite.code))).toMatch(/allerede brugt/);
  });

  test('staff confirm after a phone call: guarded, audited, and the child is told', async () => {
    const child = bot.chat();
    const invite = await childSignsUpAlone(child, 'Lina Berg');
    const path = `${bot.url}/api/staff/registrations/${invite.reference}/guardian`;
    const post = (headers: Record<string, string>) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ answer: 'yes' }) });
    expect((await post({})).status).toBe(401);
    const state = await fetch(path, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
    expect(await state.json()).toMatchObject({ reference: invite.reference, status: 'pending_guardian', guardian: { answer: null } });
    const res = await post({ authorization: `Bearer ${STAFF_TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reference: invite.reference, status: 'confirmed' });
    expect((await post({ authorization: `Bearer ${STAFF_TOKEN}` })).status).toBe(409);
    const audit = await bot.app.db.auditEntry.findMany({ where: { recordId: invite.reference } });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['registration.guardian.read', 'registration.guardian.confirm']));
    expect(JSON.stringify(audit)).not.toMatch(/Lina|Maria|\+45/);
    expect(await toldChild(child, /Din forælder har sagt ja/)).toContain(invite.reference);
  });

  test('a proactive message the channel refuses (500) is kept and sent by the retry job', async () => {
    const child = bot.chat();
    const invite = await childSignsUpAlone(child, 'Emil Holm');
    // The child's channel is down: 500 to the send and to the connector client's own quick retries.
    bot.connector.failNext.set(child.conversationId, 4);
    const parent = bot.chat();
    await parent.say(invite.code);
    expect(texts(await parent.tap('yes'))).toMatch(/Dit barn er nu tilmeldt/);
    const notice = () => bot.app.db.residentNotice.findFirstOrThrow({ where: { key: 'guardian:toChild.yes', resident: { channelUserId: child.userId } } });
    await eventually(async () => ((await notice()).attempts === 1 ? true : undefined), 'the first, failed attempt', 60_000);
    expect(bot.connector.failNext.get(child.conversationId)).toBe(0);
    expect(await notice()).toMatchObject({ status: 'pending', sentAt: null });
    expect(texts(child.replies())).not.toMatch(/har sagt ja/);
    // The retry job, later: sent, once.
    expect(await bot.app.sendNotices(new Date(Date.now() + HOUR))).toBe(1);
    expect(await notice()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(texts(child.replies())).toMatch(/Din forælder har sagt ja/);
  });
});
