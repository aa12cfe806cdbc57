// Short questions in the spellings residents use: a question word the intent model never saw
// ("fo2ash", "ch7al", "whr", "hvanår" — dialect, Arabizi, typos) is read as the plain word of its
// list in locales/<lang>/nlu/entities.json ("questions"), so the message is a question about an
// activity, not unsure small talk. "emta" (when) is not "mout" (die) for the emergency layer.
import { startBot, texts, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { OFFICE_HOURS: 'mon-sun 00:00-24:00' } });
});
afterAll(async () => bot.close());

async function parse(text: string): Promise<{ intent: string; confidence: number; lang: string }> {
  const res = await fetch(`${bot.url}/api/parse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { intent: string; confidence: number; lang: string };
}

describe('a question word in an unseen spelling asks about an activity', () => {
  test.each([
    ['fo2ash', 'Maghrebi Arabizi "when"'],
    ['ch7al el se3r', 'Maghrebi Arabizi "how much is the price"'],
    ['hvanår starter det', 'misspelt Danish "when"'],
    ['whr is it', 'English typo "where"'],
  ])('%s (%s)', async (text) => {
    const p = await parse(text);
    expect(p.intent).toBe('activity_info');
    expect(p.confidence).toBeGreaterThanOrEqual(0.45);
  });
});

test('"emta" (when) beside "bdi" (I want) is a question, not a wish to die; "bdi mout" still is', async () => {
  expect((await parse('ana bdi forældrekursus emta')).intent).toBe('activity_info');
  expect((await parse('bdi mout')).intent).toBe('emergency');
});

test('after the parents\' network, "fo2ash?" is answered with its day, not small talk', async () => {
  const chat = bot.chat();
  await chat.say('شبكة الاهالي');
  const reply = texts(await chat.say('fo2ash?'));
  expect(reply).toMatch(/الأربعاء|الاربعاء/);
});

test('"hvanår" after the parent course gets its day in Danish', async () => {
  const chat = bot.chat();
  await chat.say('hej');
  await chat.say('forældrekursus');
  const reply = texts(await chat.say('hvanår'));
  expect(reply).toContain('tirsdag');
});
