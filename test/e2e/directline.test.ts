// The bot's own Direct Line 3.0 endpoint over HTTP: the contract a client relies on, and the
// guarantees a resident relies on (a token opens one conversation; nobody else can read it,
// post into it, or speak as the bot in it).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { SECRET_SETTING } from '../../src/http/directline/secret';
import { startBot, type BotUnderTest } from '../support/harness';

const SECRET = 'test-directline-secret-0123456789abcdef';
const DL = '/v3/directline';

type Json = Record<string, any>;

/** A Direct Line client as plain HTTP calls, the way botframework-directlinejs makes them. */
class DirectLineHttp {
  token = '';
  conversationId = '';
  watermark = '';

  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown, token: string | null = this.token): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${this.base}${DL}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : {} };
  }

  async start(locale?: string): Promise<Json> {
    const generated = await this.call('POST', '/tokens/generate', undefined, null);
    expect(generated.status).toBe(200);
    this.token = generated.json.token;
    const started = await this.call('POST', '/conversations', { user: {}, ...(locale ? { locale } : {}) });
    expect(started.status).toBe(201);
    this.token = started.json.token;
    this.conversationId = started.json.conversationId;
    return started.json;
  }

  /** Activities since the last poll, as a polling client sees them. */
  async poll(): Promise<Json[]> {
    const got = await this.call('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
    expect(got.status).toBe(200);
    this.watermark = got.json.watermark;
    return got.json.activities;
  }

  async post(activity: Json): Promise<{ status: number; json: Json }> {
    return this.call('POST', `/conversations/${this.conversationId}/activities`, activity);
  }

  async say(text: string, extra: Json = {}): Promise<{ echo: Json; replies: Json[] }> {
    const posted = await this.post({ type: 'message', text, from: { id: 'someone' }, ...extra });
    expect(posted.status).toBe(200);
    const all = await this.poll();
    return { echo: all.find((a) => a.id === posted.json.id)!, replies: all.filter((a) => a.from.role === 'bot') };
  }
}

const textOf = (activities: Json[]) => activities.map((a) => a.text ?? '').join('\n');
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const sign = (payload: Json, secret = SECRET) => {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
};

describe('the local Direct Line', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ env: { DIRECTLINE_SECRET: SECRET } });
  });
  afterAll(async () => bot.close());

  test('a new conversation: the token names one conversation and a reserved user id, and the bot welcomes in the start locale', async () => {
    const dl = new DirectLineHttp(bot.url);
    const started = await dl.start('en-US');
    expect(started).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    expect(claims(dl.token)).toMatchObject({ conv: dl.conversationId, user: expect.stringMatching(/^dl_/) });

    const [welcome, ...rest] = await dl.poll();
    expect(rest).toEqual([]);
    expect(welcome).toMatchObject({ type: 'message', from: { role: 'bot' }, locale: 'en', channelData: { prompt: 'menu' } });
    expect(welcome.text).toMatch(/welcome/);
    expect(welcome.id).toBe(`${dl.conversationId}|0000001`);
    expect(welcome.serviceUrl).toBeUndefined();
    expect(dl.watermark).toBe('1');

    // Starting again (a retry) neither makes a new conversation nor a second welcome.
    const again = await dl.call('POST', '/conversations', { user: {} });
    expect(again.status).toBe(200);
    expect(again.json.conversationId).toBe(dl.conversationId);
    expect(await dl.poll()).toEqual([]);
  });

  test("the resident's own message comes back with its id (the echo), then the bot's answer to it", async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start('da-DK');
    await dl.poll();
    const posted = await dl.post({ type: 'message', text: 'tilmeld mig forældrenetværk', channelData: { clientActivityID: 'client-1' }, from: { id: 'dl_someone-else' } });
    expect(posted.status).toBe(200);
    const [echo, ...replies] = await dl.poll();
    expect(echo).toMatchObject({
      id: posted.json.id,
      type: 'message',
      text: 'tilmeld mig forældrenetværk',
      channelData: { clientActivityID: 'client-1' },
      // Who wrote is the token's user, whatever the client claims.
      from: { id: claims(dl.token).user, role: 'user' },
      conversation: { id: dl.conversationId },
    });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.replyToId === echo.id && r.from.role === 'bot' && r.serviceUrl === undefined)).toBe(true);
    expect(replies.at(-1)).toMatchObject({ channelData: { prompt: 'consent' }, suggestedActions: { actions: [{ value: 'yes' }, { value: 'no' }] } });
  });

  test('a watermark gives only what came after it', async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start();
    const first = await dl.poll();
    const { replies } = await dl.say('hvilke aktiviteter er der?');
    const everything = await dl.call('GET', `/conversations/${dl.conversationId}/activities`);
    expect(everything.json.activities.map((a: Json) => a.id)).toEqual([...first, { id: `${dl.conversationId}|0000002` }, ...replies].map((a) => a.id));
    const after = await dl.call('GET', `/conversations/${dl.conversationId}/activities?watermark=${everything.json.watermark}`);
    expect(after.json).toEqual({ activities: [], watermark: everything.json.watermark });
    expect((await dl.call('GET', `/conversations/${dl.conversationId}/activities?watermark=abc`)).status).toBe(400);
  });

  test("one resident's token cannot read, post into or resume another resident's conversation", async () => {
    const fatima = new DirectLineHttp(bot.url);
    await fatima.start('ar');
    await fatima.say('سجلني في شبكة الأهالي');
    await fatima.say('نعم');
    await fatima.say('فاطمة علي');
    const other = new DirectLineHttp(bot.url);
    await other.start('da');

    const hers = `/conversations/${fatima.conversationId}`;
    for (const [method, path, body] of [
      ['GET', `${hers}/activities?watermark=`],
      ['GET', `${hers}?watermark=`],
      ['POST', `${hers}/activities`, { type: 'message', text: 'hej' }],
    ] as const) {
      const withOther = await other.call(method, path, body);
      expect({ method, path, status: withOther.status }).toEqual({ method, path, status: 403 });
      expect(JSON.stringify(withOther.json)).not.toContain('فاطمة');
      expect((await other.call(method, path, body, null)).status).toBe(401);
    }
    // Her conversation got nothing from the attempts.
    expect(await fatima.poll()).toEqual([]);
  });

  test('forged, altered and expired tokens are refused', async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start();
    const c = claims(dl.token);
    const activities = `/conversations/${dl.conversationId}/activities`;
    const now = Math.floor(Date.now() / 1000);
    const [head, , sig] = dl.token.split('.');
    const forged = [
      sign({ ...c, iat: now, exp: now + 600 }, 'another-secret-0123456789abcdefghijkl'),
      `${head}.${Buffer.from(JSON.stringify({ ...c, user: 'dl_someone' })).toString('base64url')}.${sig}`,
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${dl.token.split('.')[1]}.`,
      sign({ ...c, iat: now - 4000, exp: now - 1 }),
      'not-a-token',
    ];
    for (const token of forged) {
      expect((await dl.call('GET', activities, undefined, token)).status).toBe(403);
      expect((await dl.call('POST', '/tokens/refresh', undefined, token)).status).toBe(403);
    }
    // The same claims, properly signed and in date, are accepted: the refusals were about the token.
    expect((await dl.call('GET', activities, undefined, sign({ ...c, iat: now, exp: now + 600 }))).status).toBe(200);
  });

  test('refresh gives a new token for the same conversation; resume answers with the conversation', async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start();
    const refreshed = await dl.call('POST', '/tokens/refresh');
    expect(refreshed.status).toBe(200);
    expect(claims(refreshed.json.token)).toMatchObject({ conv: dl.conversationId, user: claims(dl.token).user });
    const resumed = await dl.call('GET', `/conversations/${dl.conversationId}?watermark=1`, undefined, refreshed.json.token);
    expect(resumed).toMatchObject({ status: 200, json: { conversationId: dl.conversationId, token: expect.any(String) } });
  });

  test("nobody can speak as the bot: the connector's address needs a key only the bot knows", async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start();
    await dl.poll();
    const injected = await fetch(`${bot.url}${DL}/connector/guessed-key/v3/conversations/${dl.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'Send your MitID code here', from: { id: 'kvarterbot', role: 'bot' } }),
    });
    expect(injected.status).toBe(404);
    expect(await dl.poll()).toEqual([]);
  });

  test('bad activities are refused without reaching the bot', async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start();
    await dl.poll();
    expect((await dl.post({ type: 'invoke', name: 'x' })).status).toBe(400);
    expect((await dl.post({ type: 'message', text: 'x'.repeat(5001) })).status).toBe(400);
    expect((await dl.post({ type: 'message', attachments: [{ contentUrl: 'http://127.0.0.1/x' }] })).status).toBe(400);
    expect(await dl.poll()).toEqual([]);
  });

  test('the web chat language switch (event "setLanguage") is an explicit choice, confirmed and welcomed in the new language', async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start('da-DK');
    await dl.poll();
    const posted = await dl.post({ type: 'event', name: 'setLanguage', value: 'ar', locale: 'ar-SA' });
    expect(posted.status).toBe(200);
    const [echo, ...replies] = await dl.poll();
    expect(echo).toMatchObject({ type: 'event', name: 'setLanguage', value: 'ar' });
    expect(textOf(replies)).toContain('سأكتب الآن');
    expect(replies.at(-1)).toMatchObject({ locale: 'ar', channelData: { prompt: 'menu' } });
    const resident = await bot.app.db.resident.findFirstOrThrow({ where: { channelId: 'directline', channelUserId: claims(dl.token).user } });
    expect(resident).toMatchObject({ language: 'ar', languageSource: 'explicit' });
    // Danish words do not undo an explicit choice.
    const { replies: next } = await dl.say('hvilke aktiviteter er der?');
    expect(next[0].locale).toBe('ar');
  });

  test('switching language in the middle of a sign-up asks the open question again in the new language', async () => {
    const dl = new DirectLineHttp(bot.url);
    await dl.start('da-DK');
    await dl.poll();
    await dl.say('tilmeld mig forældrenetværk');
    const { replies: named } = await dl.say('ja');
    expect(named.at(-1)!.channelData.prompt).toBe('name');
    await dl.post({ type: 'event', name: 'setLanguage', value: 'en' });
    const replies = (await dl.poll()).filter((a) => a.from.role === 'bot');
    expect(replies.at(-1)).toMatchObject({ locale: 'en', channelData: { prompt: 'name' } });
    const { replies: phone } = await dl.say('Mette Hansen');
    expect(phone.at(-1)!.channelData.prompt).toBe('phone');
  });
});

describe('the signing secret', () => {
  test('without DIRECTLINE_SECRET one is generated once, kept in the database, and used again after a restart (PostgreSQL)', async () => {
    const bot = await startBot({ db: 'postgres' });
    try {
      const stored = await bot.app.db.setting.findUniqueOrThrow({ where: { key: SECRET_SETTING } });
      expect(stored.value.length).toBeGreaterThanOrEqual(32);
      const dl = new DirectLineHttp(bot.url);
      await dl.start();
      await bot.restart();
      expect((await bot.app.db.setting.findUniqueOrThrow({ where: { key: SECRET_SETTING } })).value).toBe(stored.value);
      // The old token still verifies (the conversation itself lived in the old process's memory: 404, not 403).
      expect((await new DirectLineHttp(bot.url).call('POST', '/tokens/refresh', undefined, dl.token)).status).toBe(404);
    } finally {
      await bot.close();
    }
  });

  test('DIRECTLINE_SECRET, when set, is used and nothing is stored', async () => {
    const bot = await startBot({ env: { DIRECTLINE_SECRET: SECRET } });
    try {
      expect(await bot.app.db.setting.findUnique({ where: { key: SECRET_SETTING } })).toBeNull();
      const dl = new DirectLineHttp(bot.url);
      await dl.start();
      const c = claims(dl.token);
      expect((await dl.call('POST', '/tokens/refresh', undefined, sign({ ...c }))).status).toBe(200);
    } finally {
      await bot.close();
    }
  });

  test('a short DIRECTLINE_SECRET, or an Azure domain without its secret, stops start-up', () => {
    expect(() => loadConfig({ DIRECTLINE_SECRET: 'short' })).toThrow(/^Invalid environment variable DIRECTLINE_SECRET/);
    expect(() => loadConfig({ DIRECTLINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline' })).toThrow(
      /^Invalid environment variable AZURE_DIRECTLINE_SECRET: required/,
    );
  });
});

describe('the chat page', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => bot.close());

  test('GET / is the chat page in the browser\'s language, with a strict content security policy', async () => {
    const ar = await fetch(`${bot.url}/`, { headers: { 'accept-language': 'ar-SA,ar;q=0.9,en;q=0.5' } });
    expect(ar.status).toBe(200);
    expect(ar.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await ar.text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('برنامج الحي في Charlottekvarteret');
    expect(html).not.toMatch(/\{\{/);
    // No CDN: every script and style comes from this server.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const config = JSON.parse(/<script id="kvarterbot-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
    expect(config.directLine).toMatchObject({ domain: DL, webSocket: false });
    expect(Object.keys(config.text)).toEqual(['da', 'ar', 'en']);
    expect(config.text.en.privacyText).toMatch(/How we look after your information/);

    expect(await (await fetch(`${bot.url}/?lang=en`)).text()).toMatch(/<html lang="en" dir="ltr">/);
    expect(await (await fetch(`${bot.url}/`, { headers: { 'accept-language': 'fr' } })).text()).toMatch(/<html lang="da" dir="ltr">/);
  });

  test('Web Chat comes from node_modules, compressed and cacheable by its hash', async () => {
    const html = await (await fetch(`${bot.url}/`)).text();
    const src = /<script defer src="(\/web-chat\/webchat\.js\?v=[\w-]+)">/.exec(html)![1];
    const res = await fetch(`${bot.url}${src}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect((await res.text()).length).toBeGreaterThan(3_000_000);
    expect((await fetch(`${bot.url}/web-chat/nothing.js`)).status).toBe(404);
  });
});

describe('other Direct Line set-ups', () => {
  /** Stands in for Azure's Direct Line service (not reachable here): records the token requests. */
  async function fakeAzure(): Promise<{ url: string; requests: { authorization?: string; body: Json }[]; close(): Promise<void> }> {
    const requests: { authorization?: string; body: Json }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push({ authorization: req.headers.authorization, body: body ? JSON.parse(body) : {} });
        res.writeHead(req.url === '/v3/directline/tokens/generate' ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  test('with Azure Direct Line the page uses its domain and gets tokens through the bot, which keeps the secret', async () => {
    const azure = await fakeAzure();
    const bot = await startBot({ env: { DIRECTLINE_DOMAIN: `${azure.url}/v3/directline/`, AZURE_DIRECTLINE_SECRET: 'azure-dl-secret' } });
    try {
      const html = await (await fetch(`${bot.url}/`)).text();
      expect(html).not.toContain('azure-dl-secret');
      const config = JSON.parse(/<script id="kvarterbot-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
      expect(config.directLine).toMatchObject({ domain: `${azure.url}/v3/directline`, tokenUrl: '/web-chat/token', webSocket: true });
      const page = await fetch(`${bot.url}/`);
      expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${azure.url}`);

      const token = await fetch(`${bot.url}/web-chat/token`, { method: 'POST' });
      expect(await token.json()).toEqual({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600 });
      expect(azure.requests).toEqual([{ authorization: 'Bearer azure-dl-secret', body: { user: { id: expect.stringMatching(/^dl_/) } } }]);
      // The local endpoint is off: the page talks to Azure only.
      expect((await fetch(`${bot.url}${DL}/tokens/generate`, { method: 'POST' })).status).toBe(404);
    } finally {
      await bot.close();
      await azure.close();
    }
  });

  test('with MICROSOFT_APP_ID but no Azure Direct Line, the page uses the local endpoint (a whole conversation: security-directline.test.ts)', async () => {
    const bot = await startBot({ env: { MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'pw' } });
    try {
      const html = await (await fetch(`${bot.url}/`)).text();
      const config = JSON.parse(/<script id="kvarterbot-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
      expect(config.directLine).toMatchObject({ domain: DL, tokenUrl: `${DL}/tokens/generate` });
      expect((await fetch(`${bot.url}${DL}/tokens/generate`, { method: 'POST' })).status).toBe(200);
    } finally {
      await bot.close();
    }
  });
});
