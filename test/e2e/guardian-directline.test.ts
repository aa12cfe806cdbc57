// Proactive messages over the local Direct Line (issue 14): a resident on the waitlist, talking
// through Microsoft's own Direct Line client, is told of the seat that opened the moment another
// resident cancels, without writing anything first, in the language they wrote in.
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { startBot, texts, type BotUnderTest } from '../support/harness';

(globalThis as Record<string, unknown>).XMLHttpRequest = require('xhr2');

let bot: BotUnderTest;
const clients: DirectLine[] = [];
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.end();
  await bot.close();
});

function connect(token: string) {
  const dl = new DirectLine({ domain: `${bot.url}/v3/directline`, token, webSocket: false, pollingInterval: 100, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  clients.push(dl);
  const seen: Message[] = [];
  dl.activity$.subscribe({ next: (a) => seen.push(a as Message), error: () => undefined });
  return { dl, seen };
}

/** Polls until the condition holds; a deadline, no fixed sleep. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const fromBot = (seen: Message[]) => seen.filter((a) => a.from.role === 'bot');
const prompt = (a: Activity | undefined) => (a as { channelData?: { prompt?: string } } | undefined)?.channelData?.prompt;

async function say(dl: DirectLine, seen: Message[], text: string, expectPrompt?: string): Promise<void> {
  const before = fromBot(seen).length;
  await new Promise<string>((resolve, reject) => dl.postActivity({ type: 'message', from: { id: 'x' }, text } as Activity).subscribe({ next: resolve, error: reject }));
  await until(() => fromBot(seen).length > before && (!expectPrompt || prompt(fromBot(seen).at(-1)) === expectPrompt), `the answer to "${text}"`);
}

test('a waitlisted resident on Direct Line is told at once when a seat opens', async () => {
  const course = await bot.app.db.session.findFirstOrThrow({ where: { activityId: 'parent-course-ready-for-school' }, orderBy: { startsAt: 'asc' } });
  await bot.app.db.session.update({ where: { id: course.id }, data: { capacity: 1 } });

  // The seat's holder, on another channel.
  const first = bot.chat();
  await first.tap('signup:parent-course-ready-for-school');
  await first.tap(course.id);
  await first.tap('yes');
  await first.say('Jane Doe');
  await first.say('71 72 73 74');
  expect(texts(await first.tap('yes'))).toMatch(/tilmeldt|signed up/i);

  // The waitlisted resident writes in English over Direct Line.
  const token = ((await (await fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string }).token;
  const { dl, seen } = connect(token);
  await until(() => fromBot(seen).length > 0, 'the welcome');
  await say(dl, seen, 'I want to register for a course', 'activity');
  await say(dl, seen, 'parent-course-ready-for-school', 'session');
  await say(dl, seen, course.id, 'consent');
  await say(dl, seen, 'yes', 'name');
  await say(dl, seen, 'Karin Holm', 'phone');
  await say(dl, seen, '81 82 83 84', 'confirm');
  await say(dl, seen, 'yes');
  expect(fromBot(seen).at(-1)?.text).toMatch(/waiting list/i);
  const waited = fromBot(seen).length;

  const mine = await first.say('vis mine tilmeldinger');
  await first.tap(mine.flatMap((m) => m.suggestedActions?.actions ?? []).find((a: { value: string }) => a.value.startsWith('cancel:'))!.value);
  expect(texts(await first.tap('yes'))).toMatch(/afmeldt|cancelled/i);

  // Nothing was written on Direct Line since: the news comes by itself, in English.
  await until(() => fromBot(seen).slice(waited).some((m) => /Good news! A place has opened up for you/.test(m.text ?? '')), 'the proactive promotion');
  const news = fromBot(seen).slice(waited).find((m) => /Good news/.test(m.text ?? ''))!;
  expect(news.text).toMatch(/Your reference code is [A-Z2-9]{6}/);
  expect(news.locale).toBe('en');
  const karin = await bot.app.db.registration.findFirstOrThrow({ where: { participantName: 'Karin Holm' } });
  expect(karin).toMatchObject({ status: 'confirmed', promotionNotified: true });
  // Told once: writing again brings no second "good news".
  const count = fromBot(seen).length;
  await say(dl, seen, 'hello');
  expect(fromBot(seen).slice(count).map((m) => m.text).join('\n')).not.toMatch(/Good news/);
});
