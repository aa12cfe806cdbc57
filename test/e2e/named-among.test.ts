// A sign-up whose words fit a few activities ("the workshop", "det med værkstedet"): the question is
// which of those, with their titles in it, not the whole list again; the answer picks among them.
import { buttons, lastPrompt, startBot, texts, type BotUnderTest } from '../support/harness';
import { ALWAYS_OPEN } from '../support/staffed-bot';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: ALWAYS_OPEN });
});
afterAll(async () => bot.close());

const titles = (text: string, ...names: string[]) => names.forEach((n) => expect(text).toContain(n));

test.each([
  ['en', ['i want to join a workshop'], 'Which of these', ['Open workshop for neighbours', 'Workshop for parents and children']],
  ['en', ['i want to sign up for something', 'the workshop one'], 'Which of these', ['Open workshop for neighbours', 'Workshop for parents and children']],
  ['da', ['jeg vil gerne tilmeldes noget', 'værkstedet tak'], 'Hvilket af dem', ['Åbent værksted for naboer', 'Værksted for forældre og børn']],
  ['ar', ['بدي سجل بورشة'], 'في أي واحد منها', ['ورشة مفتوحة للجيران', 'ورشة للأهالي والأطفال']],
])('%s: words that fit two workshops (%j) ask which of the two, by title', async (_lang, lines, question, names) => {
  const chat = bot.chat();
  let asked: Record<string, any>[] = [];
  for (const line of lines) asked = await chat.say(line);
  expect(texts(asked)).toContain(question);
  titles(texts(asked), ...names);
  expect(lastPrompt(asked)).toBe('activity');
  expect(buttons(asked)).toHaveLength(2);
});

test('the answer picks among the two named, and the sign-up goes on with it', async () => {
  const chat = bot.chat();
  await chat.say('i want to join a workshop');
  const next = texts(await chat.say('the one for neighbours'));
  expect(next).toMatch(/Open workshop for neighbours/);
});

// "ok what now" after an answer that offered next steps: the steps again, not a fact about "now".
test.each([
  ['en', 'when is the open workshop', 'so what next?', 'sign up'],
  ['da', 'hvornår er forældrenetværket', 'okay hvad så nu', 'tilmelde dig'],
  ['ar', 'متى شبكة الأهالي', 'طيب وبعدين', 'التسجيل'],
])('%s: asking what now after an answer offers its next steps again', async (_lang, question, whatNext, steps) => {
  const chat = bot.chat();
  const answer = await chat.say(question);
  expect(lastPrompt(answer)).toBe('next');
  const next = await chat.say(whatNext);
  expect(texts(next)).toContain(steps);
  expect(lastPrompt(next)).toBe('next');
  expect(buttons(next)).toEqual(buttons(answer));
});
