// Inside the sign-up form residents answer the way they talk: two facts at once ("Lina, 13"), a
// name given in passing after a correction ("it's for my wife, her name is Mona Saleh"), "yh" for
// yes. Each is taken, the form goes on, and the registration is stored once in the real SQLite.
import { startBot, staffRegistrations, texts, lastPrompt, buttons, type BotUnderTest } from '../support/harness';

/** STAFF_API_TOKEN must be at least 32 characters. */
const STAFF_TOKEN = 'staff-secret-for-the-corrections-test-0123456789';
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: STAFF_TOKEN } });
});
afterAll(async () => bot.close());

const unisolate = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

/** Rows stored for this conversation's resident, straight from the database. */
async function storedFor(userId: string) {
  const resident = await bot.app.db.resident.findFirstOrThrow({ where: { channelUserId: userId } });
  return bot.app.db.registration.findMany({ where: { residentId: resident.id } });
}

test('"Lina, 13" to the birth-year question gives the age: the day is asked next, not the year again', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('I want to register my daughter for the pocket money jobs'))).toBe('birthYear');
  const day = await chat.say('Lina, 13');
  expect(lastPrompt(day)).toBe('session');
  await chat.tap(buttons(day)[0].value);
  expect(lastPrompt(await chat.say('ok'))).toBe('name');
});

test('a day or a time beside a number is no age: "torsdag 15" is not read as 15 years old', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('min datter skal have lommepengejob'))).toBe('birthYear');
  expect(lastPrompt(await chat.say('torsdag 15'))).toBe('birthYear');
});

test('"wait, it\'s for my wife, her name is Mona Saleh" at the name question: her name is taken and stored once', async () => {
  const chat = bot.chat();
  const start = await chat.say('sign me up for the parent course pls');
  expect(lastPrompt(start)).toBe('session');
  await chat.tap(buttons(start)[0].value);
  expect(lastPrompt(await chat.say('yh sure'))).toBe('name');
  expect(lastPrompt(await chat.say("wait, actually it's for my wife, her name is Mona Saleh"))).toBe('phone');
  const summary = await chat.say('her number is 61 23 45 70');
  expect(lastPrompt(summary)).toBe('confirm');
  expect(unisolate(texts(summary))).toMatch(/Name: Mona Saleh/);
  await chat.say('yes');
  // A second "yes" (a resident tapping twice) registers nothing more.
  await chat.say('yes');
  const rows = await storedFor(chat.userId);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ activityId: 'parent-course-ready-for-school', participantName: 'Mona Saleh', participantPhone: '+4561234570' });
  expect((await staffRegistrations(bot, STAFF_TOKEN, 'parent-course-ready-for-school')).filter((r) => r.participantName === 'Mona Saleh')).toHaveLength(1);
});

describe('corrections of an earlier answer', () => {
  test('"nej vent det er til min søn ikke mig. han er 14" after "mig": the sign-up is for the son, 14', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('jeg vil melde til lommepenge job'))).toBe('participant');
    expect(lastPrompt(await chat.say('mig'))).toBe('birthYear');
    const day = await chat.say('nej vent det er til min søn ikke mig. han er 14');
    expect(lastPrompt(day)).toBe('session');
    // The day question is now about the child.
    expect(texts(day)).toMatch(/dit barn/);
    await chat.tap(buttons(day)[0].value);
    const name = await chat.say('ja det er ok');
    expect(lastPrompt(name)).toBe('name');
    expect(texts(name)).toMatch(/barns fulde navn/);
    expect(lastPrompt(await chat.say('Ibrahim Khan'))).toBe('guardianName');
    expect(lastPrompt(await chat.say('Tariq Khan'))).toBe('guardianPhone');
    expect(texts(await chat.say('42 42 19 88'))).toMatch(/Barn: Ibrahim Khan/);
    await chat.say('ja');
    const rows = await storedFor(chat.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ participant: 'child', participantName: 'Ibrahim Khan', participantBirthYear: new Date().getFullYear() - 14, guardianName: 'Tariq Khan' });
  });

  test('"nej det er til min datter" at the consent question: said to be changed, and the form goes on for the daughter', async () => {
    const chat = bot.chat();
    await chat.say('jeg vil gerne have lommepengejob');
    await chat.say('mig');
    const day = await chat.say(String(new Date().getFullYear() - 13));
    await chat.tap(buttons(day)[0].value);
    const fixed = await chat.say('nej det er til min datter');
    expect(texts(fixed)).toMatch(/Det har jeg rettet/);
    // Her birth year was not given: asked about the child now.
    expect(lastPrompt(fixed)).toBe('birthYear');
    expect(texts(fixed)).toMatch(/dit barn/);
  });

  test('a question naming someone else is no correction: "kan min lillebror også komme med?" keeps the sign-up as it was', async () => {
    const chat = bot.chat();
    await chat.say('jeg vil gerne have lommepengejob');
    await chat.say('mig');
    const day = await chat.say(String(new Date().getFullYear() - 13));
    await chat.tap(buttons(day)[0].value);
    const answered = await chat.say('kan min lillebror også komme med?');
    expect(texts(answered)).not.toMatch(/Det har jeg rettet/);
    expect(lastPrompt(answered)).toBe('consent');
    expect(lastPrompt(await chat.say('ja'))).toBe('name');
  });

  test('"لا الاسم غلط، اسمي ليلى حسن" at the summary: the name is changed, the summary shown again, and stored once', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('اريد الانضمام لشبكة الاهالي'))).toBe('consent');
    await chat.say('نعم');
    await chat.say('ليلى حسين');
    expect(lastPrompt(await chat.say('٥٥ ٦٦ ٧٧ ٨٨'))).toBe('confirm');
    const again = await chat.say('لا الاسم غلط، اسمي ليلى حسن');
    expect(lastPrompt(again)).toBe('confirm');
    expect(unisolate(texts(again))).toMatch(/ليلى حسن/);
    expect(unisolate(texts(again))).not.toMatch(/حسين/);
    await chat.say('نعم');
    const rows = await storedFor(chat.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ activityId: 'parent-network', participantName: 'ليلى حسن' });
  });

  test('"sorry wrong day, I meant the second one" after the day was picked: the second day is booked', async () => {
    const chat = bot.chat();
    const days = await chat.say('I want to sign up for the open workshop');
    expect(lastPrompt(days)).toBe('session');
    const [first, second] = buttons(days);
    await chat.tap(first.value);
    const fixed = await chat.say('sorry wrong day, I meant the second one');
    expect(texts(fixed)).toMatch(/I have changed that/);
    expect(lastPrompt(fixed)).toBe('consent');
    await chat.say('yes');
    await chat.say('Liam Byrne');
    await chat.say('20 30 40 55');
    await chat.say('yes');
    const rows = await storedFor(chat.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0].sessionId).toBe(second.value);
  });

  test('"actually the third one instead": the words between the correction words pick the day', async () => {
    const chat = bot.chat();
    const days = await chat.say('can you book me into the open workshop');
    const third = buttons(days)[2];
    await chat.tap(buttons(days)[0].value);
    expect(lastPrompt(await chat.say('actually the third one instead'))).toBe('consent');
    await chat.say('yes');
    await chat.say('Tom Harris');
    await chat.say('30 30 30 31');
    await chat.say('yes');
    const rows = await storedFor(chat.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0].sessionId).toBe(third.value);
  });

  test('"forkert dag" alone: the day is asked again', async () => {
    const chat = bot.chat();
    const days = await chat.say('jeg vil gerne skrives op til det åbne værksted');
    await chat.tap(buttons(days)[0].value);
    const again = await chat.say('ups forkert dag');
    expect(lastPrompt(again)).toBe('session');
  });

  test('a plain "nej" at the summary still cancels: nothing is stored', async () => {
    const chat = bot.chat();
    await chat.say('tilmeld mig forældrenetværk');
    await chat.say('ja');
    await chat.say('Hodan Abdi');
    expect(lastPrompt(await chat.say('22 61 80 35'))).toBe('confirm');
    expect(texts(await chat.say('nej'))).toMatch(/ikke skrevet dig op|ikke tilmeldt|Intet er gemt|ikke gemt/i);
    expect(await storedFor(chat.userId)).toHaveLength(0);
  });
});
