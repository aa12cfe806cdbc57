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
