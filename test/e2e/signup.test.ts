// Sign-up conversations over /api/messages: consent first, eligibility, guardians, seats and
// the waitlist, duplicates, restarts and interruptions.
import { startBot, texts, lastPrompt, buttons, type BotUnderTest, type Chat } from '../support/harness';
import { fillParentNetwork, joinCourseSession, joinParentNetwork } from '../support/signup';
import { isolate } from '../../src/i18n';

/** STAFF_API_TOKEN must be at least 32 characters. */
const STAFF_TOKEN = 'staff-secret-for-tests-0123456789abcdef';
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: STAFF_TOKEN } });
});
afterAll(async () => bot.close());

const registrations = () => bot.app.db.registration.findMany({ orderBy: { createdAt: 'asc' } });
const residentOf = (chat: Chat) => bot.app.db.resident.findFirstOrThrow({ where: { channelUserId: chat.userId } });

describe('parents\' network', () => {
  test('Danish: consent, name, phone, summary, then a reference code and a stored registration', async () => {
    const chat = bot.chat();
    const consent = await chat.say('tilmeld mig forældrenetværk');
    expect(lastPrompt(consent)).toBe('consent');
    // Exactly what this sign-up keeps: a membership has no birth year.
    expect(texts(consent)).toMatch(/Jeg gemmer navn og telefonnummer\./);
    expect(texts(consent)).toMatch(/12 måneder/);
    expect(buttons(consent).map((b) => b.value)).toEqual(['yes', 'no']);
    expect(lastPrompt(await chat.tap('yes'))).toBe('name');
    expect(lastPrompt(await chat.say('Mette Hansen'))).toBe('phone');
    const summary = await chat.say('12 34 56 78');
    expect(lastPrompt(summary)).toBe('confirm');
    expect(texts(summary)).toMatch(/Mette Hansen/);
    expect(texts(summary)).toMatch(/\+4512345678/);
    const done = await chat.tap('yes');
    const code = /Dit nummer: ([A-Z2-9]{6})/.exec(texts(done))?.[1];
    expect(code).toBeDefined();
    expect(code).not.toMatch(/[01IO]/);
    const stored = await bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: code! } });
    expect(stored).toMatchObject({ activityId: 'parent-network', sessionId: null, status: 'confirmed', participantName: 'Mette Hansen', participantPhone: '+4512345678' });
    expect((await residentOf(chat)).consentAt).not.toBeNull();
  });

  test('Arabic: the whole flow in Arabic, Arabic-Indic digits in the phone number', async () => {
    const chat = bot.chat();
    const consent = await chat.say('سجلني في شبكة الأهالي');
    expect(lastPrompt(consent)).toBe('consent');
    expect(consent[0].locale).toBe('ar');
    expect(texts(consent)).toMatch(/هل توافق؟/);
    expect(lastPrompt(await chat.say('نعم'))).toBe('name');
    expect(lastPrompt(await chat.say('فاطمة علي'))).toBe('phone');
    const summary = await chat.say('٢٨ ٩١ ٤٤ ١٠');
    expect(texts(summary)).toContain('\u2068+4528914410\u2069');
    const done = await chat.say('نعم');
    expect(texts(done)).toMatch(/تم التسجيل/);
    expect(texts(done)).toMatch(/رقم التسجيل: \u2068[A-Z2-9]{6}\u2069/);
    const row = (await registrations()).find((r) => r.participantName === 'فاطمة علي');
    expect(row).toMatchObject({ status: 'confirmed', participantPhone: '+4528914410' });
  });

  test('refusing consent ends kindly and stores nothing', async () => {
    const chat = bot.chat();
    await chat.say('jeg vil være med i forældrenetværket');
    const before = (await registrations()).length;
    const refused = await chat.say('nej');
    expect(texts(refused)).toMatch(/ikke gemt noget/);
    expect((await registrations()).length).toBe(before);
    expect((await residentOf(chat)).consentAt).toBeNull();
    // The conversation is free again: the next message is routed, not taken as a name.
    expect(texts(await chat.say('hvilke aktiviteter er der?'))).toMatch(/For forældre og familier/);
  });

  test('an invalid phone number is re-asked kindly with an example', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.tap('yes');
    await chat.say('Ali Hassan');
    const retry = await chat.say('123');
    expect(lastPrompt(retry)).toBe('phone');
    expect(texts(retry)).toMatch(/8 cifre/);
    expect(texts(retry)).toMatch(/12 34 56 78/);
    expect(lastPrompt(await chat.say('+45 28 91 44 10'))).toBe('confirm');
  });

  test('the same person signing up twice is told they are already registered', async () => {
    const chat = bot.chat();
    await joinParentNetwork(chat, { name: 'Hanne Berg', phone: '87654321' });
    await chat.say('tilmeld mig forældrenetværk');
    await chat.say('Hanne Berg');
    await chat.say('87654321');
    const again = await chat.tap('yes');
    expect(texts(again)).toMatch(/allerede tilmeldt/);
    expect((await registrations()).filter((r) => r.participantName === 'Hanne Berg')).toHaveLength(1);
  });

  test('the confirming message delivered twice creates one registration', async () => {
    const chat = bot.chat();
    await fillParentNetwork(chat, { name: 'Yusuf Demir', phone: '22 33 44 55' });
    const confirm = chat.activity({ text: 'yes', value: 'yes' });
    const first = await chat.send(confirm);
    const second = await chat.send(confirm);
    expect(texts(first)).toMatch(/Dit nummer/);
    expect(second).toHaveLength(0);
    expect((await registrations()).filter((r) => r.participantName === 'Yusuf Demir')).toHaveLength(1);
  });

  test('a restart mid-flow continues where the resident was', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.tap('yes');
    expect(lastPrompt(await chat.say('Sara Nielsen'))).toBe('phone');
    await bot.restart();
    const summary = await chat.say('40 50 60 70');
    expect(lastPrompt(summary)).toBe('confirm');
    expect(texts(summary)).toMatch(/Sara Nielsen/);
  });

  test('changing language mid-flow asks the same question again in the new language', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.tap('yes');
    const offer = await chat.say('skift sprog');
    expect(lastPrompt(offer)).toBe('language');
    const switched = await chat.tap('ar');
    expect(texts(switched)).toMatch(/سأكتب الآن/);
    expect(lastPrompt(switched)).toBe('name');
    expect(texts(switched)).toMatch(/ما اسمك الكامل؟/);
    expect(lastPrompt(await chat.say('Omar Khalil'))).toBe('phone');
  });

  test('an unrelated question mid-flow is answered, then the question comes back', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.tap('yes');
    await chat.say('Lina Haddad');
    const answer = await chat.say('hvad gør I med mine data?');
    expect(texts(answer)).toMatch(/Sådan passer vi på dine oplysninger/);
    expect(lastPrompt(answer)).toBe('phone');
  });

  test('"stop" ends the flow without storing', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.tap('yes');
    const stopped = await chat.say('afbryd');
    expect(texts(stopped)).toMatch(/stoppet/);
    expect(lastPrompt(stopped)).toBe('menu');
  });

  test('changing one field from the summary asks only that again', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.tap('yes');
    await chat.say('Noor Ahmad');
    const summary = await chat.say('11 22 33 44');
    expect(buttons(summary).map((b) => b.value)).toEqual(['yes', 'no', 'change:name', 'change:phone']);
    expect(lastPrompt(await chat.tap('change:phone'))).toBe('phone');
    const again = await chat.say('55 66 77 88');
    expect(lastPrompt(again)).toBe('confirm');
    expect(texts(again)).toMatch(/Noor Ahmad/);
    expect(texts(again)).toMatch(/\+4555667788/);
  });
});

describe('pocket-money jobs', () => {
  test('a parent whose child is too young hears why and what fits instead', async () => {
    const chat = bot.chat();
    // "min søn" already says who: the birth year comes first.
    expect(lastPrompt(await chat.say('min søn vil gerne have lommepengejob'))).toBe('birthYear');
    const year = new Date().getFullYear();
    const answer = await chat.say(String(year - 10));
    expect(texts(answer)).toMatch(/for 13–14 år/);
    expect(texts(answer)).toMatch(/lidt for tidligt/);
  });

  test('a 13-year-old alone needs a guardian: the registration waits for the guardian', async () => {
    const chat = bot.chat();
    // "jeg er 13" says who and how old: no question about either.
    const session = await chat.say('jeg er 13 og vil gerne have et lommepengejob');
    expect(lastPrompt(session)).toBe('session');
    const consent = await chat.tap(buttons(session)[0].value);
    expect(texts(consent)).toMatch(/Jeg gemmer navn, fødselsår, telefonnummer og en forælders navn og telefonnummer\./);
    await chat.tap('yes');
    expect(lastPrompt(await chat.say('Adam Jensen'))).toBe('phone');
    const guardian = await chat.say('31 32 33 34');
    expect(lastPrompt(guardian)).toBe('guardianName');
    expect(texts(guardian)).toMatch(/under 15/);
    expect(lastPrompt(await chat.say('Maria Jensen'))).toBe('guardianPhone');
    const summary = await chat.say('41 42 43 44');
    expect(texts(summary)).toMatch(/Maria Jensen/);
    const done = await chat.tap('yes');
    expect(texts(done)).toMatch(/Venter på, at din forælder siger ja/);
    expect(texts(done)).toMatch(/Nu mangler vi kun, at din forælder siger ja/);
    const row = (await registrations()).find((r) => r.participantName === 'Adam Jensen');
    expect(row).toMatchObject({
      activityId: 'pocket-money-job', status: 'pending_guardian', participant: 'self',
      participantBirthYear: new Date().getFullYear() - 13, guardianName: 'Maria Jensen', guardianPhone: '+4541424344',
    });
  });

  test('Arabic: a father signs up his 13-year-old son; he is the guardian, so it is confirmed', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('ابني يريد عمل مصروف الجيب'))).toBe('birthYear');
    const session = await chat.say(String(new Date().getFullYear() - 13));
    expect(lastPrompt(session)).toBe('session');
    const consent = await chat.tap(buttons(session)[0].value);
    expect(texts(consent)).toContain(`سأحفظ ${isolate('اسم طفلك وسنة ميلاد طفلك واسمك وأرقام الهاتف التي تعطينا إياها')}.`);
    await chat.say('نعم');
    expect(texts(await chat.say('يوسف الأحمد'))).toMatch(/اسمك أنت/);
    expect(lastPrompt(await chat.say('أحمد الأحمد'))).toBe('guardianPhone');
    await chat.say('٥٠ ٦٠ ٧٠ ٨٠');
    const done = await chat.say('نعم');
    expect(texts(done)).toMatch(/الحالة: مسجّل/);
    const row = (await registrations()).find((r) => r.participantName === 'يوسف الأحمد');
    expect(row).toMatchObject({ participant: 'child', status: 'confirmed', guardianName: 'أحمد الأحمد', guardianPhone: '+4550607080' });
  });

  test('a 15-year-old gets the job course (14–16) without a guardian', async () => {
    const chat = bot.chat();
    const session = await chat.say('jeg er 15 og vil gerne have fritidsjob');
    expect(lastPrompt(session)).toBe('session');
    expect(texts(session)).toMatch(/Hvilken dag/);
    const consent = await chat.tap(buttons(session)[0].value);
    expect(texts(consent)).toMatch(/Jeg gemmer navn, fødselsår og telefonnummer\./);
    await chat.tap('yes');
    await chat.say('Emil Sørensen');
    const summary = await chat.say('61 62 63 64');
    expect(lastPrompt(summary)).toBe('confirm');
    await chat.tap('yes');
    const row = (await registrations()).find((r) => r.participantName === 'Emil Sørensen');
    expect(row).toMatchObject({ activityId: 'leisure-job-course', status: 'confirmed', guardianName: null });
  });
});

describe('courses, seats and the waitlist', () => {
  test('English: a course with dated sessions, a calendar link, then a full session → waitlist → cancellation promotes', async () => {
    const course = await bot.app.db.session.findFirstOrThrow({ where: { activityId: 'parent-course-ready-for-school' }, orderBy: { startsAt: 'asc' } });
    await bot.app.db.session.update({ where: { id: course.id }, data: { capacity: 1 } });

    const first = bot.chat();
    const which = await first.say('I want to register for a course');
    expect(lastPrompt(which)).toBe('activity');
    const sessions = await first.tap('parent-course-ready-for-school');
    expect(lastPrompt(sessions)).toBe('session');
    expect(buttons(sessions)[0]).toMatchObject({ value: course.id });
    expect(buttons(sessions)[0].title).toMatch(/1 place\)/);
    await first.tap(course.id);
    await first.tap('yes');
    await first.say('Jane Doe');
    await first.say('71 72 73 74');
    const done = await first.tap('yes');
    expect(texts(done)).toMatch(/You are signed up/);
    const url = /Add to calendar: (\S+)/.exec(texts(done))![1];
    const ics = await fetch(url.replace(/^http:\/\/localhost:\d+/, bot.url));
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(await ics.text()).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*SUMMARY:/);

    const second = bot.chat();
    await second.say('hej');
    const full = await joinCourseSession(second, course.id, { name: 'Karin Holm', phone: '81 82 83 84' });
    expect(texts(full)).toMatch(/ventelisten/);
    expect(texts(full)).toMatch(/Venteliste, nummer 1/);

    const mine = await first.say('show my registrations');
    expect(texts(mine)).toMatch(/Status: Signed up/);
    const cancelled = await first.tap(buttons(mine)[0].value);
    expect(lastPrompt(cancelled)).toBe('confirm');
    expect(texts(await first.tap('yes'))).toMatch(/You are now cancelled/);

    const rows = await bot.app.db.registration.findMany({ where: { sessionId: course.id } });
    expect(rows.find((r) => r.participantName === 'Karin Holm')?.status).toBe('confirmed');
    // A cancelled registration loses its personal data at once; the row stays for the seat count and its code.
    const gone = rows.filter((r) => r.status === 'cancelled');
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ participantName: null, participantPhone: null, participantBirthYear: null, guardianName: null, guardianPhone: null });
    expect(gone[0].referenceCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(JSON.stringify(rows)).not.toMatch(/Jane Doe|71 ?72 ?73 ?74/);
    // The promoted resident hears it the next time they write.
    const news = await second.say('hej igen');
    expect(texts(news)).toMatch(/Godt nyt/);
    expect(texts(await second.say('hej igen'))).not.toMatch(/Godt nyt/);
  });

  test('Arabic: a parent books a course date by typing, and the confirmation gives the date in Arabic', async () => {
    const chat = bot.chat();
    const which = await chat.say('أريد التسجيل في دورة');
    expect(lastPrompt(which)).toBe('activity');
    expect(which[0].locale).toBe('ar');
    // A course of single days (the parents' course is booked whole: test/e2e/series.test.ts).
    const dates = await chat.tap('makerspace-parent-child');
    expect(lastPrompt(dates)).toBe('session');
    expect(texts(dates)).toMatch(/في أي يوم/);
    await chat.say('٢');
    await chat.say('نعم');
    await chat.say('سلمى حداد');
    await chat.say('٢٠ ٣٠ ٤٠ ٥٠');
    const done = await chat.say('نعم');
    expect(texts(done)).toMatch(/تم التسجيل/);
    expect(texts(done)).toMatch(/الموعد: \u2068(الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|الاثنين)/);
    const second = (await bot.app.db.session.findMany({ where: { activityId: 'makerspace-parent-child' }, orderBy: { startsAt: 'asc' } }))[1];
    const row = (await registrations()).find((r) => r.participantName === 'سلمى حداد');
    expect(row).toMatchObject({ sessionId: second.id, participantPhone: '+4520304050', status: 'confirmed' });
  });

  test('numbered choices on a channel without buttons: "2" picks the second course', async () => {
    const chat = bot.chat({ channelId: 'sms' });
    const which = await chat.say('tilmelding til kursus');
    expect(which.at(-1)!.suggestedActions).toBeUndefined();
    const second = /\n2\. (.+)/.exec(which.at(-1)!.text)![1];
    const next = await chat.say('nummer 2');
    expect(lastPrompt(next)).toBe('session');
    const chosen = await bot.app.db.activityText.findFirstOrThrow({ where: { title: second, lang: 'da' } });
    expect(texts(next)).not.toMatch(/Tryk på en af knapperne/);
    // Go on with numbers and words only, and check what was stored.
    expect(next.at(-1)!.text).toMatch(/\n1\. /);
    await chat.say('1');
    await chat.say('ja');
    await chat.say('Sofie Lund');
    await chat.say('91 92 93 94');
    const done = await chat.say('1');
    expect(texts(done)).toMatch(/Dit nummer/);
    const row = (await registrations()).find((r) => r.participantName === 'Sofie Lund');
    expect(row?.activityId).toBe(chosen.activityId);
  });
});

describe('staff read access', () => {
  test('401 without the token; JSON and CSV (BOM, æøå and Arabic intact) with it; filtered by activity', async () => {
    expect((await fetch(`${bot.url}/api/staff/registrations`)).status).toBe(401);
    expect((await fetch(`${bot.url}/api/staff/registrations`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${STAFF_TOKEN}` } };
    const json = await (await fetch(`${bot.url}/api/staff/registrations?activity=parent-network`, auth)).json();
    expect(json.registrations.length).toBeGreaterThan(0);
    expect(json.registrations.every((r: any) => r.activityId === 'parent-network')).toBe(true);
    const csvRes = await fetch(`${bot.url}/api/staff/registrations?format=csv`, auth);
    expect(csvRes.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv).toMatch(/^\uFEFFreference,status,waitlist_position,activity/);
    expect(csv).toContain('Emil Sørensen');
    expect(csv).toContain('فاطمة علي');
  });

  test('every read is audited (who, what, which activity; never a name or phone), and the audit trail is staff only', async () => {
    expect((await fetch(`${bot.url}/api/staff/audit`)).status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${STAFF_TOKEN}` } };
    await fetch(`${bot.url}/api/staff/registrations?activity=parent-network`, auth);
    await fetch(`${bot.url}/api/staff/registrations?format=csv`, auth);
    const res = await fetch(`${bot.url}/api/staff/audit?limit=2`, auth);
    expect(res.status).toBe(200);
    const { entries } = await res.json();
    expect(entries.map((e: any) => [e.actor, e.action, e.recordId])).toEqual([
      ['token', 'registrations.export', null],
      ['token', 'registrations.read', 'parent-network'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Sørensen|فاطمة|\d{8}/);
  });
});
