// Issue 11, finding 7 and "web chat without anonymous /api/messages": the local Direct Line works
// with channel authentication on (its turns run in-process, its replies need no Azure token), and
// it cannot be filled up: tokens hold nothing, starts are limited per address, a conversation keeps
// a bounded number of activities and bytes.
import { ConnectionStatus, DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { ConversationStore } from '../../src/http/directline/conversations';
import type { Logger } from '../../src/log';
import { startBot, type BotUnderTest } from '../support/harness';
import { eventually } from '../support/teams';
import { RecordingCredentials, startChannelKeys, type ChannelKeys } from '../support/channel-keys';

(globalThis as Record<string, unknown>).XMLHttpRequest = require('xhr2');

const APP_ID = '11111111-2222-3333-4444-555555555555';
const DL = '/v3/directline';
type Json = Record<string, any>;

async function call(bot: BotUnderTest, method: string, path: string, opts: { token?: string; body?: unknown; ip?: string } = {}) {
  const res = await fetch(`${bot.url}${DL}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : {}) as Json };
}

/** A resident's page: a token, then the conversation started (201). */
async function start(bot: BotUnderTest, ip?: string): Promise<{ status: number; token: string; conversationId: string }> {
  const generated = await call(bot, 'POST', '/tokens/generate', { ip });
  if (generated.status !== 200) return { status: generated.status, token: '', conversationId: '' };
  const started = await call(bot, 'POST', '/conversations', { token: generated.json.token, body: { user: {} }, ip });
  return { status: started.status, token: started.json.token ?? generated.json.token, conversationId: started.json.conversationId };
}

describe('with MICROSOFT_APP_ID set (channel tokens checked)', () => {
  let bot: BotUnderTest;
  let keys: ChannelKeys;
  /** Stands in for Azure AD and records every outbound request the bot signed, by URL. */
  const credentials = new RecordingCredentials(APP_ID);
  const signed = credentials.signed;

  beforeAll(async () => {
    keys = await startChannelKeys();
    bot = await startBot({
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'local-secret', BOT_OPENID_METADATA_URL: keys.metadataUrl },
      app: { credentialsFactory: credentials },
    });
  });
  afterAll(async () => {
    await bot.close();
    await keys.close();
  });

  test('POST /api/messages without a channel token is 401', async () => {
    const chat = bot.chat();
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat.activity({ text: 'hej' })) });
    expect(res.status).toBe(401);
    expect(chat.replies()).toHaveLength(0);
  });

  test("the web chat's Direct Line client chats: welcome, its own message, the bot's answers; no Azure token is asked for or sent", async () => {
    const token = (await call(bot, 'POST', '/tokens/generate')).json.token;
    const dl = new DirectLine({ domain: `${bot.url}${DL}`, token, webSocket: false, pollingInterval: 200, WebSocket: WebSocket as never });
    const seen: Message[] = [];
    const statuses: ConnectionStatus[] = [];
    dl.connectionStatus$.subscribe({ next: (s) => statuses.push(s), error: () => undefined });
    dl.activity$.subscribe({ next: (a) => seen.push(a as Message), error: () => undefined });
    const fromBot = () => seen.filter((a) => a.from.role === 'bot');
    const until = async (ok: () => boolean) => {
      while (!ok()) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await until(() => fromBot().length > 0);
      expect(statuses).toContain(ConnectionStatus.Online);
      expect(fromBot()[0].text).toMatch(/velkommen/i);
      const id = await new Promise<string>((resolve, reject) =>
        dl.postActivity({ type: 'message', from: { id: 'x' }, text: 'tilmeld mig forældrenetværk' } as Activity).subscribe({ next: resolve, error: reject }),
      );
      await until(() => (fromBot().at(-1) as Json | undefined)?.channelData?.prompt === 'consent');
      expect(seen.find((a) => a.id === id)).toMatchObject({ text: 'tilmeld mig forældrenetværk', from: { role: 'user' } });
    } finally {
      dl.end();
    }
    expect(signed.filter((url) => url.includes(DL))).toEqual([]);
  });
});

describe('anonymous mode is local development', () => {
  test('it listens on 127.0.0.1 by default; another address needs ALLOW_UNAUTHENTICATED_PUBLIC=true; with MICROSOFT_APP_ID every address', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/^Invalid environment variable HOST: without MICROSOFT_APP_ID .* ALLOW_UNAUTHENTICATED_PUBLIC=true/);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_PUBLIC: 'true' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ ALLOW_UNAUTHENTICATED_PUBLIC: 'true' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::1' }).HOST).toBe('::1');
  });

  test('opting in is loud: a warning at start', async () => {
    const lines: { level: string; msg: string }[] = [];
    const logger = (bindings: Record<string, unknown> = {}): Logger => {
      const write = (level: string) => (msg: string) => void lines.push({ level, msg });
      return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: (b) => logger({ ...bindings, ...b }) };
    };
    const bot = await startBot({ env: { ALLOW_UNAUTHENTICATED_PUBLIC: 'true' }, app: { logger: logger() } });
    await bot.close();
    expect(lines.filter((l) => l.level === 'warn' && /UNAUTHENTICATED/.test(l.msg))).toHaveLength(1);
  });
});

describe('finding 7: the local Direct Line cannot be filled up', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({
      env: {
        TRUST_PROXY: '1',
        DIRECTLINE_MAX_CONVERSATIONS: '3',
        DIRECTLINE_MAX_ACTIVITIES: '20',
        DIRECTLINE_MAX_BYTES: '65536',
        RATE_LIMIT_DIRECTLINE_PER_IP: '5/600',
        RATE_LIMIT_MESSAGES: '1000/10',
      },
    });
  });
  afterAll(async () => bot.close());

  test('tokens hold nothing: 40 generated and never used leave room for the next resident', async () => {
    for (let i = 0; i < 40; i++) expect((await call(bot, 'POST', '/tokens/generate', { ip: `10.0.1.${i}` })).status).toBe(200);
    const resident = await start(bot, '10.0.2.1');
    expect(resident.status).toBe(201);
  });

  test('token generation and conversation starts are limited per address (429 with Retry-After); others still get in', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await call(bot, 'POST', '/tokens/generate', { ip: '198.51.100.7' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.json.error.code).toBe('TooManyRequests');
    // One token per start from the same address: starting is counted on its own.
    const token = (await call(bot, 'POST', '/tokens/generate', { ip: '198.51.100.8' })).json.token;
    for (let i = 0; i < 4; i++) await call(bot, 'POST', '/tokens/generate', { ip: '198.51.100.8' });
    expect((await call(bot, 'POST', '/tokens/generate', { ip: '198.51.100.8' })).status).toBe(429);
    expect((await call(bot, 'POST', '/conversations', { token, body: {}, ip: '198.51.100.8' })).status).toBe(201);
    // Another address is not affected.
    expect((await call(bot, 'POST', '/tokens/generate', { ip: '203.0.113.9' })).status).toBe(200);
  });

  test('when the cap of open conversations is reached a new start is 503, an open one keeps working', async () => {
    // Two are open from the tests above (cap 3).
    const third = await start(bot, '10.0.3.1');
    expect(third.status).toBe(201);
    expect((await start(bot, '10.0.3.2')).status).toBe(503);
    expect((await call(bot, 'GET', `/conversations/${third.conversationId}/activities`, { token: third.token })).status).toBe(200);
  });
});

describe('finding 7: one conversation is bounded', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ env: { DIRECTLINE_MAX_ACTIVITIES: '20', DIRECTLINE_MAX_BYTES: '32768', RATE_LIMIT_MESSAGES: '1000/10' } });
  });
  afterAll(async () => bot.close());

  test('at most DIRECTLINE_MAX_ACTIVITIES are kept, the newest; the watermark still counts them all', async () => {
    const { token, conversationId } = await start(bot);
    let lastId = '';
    for (let i = 0; i < 15; i++) {
      const posted = await call(bot, 'POST', `/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: `tak ${i}` } });
      expect(posted.status).toBe(200);
      lastId = posted.json.id;
    }
    const all = await call(bot, 'GET', `/conversations/${conversationId}/activities?watermark=`, { token });
    expect(all.json.activities).toHaveLength(20);
    expect(Number(all.json.watermark)).toBeGreaterThan(30);
    expect(all.json.activities.map((a: Json) => a.id)).toContain(lastId);
    expect(all.json.activities.find((a: Json) => a.text === 'tak 0')).toBeUndefined();
  });

  test('at most DIRECTLINE_MAX_BYTES are held (counted as the text kept, 2 bytes a character); one huge activity is refused', async () => {
    const { token, conversationId } = await start(bot);
    for (let i = 0; i < 6; i++) {
      expect((await call(bot, 'POST', `/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: `tak ${i}`, channelData: { pad: 'ø'.repeat(4000) } } })).status).toBe(200);
    }
    const all = await call(bot, 'GET', `/conversations/${conversationId}/activities?watermark=`, { token });
    const held = all.json.activities.reduce((n: number, a: Json) => n + 2 * JSON.stringify(a).length + 64, 0);
    expect(held).toBeLessThanOrEqual(32768);
    expect(all.json.activities.at(-1).from.role).toBe('bot');
    expect(all.json.activities.some((a: Json) => a.text === 'tak 5')).toBe(true);
    expect(all.json.activities.some((a: Json) => a.text === 'tak 0')).toBe(false);
    const huge = await call(bot, 'POST', `/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'x', channelData: { pad: 'x'.repeat(20_000) } } });
    expect(huge.status).toBe(413);
  });
});

test('a conversation the resident never wrote in goes after 10 minutes idle, a used one after an hour', () => {
  let now = 0;
  const store = new ConversationStore({}, () => now);
  const unused = store.open('a', 'dl_a')!;
  const used = store.open('b', 'dl_b')!;
  used.used = true;
  expect(unused && used).toBeTruthy();
  now = 11 * 60_000;
  expect(store.get('a')).toBeUndefined();
  expect(store.get('b')).toBeDefined();
  now += 61 * 60_000;
  expect(store.get('b')).toBeUndefined();
});

describe('finding 11: a refresh replaces the token, and a conversation\'s tokens end', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ env: { DIRECTLINE_TOKEN_GRACE_SECONDS: '1', DIRECTLINE_MAX_AGE_SECONDS: '4' } });
  });
  afterAll(async () => bot.close());
  const poll = (token: string, conversationId: string) => call(bot, 'GET', `/conversations/${conversationId}/activities`, { token });
  /** Polls (with a deadline) until the server refuses the token: its grace or its conversation's age is over. */
  const refused = (request: () => ReturnType<typeof call>, what: string) =>
    eventually(async () => ((await request()).status === 403 ? true : undefined), 15_000, what);

  test('after a refresh the old token is refused (403 TokenInvalid; a moment\'s grace for polls already sent, none for a refresh); the new one works; resume does not replace it', async () => {
    const generated = (await call(bot, 'POST', '/tokens/generate')).json.token;
    // A token for a conversation not yet started stays valid until it starts: still so after
    // another conversation's replaced token has run out of its grace.
    const other = await start(bot);
    const otherRefreshed = await call(bot, 'POST', '/tokens/refresh', { token: other.token });
    expect(otherRefreshed.status).toBe(200);
    await refused(() => poll(other.token, other.conversationId), "the replaced token's grace to end");
    const started = await call(bot, 'POST', '/conversations', { token: generated, body: {} });
    expect(started.status).toBe(201);
    const { conversationId } = started.json;
    const first = started.json.token;
    expect(first).not.toBe(generated);

    const refreshed = await call(bot, 'POST', '/tokens/refresh', { token: first });
    expect(refreshed.status).toBe(200);
    const second = refreshed.json.token;
    expect(second).not.toBe(first);
    // The replaced token cannot refresh again: the chain cannot fork.
    const again = await call(bot, 'POST', '/tokens/refresh', { token: first });
    expect(again.status).toBe(403);
    expect(again.json.error.code).toBe('TokenInvalid');
    // Requests already on their way with it get through for the grace; then it is refused everywhere.
    expect((await poll(first, conversationId)).status).toBe(200);
    await refused(() => poll(first, conversationId), "the grace to end");
    for (const res of [
      await poll(first, conversationId),
      await call(bot, 'POST', `/conversations/${conversationId}/activities`, { token: first, body: { type: 'message', text: 'hej' } }),
      await call(bot, 'GET', `/conversations/${conversationId}`, { token: first }),
      await call(bot, 'POST', '/conversations', { token: first, body: {} }),
      await call(bot, 'POST', '/conversations', { token: generated, body: {} }),
    ]) expect(res).toMatchObject({ status: 403, json: { error: { code: 'TokenInvalid' } } });

    // The new one works, and resuming (as the page looks at its conversation) keeps it current.
    expect((await poll(second, conversationId)).status).toBe(200);
    const resumed = await call(bot, 'GET', `/conversations/${conversationId}?watermark=`, { token: second });
    expect(resumed).toMatchObject({ status: 200, json: { conversationId, token: second } });
    expect((await call(bot, 'POST', `/conversations/${conversationId}/activities`, { token: second, body: { type: 'message', text: 'hej' } })).status).toBe(200);
    expect((await call(bot, 'POST', '/tokens/refresh', { token: second })).status).toBe(200);
  });

  test('a conversation\'s tokens end DIRECTLINE_MAX_AGE_SECONDS after its start: no token outlives it, and refresh after it is 403', async () => {
    const { token, conversationId } = await start(bot);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(4);
    const refreshed = await call(bot, 'POST', '/tokens/refresh', { token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.expires_in).toBeLessThanOrEqual(4);
    // The server is asked until it says the conversation's time is over (the claims above say when).
    await refused(() => poll(refreshed.json.token, conversationId), 'the conversation to reach its maximum age');
    const late = await call(bot, 'POST', '/tokens/refresh', { token: refreshed.json.token });
    expect(late).toMatchObject({ status: 403, json: { error: { code: 'TokenInvalid' } } });
    expect((await poll(refreshed.json.token, conversationId)).status).toBe(403);
  });
});

test('the store: the current token opens a conversation, a replaced one only for the grace and never to refresh, none after the end', () => {
  let now = 0;
  const store = new ConversationStore({ tokenGraceMs: 15_000, maxAgeMs: 24 * 3600_000 }, () => now);
  const c = store.open('a', 'dl_a')!;
  c.used = true;
  expect(store.accepts(c, 'anything')).toBe(true); // not started: any token naming it
  store.adopt(c, { token: 't1', id: 'j1', exp: 1800 });
  store.adopt(c, { token: 't2', id: 'j2', exp: 1800 });
  expect([store.accepts(c, 'j2'), store.accepts(c, 'j1'), store.accepts(c, 'j1', true), store.accepts(c, 'j0')]).toEqual([true, true, false, false]);
  now = 16_000;
  expect([store.accepts(c, 'j2'), store.accepts(c, 'j1')]).toEqual([true, false]);
  now = 24 * 3600_000;
  expect(store.accepts(c, 'j2')).toBe(false);
});
