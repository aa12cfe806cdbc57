// Picking from a list and answering several questions at once, over /api/messages, as residents
// write: positions and days in Danish, Arabic dialect and English, two that fit asked about
// alone, a name with the phone, an age for a birth year, and the registration read back by staff.
import { startBot, staffRegistrations, texts, lastPrompt, buttons, type BotUnderTest } from '../support/harness';
import { joinParentNetwork } from '../support/signup';

const STAFF_TOKEN = 'staff-secret-for-the-choices-test-0123456789';
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: STAFF_TOKEN } });
});
afterAll(async () => bot.close());

const registrations = (activity: string) => staffRegistrations(bot, STAFF_TOKEN, activity);

test('a father picks "den anden" date, says yes with more words, and gives name and phone in one message', async () => {
  const chat = bot.chat();
  const days = await chat.say('hej jeg vil gerne melde mig på forældrekurset');
  expect(lastPrompt(days)).toBe('session');
  const second = buttons(days)[1].value;
  expect(lastPrompt(await chat.say('den anden'))).toBe('consent');
  expect(lastPrompt(await chat.say('ja det er helt fint, bare skriv mig op'))).toBe('name');
  const summary = await chat.say('Tariq Hussein 42 18 90 63');
  expect(lastPrompt(summary)).toBe('confirm');
  await chat.say('ja tak');
  const row = (await registrations('parent-course-ready-for-school')).find((r) => r.participantName === 'Tariq Hussein');
  expect(row).toMatchObject({ sessionId: second, participantPhone: '+4542189063', status: 'confirmed' });
});

test('"يوم السبت" picks the coming Saturday; "the last one" the last date', async () => {
  const ar = bot.chat();
  const days = await ar.say('بدي سجل بورشة المكرسبيس مع ابني');
  expect(lastPrompt(days)).toBe('session');
  expect(lastPrompt(await ar.say('يوم السبت'))).toBe('consent');
  const en = bot.chat();
  const list = await en.say('can I book the makerspace workshop with my kid');
  expect(lastPrompt(list)).toBe('session');
  expect(lastPrompt(await en.say('the last one'))).toBe('consent');
  await en.say('sure go ahead');
  await en.say('Nia Brown');
  expect(texts(await en.say('27 35 81 09'))).toMatch(new RegExp(buttons(list).at(-1)!.title.split(' (')[0].replace(/[\u2066-\u2069]/g, '')));
});

test('a date and a time name one session; "تاني واحد" is the second', async () => {
  const da = bot.chat();
  const days = await da.say('tilmeld mig makerspace for forældre og børn');
  const third = buttons(days)[2];
  const day = Number(third.value.slice(-2));
  expect(lastPrompt(await da.say(`d. ${day}/12 kl 10`))).toBe('consent');
  await da.say('ja');
  await da.say('Birgit Holm');
  expect(texts(await da.say('61 20 33 48'))).toMatch(new RegExp(`${day}\\. december`));
  const ar = bot.chat();
  expect(lastPrompt(await ar.say('بدي سجل بدورة الأهالي للروضة'))).toBe('session');
  expect(lastPrompt(await ar.say('تاني واحد'))).toBe('consent');
});

test('"makerspace" fits two activities: only those two are shown, and "den med børn" picks one', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('jeg vil gerne tilmelde mig et kursus'))).toBe('activity');
  const which = await chat.say('makerspace');
  expect(lastPrompt(which)).toBe('activity');
  expect(buttons(which).map((b) => b.value).sort()).toEqual(['makerspace-open-workshop', 'makerspace-parent-child']);
  expect(lastPrompt(await chat.say('den med børn'))).toBe('session');
});

test('a phone given when the name was asked is kept, and the name is asked again', async () => {
  const chat = bot.chat();
  await chat.say('I want to join the parents network');
  expect(lastPrompt(await chat.say('yes that is fine'))).toBe('name');
  expect(lastPrompt(await chat.say('50 44 12 87'))).toBe('name');
  const summary = await chat.say('Amal Yusuf');
  expect(lastPrompt(summary)).toBe('confirm');
  expect(texts(summary)).toMatch(/\+4550441287/);
});

test('an age in Arabic instead of a birth year, and a one-word answer at consent never opens a handoff', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('بنتي بدها تشتغل شغل مصروف الجيب'))).toBe('birthYear');
  expect(lastPrompt(await chat.say('عمرها ١٤'))).toBe('session');
  const ar = bot.chat();
  expect(lastPrompt(await ar.say('بدي سجل بشبكة الأهالي'))).toBe('consent');
  const reply = await ar.say('اول واحد');
  expect(bot.connector.messages(ar.conversationId).some((m: any) => /موظف/.test(m.text ?? '') && m.channelData?.prompt === undefined)).toBe(false);
  expect(lastPrompt(reply)).toBe('name');
});

test('"ja afmeld" at the cancel question cancels', async () => {
  const chat = bot.chat();
  await joinParentNetwork(chat, { name: 'Jonas Berg', phone: '33 21 90 11', ask: 'tilmeld mig forældrenetværket' });
  const signedUp = (await registrations('parent-network')).find((r) => r.participantName === 'Jonas Berg');
  expect(signedUp?.status).toBe('confirmed');
  await chat.say('jeg vil gerne afmelde');
  await chat.say('ja afmeld');
  // Cancelled, and the name and phone are gone at once (issue 14).
  expect((await registrations('parent-network')).find((r) => r.referenceCode === signedUp!.referenceCode)).toMatchObject({ status: 'cancelled', participantName: null, participantPhone: null });
});

test('a day that is not offered gets the offered days in words, not only on the buttons', async () => {
  const chat = bot.chat();
  const days = await chat.say('ابني عمره ١٣ سنة بدو شغل');
  expect(lastPrompt(days)).toBe('session');
  const titles = buttons(days).map((b) => b.title);
  // Saturday, as the resident typed it; Monday (الاثنين) is left out: the choice matcher reads it as "two".
  const weekdays = ['السبت', 'الأحد', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة'];
  const absent = weekdays.find((d) => !titles.some((t) => t.includes(d)));
  expect(absent).toBeDefined();
  const retry = await chat.say(absent!);
  expect(lastPrompt(retry)).toBe('session');
  for (const title of titles) expect(texts(retry)).toContain(title);
});

test('a day with no session is named as unavailable, with the day there is, and the sign-up goes on', async () => {
  const chat = bot.chat();
  // The family workshop is on Saturdays only.
  expect(lastPrompt(await chat.say('اريد اسجل انا وبنتي بورشة الميكر سبيس مال الاهل والاطفال'))).toBe('session');
  const friday = await chat.say('الجمعة');
  expect(lastPrompt(friday)).toBe('session');
  expect(texts(friday)).toMatch(/الجمعة/);
  expect(texts(friday)).toMatch(/السبت/);
  // Not the generic "tap a day" and never another activity's card ("جمعية" is an association).
  expect(texts(friday)).not.toMatch(/اضغط على يوم|نادٍ أو جمعية/);
  expect(lastPrompt(await chat.say('زين السبت الجاي'))).toBe('consent');
  const en = bot.chat();
  expect(lastPrompt(await en.say('i want to join the parent course for kindergarten'))).toBe('session');
  const sunday = await en.say('sunday pls');
  expect(texts(sunday)).toMatch(/nothing on Sunday/);
  expect(texts(sunday)).toMatch(/Tuesday/);
  expect(lastPrompt(await en.say('2'))).toBe('consent');
});

test('"الاثنين" (Monday) is a day, not "two": the first Monday of the job course is taken', async () => {
  const chat = bot.chat();
  const days = await chat.say('ابني عمره ١٥ سنة بدي سجله بدورة العمل');
  expect(lastPrompt(days)).toBe('session');
  expect(lastPrompt(await chat.say('يوم الاثنين'))).toBe('consent');
  await chat.say('ماشي');
  await chat.say('يوسف الحلبي');
  await chat.say('سمر الحلبي');
  const summary = await chat.say('٥٠ ٦١ ٧٢ ٨٣');
  // The first session's date, not the second's.
  const first = buttons(days)[0].title.split(' (')[0].replace(/[\u2066-\u2069]/g, '');
  expect(texts(summary).replace(/[\u2066-\u2069]/g, '')).toContain(first);
});
