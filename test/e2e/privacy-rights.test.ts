// A resident's rights over /api/messages and the staff API (issue 14): "what do you know about me"
// lists what is stored, in the resident's language; "delete my data" explains, asks, releases the
// seat (the waitlist moves), erases, confirms. Afterwards no table holds the resident's name or
// phone, on SQLite and on PostgreSQL. Staff export and erase the same, audited.
import { Client } from 'pg';
import { startBot, texts, lastPrompt, buttons, type BotUnderTest } from '../support/harness';
import { PG_URL } from '../support/db';
import { joinCourseSession, joinParentNetwork } from '../support/signup';

const STAFF_TOKEN = 'staff-secret-for-the-privacy-test-0123456789';
const unisolate = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

/** Every row of every table, as one text: a name or phone anywhere shows up here. */
async function everything(bot: BotUnderTest): Promise<string> {
  const db = bot.app.db;
  const sqlite = bot.databaseUrl.startsWith('file:');
  const tables = sqlite
    ? (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map((t) => t.name)
    : (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`)).map((t) => t.name);
  expect(tables).toEqual(expect.arrayContaining(['Resident', 'Registration', 'BotState', 'HandoffMessage', 'AuditEntry', 'RegistrationCount']));
  const dumps: string[] = [];
  for (const t of tables) {
    const rows = sqlite ? await db.$queryRawUnsafe(`SELECT * FROM "${t}"`) : await db.$queryRawUnsafe(`SELECT row_to_json(x)::text AS j FROM "${t}" x`);
    dumps.push(JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
  }
  return dumps.join('\n');
}

function expectGone(all: string, name: string, phone: string): void {
  const flat = all.replace(/\s/g, '');
  for (const part of name.split(' ')) expect(all).not.toContain(part);
  expect(flat).not.toContain(phone.replace(/\s/g, ''));
}

describe.each(['sqlite', 'postgres'] as const)('%s', (db) => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    if (db === 'postgres') {
      const c = new Client({ connectionString: PG_URL });
      await c.connect();
      await c.query('TRUNCATE "RegistrationCount", "JobLease", "AuditEntry"').catch(() => undefined);
      await c.end();
    }
    bot = await startBot({ db, env: { STAFF_API_TOKEN: STAFF_TOKEN } });
  });
  afterAll(async () => bot?.close());

  async function oneSeatCourse(): Promise<string> {
    const s = await bot.app.db.session.findFirstOrThrow({ where: { activityId: 'parent-course-ready-for-school' }, orderBy: { startsAt: 'asc' } });
    await bot.app.db.session.update({ where: { id: s.id }, data: { capacity: 1 } });
    await bot.app.db.registration.deleteMany({ where: { sessionId: s.id } });
    return s.id;
  }

  test('Danish: "hvad ved I om mig?" lists it all; "slet mine oplysninger" asks, releases the seat to the waitlist, erases, confirms', async () => {
    const session = await oneSeatCourse();
    const mette = bot.chat();
    await mette.say('hej');
    expect(lastPrompt(await joinCourseSession(mette, session, { name: 'Mette Kjærsgaard', phone: '71 72 73 74' }))).not.toBe('confirm');
    const karin = bot.chat();
    await karin.say('hej');
    expect(lastPrompt(await joinCourseSession(karin, session, { name: 'Karin Holmgaard', phone: '81 82 83 84' }))).not.toBe('confirm');
    expect((await bot.app.db.registration.findFirstOrThrow({ where: { participantName: 'Karin Holmgaard' } })).status).toBe('waitlisted');

    const known = texts(await mette.say('hvad ved I om mig?'));
    expect(known).toMatch(/Det har jeg gemt om dig/);
    expect(known).toMatch(/Dit sprog: Dansk/);
    expect(known).toMatch(/Du sagde ja til/);
    expect(known).toMatch(/Navn: Mette Kjærsgaard/);
    expect(known).toMatch(/Telefon: (\+45)?71 ?72 ?73 ?74/);
    expect(known).toMatch(/tilmeldt \(kode [A-Z0-9]{6}\)/);

    const asked = await mette.say('slet mine oplysninger');
    expect(lastPrompt(asked)).toBe('eraseConfirm');
    expect(texts(asked)).toMatch(/ventelisten/);
    expect(buttons(asked).map((b) => b.value)).toEqual(['yes', 'no']);
    const done = await mette.tap('yes');
    expect(texts(done)).toMatch(/Nu er alt om dig slettet/);

    expect((await bot.app.db.registration.findFirstOrThrow({ where: { participantName: 'Karin Holmgaard' } })).status).toBe('confirmed');
    expectGone(await everything(bot), 'Mette Kjærsgaard', '71727374');
    // What is left for the programme's reporting: counts, no person.
    expect(await bot.app.db.registrationCount.findMany({ where: { sessionId: session } })).toEqual([
      expect.objectContaining({ activityId: 'parent-course-ready-for-school', status: 'cancelled', count: 1 }),
    ]);
    // She can start again: a new resident, welcomed.
    expect(texts(await mette.say('hvad ved I om mig?'))).toMatch(/ikke sagt ja/);
  });

  test('Arabic: "ماذا تعرفون عني؟" and "احذف بياناتي" in Arabic; "لا" keeps everything', async () => {
    const chat = bot.chat();
    await joinParentNetwork(chat, { name: 'سميرة الحداد', phone: '61 62 63 64', ask: 'مرحبا، أريد التسجيل في شبكة الآباء' });
    const known = unisolate(texts(await chat.say('ماذا تعرفون عني؟')));
    expect(known).toMatch(/هذا ما أحفظه عنك/);
    expect(known).toMatch(/الاسم: سميرة الحداد/);
    expect(known).toMatch(/وافقت على حفظ معلوماتك/);

    const asked = await chat.say('احذف بياناتي');
    expect(lastPrompt(asked)).toBe('eraseConfirm');
    expect(asked[0].locale).toBe('ar');
    expect(texts(await chat.say('لا'))).toMatch(/لن أحذف شيئًا/);
    expect(await bot.app.db.registration.count({ where: { participantName: 'سميرة الحداد' } })).toBe(1);

    await chat.say('بدي امسح بياناتي');
    expect(texts(await chat.say('نعم'))).toMatch(/حُذف الآن كل ما يخصك/);
    expectGone(await everything(bot), 'سميرة الحداد', '61626364');
  });

  test('mid sign-up: "slet mine oplysninger" ends the sign-up and erases the answers so far; "I withdraw my consent" asks the same in English', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.tap('yes');
    expect(lastPrompt(await chat.say('Rasmus Vindeløv'))).toBe('phone');
    const asked = await chat.say('slet mine oplysninger');
    expect(lastPrompt(asked)).toBe('eraseConfirm');
    expect(texts(await chat.tap('yes'))).toMatch(/Nu er alt om dig slettet/);
    expectGone(await everything(bot), 'Rasmus Vindeløv', '00000000');
    // The sign-up is over: a phone number now is no answer to anything.
    expect(lastPrompt(await chat.say('hej'))).not.toBe('confirm');

    const english = bot.chat();
    await english.say('hello');
    const withdraw = await english.say('I withdraw my consent');
    expect(lastPrompt(withdraw)).toBe('eraseConfirm');
    expect(texts(withdraw)).toMatch(/If I delete your information/);
    expect(texts(await english.say('no'))).toMatch(/I will not delete anything/);
  });

  test('staff: find by reference code, export, erase; 401 without the token; audited without personal data', async () => {
    const chat = bot.chat();
    await joinParentNetwork(chat, { name: 'Birgitte Sørensen', phone: '91 92 93 94' });
    const row = await bot.app.db.registration.findFirstOrThrow({ where: { participantName: 'Birgitte Sørensen' } });
    const auth = { authorization: `Bearer ${STAFF_TOKEN}` };

    expect((await fetch(`${bot.url}/api/staff/residents?reference=${row.referenceCode}`)).status).toBe(401);
    expect((await fetch(`${bot.url}/api/staff/residents/${row.residentId}/erase`, { method: 'POST' })).status).toBe(401);
    const found = await fetch(`${bot.url}/api/staff/residents?reference=${row.referenceCode.toLowerCase()}`, { headers: auth });
    expect(await found.json()).toEqual({ residentId: row.residentId });
    const exported = (await (await fetch(`${bot.url}/api/staff/residents/${row.residentId}/export`, { headers: auth })).json()) as { resident: any };
    expect(exported.resident).toMatchObject({ language: 'da', registrations: [expect.objectContaining({ participantName: 'Birgitte Sørensen', referenceCode: row.referenceCode })] });
    expect(exported.resident.consentAt).toBeTruthy();

    const erased = await fetch(`${bot.url}/api/staff/residents/${row.residentId}/erase`, { method: 'POST', headers: auth });
    expect(await erased.json()).toMatchObject({ erased: true, anonymised: 1 });
    expect((await fetch(`${bot.url}/api/staff/residents/${row.residentId}/export`, { headers: auth })).status).toBe(404);
    const all = await everything(bot);
    expectGone(all, 'Birgitte Sørensen', '91929394');
    const audit = await bot.app.db.auditEntry.findMany({ where: { action: { startsWith: 'resident.' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['resident.lookup', 'resident.export', 'resident.erase']));
    expect(audit.find((a) => a.action === 'resident.erase')).toMatchObject({ actor: 'token', recordType: 'resident', recordId: row.residentId });
  });
});
