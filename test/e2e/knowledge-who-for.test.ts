// A wish for a person, or a question who is responsible, that is about something else (issue 13):
// "who is responsible for the heating", "I want to talk to someone about my rent" are answered by
// the entry for that topic (which offers a person), through /api/messages, with no handoff and no
// crisis number. A wish for a person with no other topic still opens a handoff.
import { startBot, texts, type BotUnderTest } from '../support/harness';
import { plain } from '../eval/knowledge/score';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot.close());

/** The first message of a new chat: the replies, and whether a handoff opened. */
async function ask(question: string): Promise<{ text: string; handoff: boolean; locale: string }> {
  const before = await bot.app.db.handoff.count();
  const replies = await bot.chat().say(question);
  return { text: plain(texts(replies)), handoff: (await bot.app.db.handoff.count()) > before, locale: replies[0]?.locale };
}

describe('who is responsible for X, talk to someone about X: the entry for X', () => {
  test.each([
    ['ar', 'مين المسؤول عن الشوفاج', /التدفئة والماء/],
    ['ar', 'بدي احكي مع حدا لان الايجار صار كتير', /منظمة السكن/],
    ['en', 'who is responsible for the heating in my flat', /estate office/],
    ['en', 'can i talk to someone about my rent please', /housing organisation/],
    ['da', 'hvem har ansvaret for radiatoren, den er kold', /driften/],
  ])('[%s] "%s"', async (lang, question, answer) => {
    const r = await ask(question);
    expect(r.text).toMatch(answer);
    expect(r.text).not.toMatch(/112/);
    expect(r.handoff).toBe(false);
    expect(r.locale).toBe(lang);
  });

  test('talking to us on the phone asks for the number: not known yet, a person offered, no handoff', async () => {
    const r = await ask('ممكن احكي معكم عالتلفون');
    expect(r.text).toMatch(/رقم هاتف|الهاتف/);
    expect(r.text).not.toMatch(/112/);
    expect(r.handoff).toBe(false);
  });
});

describe('a wish for a person with no other topic is still one', () => {
  test.each([['بدي احكي مع موظف'], ['I want to talk to someone'], ['jeg vil gerne tale med en medarbejder'], ['بدي المسؤول']])('"%s" opens a handoff', async (question) => {
    expect((await ask(question)).handoff).toBe(true);
  });
});
