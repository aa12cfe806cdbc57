// A name or a phone number typed as the answer to the bot's question says nothing about the
// resident's language: "Hiba Dahl" or "Omar Khalil" in Latin letters once switched a Danish
// sign-up to Arabic (the Arabizi model liked the names). Arabic script still counts.
import { startBot, buttons, lastPrompt, texts, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot.close());

async function upToTheName(chat: ReturnType<BotUnderTest['chat']>): Promise<void> {
  const sessionButtons = buttons(await chat.tap('signup:parent-course-ready-for-school'));
  expect(sessionButtons.length).toBeGreaterThan(0);
  const consent = await chat.tap(sessionButtons[0].value);
  expect(lastPrompt(consent)).toBe('consent');
  const name = await chat.tap('yes');
  expect(lastPrompt(name)).toBe('name');
}

test.each(['Hiba Dahl', 'Jamal Dahl', 'Omar Khalil'])('"%s" at the name question keeps the sign-up in Danish', async (name) => {
  const chat = bot.chat();
  await upToTheName(chat);
  const phone = await chat.say(name);
  expect(lastPrompt(phone)).toBe('phone');
  expect(texts(phone)).not.toMatch(/[\u0600-\u06FF]/);
  const summary = await chat.say('22334455');
  expect(lastPrompt(summary)).toBe('confirm');
  expect(texts(summary)).toContain(name);
  expect(texts(summary)).not.toMatch(/[\u0600-\u06FF]/);
});

test('a name in Arabic script at the name question is read as Arabic', async () => {
  const chat = bot.chat();
  await upToTheName(chat);
  const phone = await chat.say('ليلى منصور');
  expect(texts(phone)).toMatch(/[\u0600-\u06FF]/);
});
