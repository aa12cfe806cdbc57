// A resident's first minutes with the bot, over /api/messages, in each language.
import { startBot, texts, lastPrompt, buttons, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

const arabic = /[\u0600-\u06FF]/;

test('"hej" gets a warm welcome in Danish that mentions a person and privacy', async () => {
  const chat = bot.chat();
  const replies = await chat.say('hej');
  const text = texts(replies);
  expect(text).toMatch(/velkommen/i);
  expect(text).toMatch(/person/);
  expect(text).toMatch(/oplysninger/);
  expect(text).not.toMatch(arabic);
  expect(replies[0].locale).toBe('da');
  expect(lastPrompt(replies)).toBe('menu');
  expect(buttons(replies).map((b) => b.value)).toEqual(['list_activities', 'signup', 'human', 'change_language']);
});

test('"مرحبا" gets an Arabic welcome with bidi-isolated names', async () => {
  const chat = bot.chat();
  const replies = await chat.say('مرحبا');
  const text = texts(replies);
  expect(text).toMatch(/أهلًا وسهلًا/);
  expect(replies[0].locale).toBe('ar');
  expect(buttons(replies)[0].title).toBe('الأنشطة');
});

test('"what can I do here?" is answered in English', async () => {
  const chat = bot.chat();
  const replies = await chat.say('what can I do here?');
  expect(replies[0].locale).toBe('en');
  expect(texts(replies)).toMatch(/You can|Hi and welcome/);
});

test('"hvilke aktiviteter er der?" lists the seeded activities from the database, grouped', async () => {
  const chat = bot.chat();
  const replies = await chat.say('hvilke aktiviteter er der?');
  const text = texts(replies);
  const rows = await bot.app.db.activityText.findMany({ where: { lang: 'da' }, select: { title: true } });
  expect(rows.length).toBeGreaterThan(5);
  for (const r of rows) expect(text).toContain(r.title);
  expect(text.indexOf('For forældre og familier')).toBeLessThan(text.indexOf('For børn og unge'));
  expect(lastPrompt(replies)).toBe('activity');
});

test('tapping an activity gives time, place, age and contact, read from the database', async () => {
  const chat = bot.chat();
  await chat.say('hvilke aktiviteter er der?');
  const replies = await chat.tap('pocket-money-job');
  const text = texts(replies);
  expect(text).toContain('Lommepengejob');
  expect(text).toMatch(/13–14 år/);
  expect(text).toMatch(/📍/);
  expect(text).toMatch(/Kontakt/);
  expect(text).toMatch(/ledige pladser/);
});

test('Arabic activity info isolates numbers and uses Arabic plural forms', async () => {
  const chat = bot.chat();
  await chat.say('السلام عليكم');
  const replies = await chat.tap('parent-network');
  const text = texts(replies);
  expect(text).toContain('شبكة الأهالي');
  // 25 seats: the Arabic "many" form (11–99) with the number isolated.
  expect(text).toContain('(\u206825\u2069 مكانًا شاغرًا)');
});

test('a question about a category answers about that activity', async () => {
  const chat = bot.chat();
  const text = texts(await chat.say('hvornår mødes forældrenetværket?'));
  expect(text).toContain('Forældrenetværk');
  expect(text).toMatch(/Onsdage/);
});

test('something out of scope gets a kind answer, what the bot can do, and the offer of a person', async () => {
  const chat = bot.chat();
  await chat.say('hej');
  const replies = await chat.say('hvem vinder superligaen i år');
  expect(texts(replies)).toMatch(/Det kan jeg desværre ikke svare på\. Jeg kan hjælpe med aktiviteter og tilmelding/);
  expect(lastPrompt(replies)).toBe('clarify');
  expect(buttons(replies).map((b) => b.value)).toContain('human');
});

test('"skift sprog" offers the three languages and the choice sticks', async () => {
  const chat = bot.chat();
  await chat.say('hej');
  const offer = await chat.say('skift sprog');
  expect(lastPrompt(offer)).toBe('language');
  expect(buttons(offer)).toEqual([
    { title: 'العربية', value: 'ar' },
    { title: 'Dansk', value: 'da' },
    { title: 'English', value: 'en' },
  ]);
  const changed = await chat.tap('ar');
  expect(changed[0].locale).toBe('ar');
  expect(texts(changed)).toContain('سأكتب الآن');
  // An explicit choice wins over detection: a Danish word now gets an Arabic answer.
  const next = await chat.say('hvilke aktiviteter er der?');
  expect(next[0].locale).toBe('ar');
});

test('"change language to english" switches at once', async () => {
  const chat = bot.chat();
  await chat.say('hej');
  const replies = await chat.say('skift sprog til engelsk');
  expect(replies[0].locale).toBe('en');
});

test('on a channel without buttons, choices are numbered and a number answers', async () => {
  const chat = bot.chat({ channelId: 'sms' });
  await chat.say('hej');
  const offer = await chat.say('skift sprog');
  expect(offer[0].suggestedActions).toBeUndefined();
  expect(offer[0].text).toMatch(/1\. العربية\n2\. Dansk\n3\. English/);
  const changed = await chat.say('3');
  expect(changed[0].locale).toBe('en');
});

test('an emergency message is answered at once with 112, Børnetelefonen and Livslinien', async () => {
  const chat = bot.chat();
  const text = texts(await chat.say('min far slår mig'));
  expect(text).toMatch(/112/);
  expect(text).toMatch(/116 111/);
  expect(text).toMatch(/70 201 201/);
});

test('web chat joining the conversation gets the welcome in the channel locale', async () => {
  const chat = bot.chat({ locale: 'en-US' });
  const replies = await chat.join();
  expect(texts(replies)).toMatch(/welcome/);
  expect(replies[0].locale).toBe('en');
});
