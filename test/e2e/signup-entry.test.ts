// The way into a sign-up, over /api/messages, as residents open it: a school class for an age,
// an activity described instead of named, a bare age beside "for my son", another sign-up named
// at the "which activity?" question, an activity named after "what do you want to sign up for?",
// and a registration read back by staff.
import { startBot, staffRegistrations, lastPrompt, texts, type BotUnderTest } from '../support/harness';

const STAFF_TOKEN = 'staff-secret-for-the-entry-test-0123456789';
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: STAFF_TOKEN } });
});
afterAll(async () => bot.close());

const registrations = (activity: string) => staffRegistrations(bot, STAFF_TOKEN, activity);

test('"hun går i 7. klasse" is 13: the pocket-money job is chosen and only the day is asked', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('hejsa, vil gerne skrive min pige op til lommepengejob, hun går i 7. klasse'))).toBe('session');
  expect(lastPrompt(await chat.say('den første'))).toBe('consent');
  expect(lastPrompt(await chat.say('ja'))).toBe('name');
  expect(lastPrompt(await chat.say('Yasmin Haddad'))).toBe('guardianName');
  await chat.say('Rania Haddad');
  expect(lastPrompt(await chat.say('29 41 77 05'))).toBe('confirm');
  await chat.say('ja');
  const row = (await registrations('pocket-money-job')).find((r) => r.participantName === 'Yasmin Haddad');
  expect(row).toMatchObject({ participant: 'child', participantBirthYear: new Date().getFullYear() - 13, status: 'confirmed' });
});

test('a class in Arabic and English says the age too', async () => {
  expect(lastPrompt(await bot.chat().say('بدي سجل بنتي بشغل المصروف، هي بالصف السابع'))).toBe('session');
  expect(lastPrompt(await bot.chat().say('can I put my boy down for the pocket money job? he is in grade 7'))).toBe('session');
});

test('"my son, 13" at "for you or your child?" gives both', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('hello, how do I sign up for the pocket money job'))).toBe('participant');
  expect(lastPrompt(await chat.say('my boy, 13'))).toBe('session');
});

test('an activity described by what you do there: "build things with my kid in the workshop"', async () => {
  expect(lastPrompt(await bot.chat().say('I would like to sign up to build things with my kid in the workshop'))).toBe('session');
  expect(lastPrompt(await bot.chat().say('kan jeg melde mig til at bygge ting med mit barn i værkstedet'))).toBe('session');
});

test('"the job course" names the course for 14–16 though both words are generic', async () => {
  expect(lastPrompt(await bot.chat().say('please register my daughter for the job course, she is 15'))).toBe('session');
});

test('another sign-up named at "which activity?" starts that one, keeping who it is for', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('jeg vil gerne tilmelde mig et kursus'))).toBe('activity');
  expect(lastPrompt(await chat.say('nej vent, det er lommepengejobbet til min søn'))).toBe('birthYear');
  expect(lastPrompt(await chat.say('han er 13'))).toBe('session');
});

test('after "what do you want to sign up for?", naming the parents\' network signs up for it', async () => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('I want to sign up'))).toBe('category');
  expect(lastPrompt(await chat.say('the network for parents'))).toBe('consent');
  await chat.say('yes');
  await chat.say('Grace Okafor');
  await chat.say('31 62 90 18');
  await chat.say('yes');
  expect((await registrations('parent-network')).some((r) => r.participantName === 'Grace Okafor')).toBe(true);
});

describe('a sign-up verb with an activity named starts that sign-up, however the sentence reads', () => {
  test.each([
    ['أود التسجيل في شبكة الأهالي من فضلك', 'consent'],
    ['أود التسجيل في دورة الأهالي عن الاستعداد للروضة والمدرسة', 'session'],
    ['salam, bade sajel bi course el shoghl, el fritidsjob', 'participant'],
  ])('"%s" → %s', async (text, prompt) => {
    expect(lastPrompt(await bot.chat().say(text))).toBe(prompt);
  });

  test('cancelling stays cancelling, and a question about an activity stays a question', async () => {
    const cancel = await bot.chat().say('jeg vil gerne afmelde min tilmelding til forældrenetværket');
    expect(lastPrompt(cancel)).not.toBe('consent');
    const friend = await bot.chat().say('can my friend join the youth platform?');
    expect(lastPrompt(friend)).not.toBe('session');
  });
});

test('"det åbne værksted" names the open workshop among the courses: its days come at once, and "fredagen" is said to have none', async () => {
  const chat = bot.chat();
  const days = await chat.say('vil gerne melde mig til det åbne værksted');
  expect(lastPrompt(days)).toBe('session');
  expect(texts(days)).not.toMatch(/Hvilket tilbud/);
  const friday = await chat.say('kan jeg komme om fredagen');
  expect(texts(friday)).toMatch(/ikke noget om fredagen – kun tirsdag/);
  // The kind alone ("a course") still asks which one.
  expect(lastPrompt(await bot.chat().say('i want to sign up for a course'))).toBe('activity');
});
