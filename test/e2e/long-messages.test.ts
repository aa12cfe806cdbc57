// The longest messages a resident can send (5,000 characters, the activity schema's limit) in the
// shapes that once made the fuzzy activity-name index explode: one endless "word" (ø folds to two
// letters, so every deletion was new), random letters in Latin, Arabic and Arabizi, many short words.
// Each gets an answer, and the server's memory stays where it was.
import { startBot, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { RATE_LIMIT_MESSAGES: '1000/10' } });
});
afterAll(() => bot.close());

function letters(alphabet: string, n: number, seed: number): string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

const LATIN = 'abcdefghijklmnopqrstuvwxyzæøå';
const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';

const shapes: [string, string][] = [
  ['one word of ø', 'ø'.repeat(5000)],
  ['Latin letters without a space', letters(LATIN, 5000, 1)],
  ['Arabic letters without a space', letters(ARABIC, 5000, 2)],
  ['Arabizi without a space', letters('abdefhiklmnorstuwy23579', 5000, 3)],
  ['many short words', letters('abcdefgh ', 5000, 4)],
];

test.each(shapes)('%s (5,000 characters) gets an answer without eating memory', async (_name, text) => {
  const before = process.memoryUsage().rss;
  const replies = await bot.chat().say(text);
  expect(replies.length).toBeGreaterThan(0);
  expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
});
