// Small talk only when the message is small talk: a message the model reads as a greeting or as
// chat but that says something ("vi er lige flyttet hertil med to børn", "hello we are new here
// and my kids are bored") goes where unsure messages go — the knowledge, offers by who is asking,
// or "did you mean …?" — not to a short social reply. "hej hvordan går det", "كيفك شو الاخبار",
// "good thanks 🙂" still get the short reply. A statement read confidently as off-topic that says
// who is asking ("vi er lige flyttet hertil og har 3 børn") gets offers for them.
import { startBot, texts, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { OFFICE_HOURS: 'mon-sun 00:00-24:00' } });
});
afterAll(async () => bot.close());

/** The reply to `message` from a resident who has already said hello. */
async function afterHello(hello: string, message: string): Promise<string> {
  const chat = bot.chat();
  await chat.say(hello);
  return texts(await chat.say(message));
}

describe('a message with content is not answered as small talk', () => {
  test('Danish: a new family with two children gets what fits the children, not "Hej igen!"', async () => {
    const reply = await afterHello('hej', 'vi er lige flyttet til kvarteret med to børn på 6 og 12');
    expect(reply).not.toContain('Hej igen! Hvad kan jeg hjælpe med?');
    expect(reply).toContain('passer det her');
  });

  test('English: new here with bored children gets offers for a child', async () => {
    const reply = await afterHello('hi', 'hello we are new here and my kids are bored');
    expect(reply).not.toContain('How can I help?');
    expect(reply).toContain('For your child, these fit:');
  });
});

test('a statement read confidently as off-topic that says who is asking gets offers for them, not "did you mean …?"', async () => {
  const reply = await afterHello('hej', 'vi er lige flyttet hertil og har 3 børn');
  expect(reply).toContain('Til børn:');
  expect(reply).not.toContain('Det forstod jeg ikke helt');
});

describe('small talk still gets the short social reply', () => {
  test.each([
    ['hej', 'hej hvordan går det', 'Hej igen! Hvad kan jeg hjælpe med?'],
    ['مرحبا', 'كيفك شو الاخبار', 'أهلًا بك من جديد! كيف أستطيع مساعدتك؟'],
  ])('after %s: "%s"', async (hello, message, expected) => {
    expect(await afterHello(hello, message)).toContain(expected);
  });
});
