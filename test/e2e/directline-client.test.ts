// Microsoft's own Direct Line client (botframework-directlinejs, the one inside Web Chat) against
// the bot's local endpoint, from Node: start, talk, refresh the token, and reconnect by
// watermark after being away without seeing anything twice.
import { ConnectionStatus, DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { startBot, type BotUnderTest } from '../support/harness';

// The client speaks through rxjs' ajax, which needs an XMLHttpRequest; Node has none.
(globalThis as Record<string, unknown>).XMLHttpRequest = require('xhr2');

let bot: BotUnderTest;
const clients: DirectLine[] = [];
beforeAll(async () => {
  bot = await startBot();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.end();
});
afterAll(async () => bot.close());

/** A client that records every activity it receives, in order. */
function connect(options: { token: string; conversationId?: string; watermark?: string; locale?: string }) {
  const dl = new DirectLine({
    domain: `${bot.url}/v3/directline`,
    token: options.token,
    conversationId: options.conversationId,
    watermark: options.watermark,
    webSocket: false,
    pollingInterval: 200,
    conversationStartProperties: options.locale ? { locale: options.locale } : undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  clients.push(dl);
  const seen: Message[] = [];
  const statuses: ConnectionStatus[] = [];
  // end() ends the streams with an error ("conversation ended"): expected here, so it is taken.
  dl.connectionStatus$.subscribe({ next: (s) => statuses.push(s), error: () => undefined });
  dl.activity$.subscribe({ next: (a) => seen.push(a as Message), error: () => undefined });
  return { dl, seen, statuses };
}

/** Waits (bounded) until the condition holds; the test fails with a timeout otherwise. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

function post(dl: DirectLine, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity({ type: 'message', from: { id: 'chosen-by-client' }, text } as Activity).subscribe({ next: resolve, error: reject });
  });
}

const prompt = (a: Activity | undefined) => (a as { channelData?: { prompt?: string } } | undefined)?.channelData?.prompt;
const fromBot = (seen: Message[]) => seen.filter((a) => a.from.role === 'bot');

async function newToken(): Promise<string> {
  const res = await fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST' });
  return ((await res.json()) as { token: string }).token;
}

test('botframework-directlinejs starts a conversation, gets the welcome, and sees its own message echoed with the id it was given', async () => {
  const { dl, seen, statuses } = connect({ token: await newToken(), locale: 'ar-SA' });
  await until(() => fromBot(seen).length > 0);
  expect(statuses).toContain(ConnectionStatus.Online);
  expect(fromBot(seen)[0]).toMatchObject({ type: 'message', locale: 'ar' });
  expect(fromBot(seen)[0].text).toMatch(/أهلًا وسهلًا/);

  const id = await post(dl, 'سجلني في شبكة الأهالي');
  await until(() => prompt(fromBot(seen).at(-1)) === 'consent');
  const echo = seen.find((a) => a.id === id);
  expect(echo).toMatchObject({ text: 'سجلني في شبكة الأهالي', from: { role: 'user' } });
  expect(echo!.from.id).toMatch(/^dl_/);
  expect(echo!.from.id).not.toBe('chosen-by-client');
});

test('the client refreshes its token and keeps talking with the new one', async () => {
  const { dl, seen } = connect({ token: await newToken() });
  await until(() => fromBot(seen).length > 0);
  const before = (dl as unknown as { token: string }).token;
  const refreshed = await new Promise<string>((resolve, reject) =>
    (dl as unknown as { refreshToken(): { subscribe(o: object): void } }).refreshToken().subscribe({ next: resolve, error: reject }),
  );
  expect(refreshed).toMatch(/^ey/);
  expect(refreshed).not.toBe(before);
  (dl as unknown as { token: string }).token = refreshed;
  await post(dl, 'hvilke aktiviteter er der?');
  await until(() => prompt(fromBot(seen).at(-1)) === 'activity');
});

test('reconnecting by watermark brings what was missed while away, and nothing twice', async () => {
  const first = connect({ token: await newToken(), locale: 'da-DK' });
  await until(() => fromBot(first.seen).length > 0);
  await post(first.dl, 'tilmeld mig forældrenetværk');
  await until(() => prompt(fromBot(first.seen).at(-1)) === 'consent');
  const conversationId = (first.dl as unknown as { conversationId: string }).conversationId;
  const watermark = (first.dl as unknown as { watermark: string }).watermark;
  const token = (first.dl as unknown as { token: string }).token;
  expect(watermark).toBe(String(first.seen.length));
  first.dl.end();

  // While the phone was away, the resident's other tab answered "ja" (the bot asked for the name).
  const missed = await fetch(`${bot.url}/v3/directline/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'ja' }),
  });
  expect(missed.status).toBe(200);

  const second = connect({ token, conversationId, watermark });
  await until(() => prompt(fromBot(second.seen).at(-1)) === 'name');
  expect(second.seen[0].text).toBe('ja');
  await post(second.dl, 'Mette Hansen');
  await until(() => prompt(fromBot(second.seen).at(-1)) === 'phone');

  const ids = [...first.seen, ...second.seen].map((a) => a.id);
  expect(new Set(ids).size).toBe(ids.length);
  const server = await fetch(`${bot.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
  expect(ids).toEqual(((await server.json()) as { activities: Activity[] }).activities.map((a) => a.id));
});
