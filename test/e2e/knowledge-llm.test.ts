// The LLM path for questions beyond the catalogue (issue 13), against a fake OpenAI-compatible
// server on 127.0.0.1: an answer written from the passages it was given, citing them, is shown
// with "written with AI from …"; one that invents a phone number, cites an entry it was not given
// or comes too late is dropped and the offline answer is given instead. Personal data never
// leaves the machine.
import { FakeOpenAi, type FakeAnswers } from '../support/fake-openai';
import { startBot, texts, buttons, type BotUnderTest } from '../support/harness';

const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
/** Not understood by the offline model; the knowledge has the estate office for it. */
const QUESTION = 'der er råd i vinduet';

async function withModel(answers: FakeAnswers, run: (bot: BotUnderTest, fake: FakeOpenAi) => Promise<void>): Promise<void> {
  const fake = await new FakeOpenAi({}, { answers, slowMs: 10_000 }).start();
  const bot = await startBot({ env: { OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'test', OPENAI_TIMEOUT_MS: '400' } });
  try {
    await run(bot, fake);
  } finally {
    await bot.close();
    await fake.stop();
  }
}

test('a model that answers from the passages: its answer, the entries it used named, a person offered', async () => {
  await withModel('good', async (bot, fake) => {
    const replies = await bot.chat().say(QUESTION);
    const text = plain(texts(replies));
    expect(text).toMatch(/Skrevet med AI ud fra: .*driften/);
    expect(text).toMatch(/Reparationer|reparation/i);
    expect(buttons(replies).map((b) => b.value)).toContain('human');
    expect(fake.answerRequests).toHaveLength(1);
    expect(fake.answerRequests[0]).toMatch(/\[estate-office\]/);
  });
});

test('in Arabic the answer stays Arabic and names its source', async () => {
  await withModel('good', async (bot) => {
    const replies = await bot.chat().say('البراد خربان شو بعمل');
    expect(plain(texts(replies))).toMatch(/كُتبت بمساعدة الذكاء الاصطناعي من/);
    expect(replies[0].locale).toBe('ar');
  });
});

test.each([
  ['invents', 'a phone number no passage holds'],
  ['cites-missing', 'an entry it was not given'],
  ['slow', 'no answer before the timeout'],
] as [FakeAnswers, string][])('a model that %s (%s): the offline answer instead', async (mode) => {
  await withModel(mode, async (bot, fake) => {
    const replies = await bot.chat().say(QUESTION);
    const text = plain(texts(replies));
    expect(text).not.toMatch(/Skrevet med AI/);
    expect(text).not.toContain('44 55 66 77');
    expect(text).toMatch(/driften/);
    expect(fake.answerRequests).toHaveLength(1);
  });
});

test('names and phone numbers are masked before the question leaves the machine', async () => {
  await withModel('good', async (bot, fake) => {
    await bot.chat().say('jeg hedder Karima Holm og der er råd i vinduet, ring på 22 33 44 55');
    expect(fake.answerRequests).toHaveLength(1);
    const sent = fake.answerRequests[0].split('Passages:')[0];
    expect(sent).not.toMatch(/Karima|22 33 44 55/);
    expect(sent).toContain('<phone>');
  });
});
