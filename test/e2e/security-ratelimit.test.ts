// Issue 11, finding 8: rate limits. A resident who floods a conversation is told once, kindly and in
// their language, to wait; handoffs are counted per resident and per address; /api/parse and
// /web-chat/token answer 429. On PostgreSQL the counts are shared by every instance.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { createI18n, defaultLocalesDir } from '../../src/i18n';
import { startBot, texts, type BotUnderTest } from '../support/harness';

const i18n = createI18n({ localesDir: defaultLocalesDir, fallback: 'da' });
const DL = '/v3/directline';
type Json = Record<string, any>;
const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function parse(bot: BotUnderTest, ip?: string) {
  return fetch(`${bot.url}/api/parse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(ip ? { 'x-forwarded-for': ip } : {}) },
    body: JSON.stringify({ text: 'hej' }),
  });
}

describe('messages and handoffs (SQLite, memory store)', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ env: { RATE_LIMIT_MESSAGES: '5/60', RATE_LIMIT_HANDOFFS_PER_IP: '2/3600', RATE_LIMIT_PARSE_PER_IP: '3/60' } });
  });
  afterAll(async () => bot.close());

  test('the 6th message in a window gets one kind reply in the resident\'s language (Arabic, singular); later ones none; another conversation is answered', async () => {
    const chat = bot.chat();
    for (let i = 0; i < 5; i++) expect((await chat.say('ما هي النشاطات الموجودة؟')).length).toBeGreaterThan(0);
    const told = await chat.say('ما هي النشاطات الموجودة؟');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ text: i18n.t('ar', 'common:rateLimit.messages'), locale: 'ar' });
    expect(told[0].text).toContain('انتظر');
    expect(await chat.say('مرحبا')).toHaveLength(0);
    expect(await chat.say('مرحبا')).toHaveLength(0);
    expect(texts(await bot.chat().say('hej'))).toMatch(/velkommen/i);
  });

  test('the same through web chat: the kind reply comes in the poll, the HTTP call is not refused', async () => {
    const token = (await (await fetch(`${bot.url}${DL}/tokens/generate`, { method: 'POST' })).json()).token;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const started = await (await fetch(`${bot.url}${DL}/conversations`, { method: 'POST', headers, body: JSON.stringify({ locale: 'en-US' }) })).json();
    const path = `${bot.url}${DL}/conversations/${started.conversationId}/activities`;
    for (let i = 0; i < 7; i++) {
      const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'what activities are there?' }) });
      expect(res.status).toBe(200);
    }
    const all = (await (await fetch(path, { headers })).json()).activities as Json[];
    const kind = all.filter((a) => a.text === i18n.t('en', 'common:rateLimit.messages'));
    expect(kind).toHaveLength(1);
  });

  test('one resident asking for a person again and again opens one handoff; from one address at most 2 residents open one, an emergency always does', async () => {
    const before = await bot.app.db.handoff.count();
    const spammer = bot.chat();
    for (let i = 0; i < 4; i++) await spammer.say('jeg vil tale med en medarbejder');
    expect(await bot.app.db.handoff.count()).toBe(before + 1);

    // Web chat: three residents from one address (the bot knows it there).
    const viaWebChat = async (text: string) => {
      const token = (await (await fetch(`${bot.url}${DL}/tokens/generate`, { method: 'POST' })).json()).token;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const { conversationId } = await (await fetch(`${bot.url}${DL}/conversations`, { method: 'POST', headers, body: '{}' })).json();
      await fetch(`${bot.url}${DL}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text }) });
      return ((await (await fetch(`${bot.url}${DL}/conversations/${conversationId}/activities`, { headers })).json()).activities as Json[]).map((a) => a.text ?? '');
    };
    const start = await bot.app.db.handoff.count();
    // Two from this address are fine (a channel's /api/messages above does not count: its address is the channel's).
    expect(await viaWebChat('jeg vil tale med en medarbejder')).not.toContain(i18n.t('da', 'common:rateLimit.handoff'));
    expect(await viaWebChat('jeg vil tale med en medarbejder')).not.toContain(i18n.t('da', 'common:rateLimit.handoff'));
    expect(await viaWebChat('jeg vil tale med en medarbejder')).toContain(i18n.t('da', 'common:rateLimit.handoff'));
    expect(await viaWebChat('I want to talk to a person')).toContain(i18n.t('en', 'common:rateLimit.handoff'));
    expect(await bot.app.db.handoff.count()).toBe(start + 2);
    await viaWebChat('min far slår mig');
    expect(await bot.app.db.handoff.count()).toBe(start + 3);
  });

  test('/api/parse: 429 with Retry-After after the limit; X-Forwarded-For is ignored without TRUST_PROXY', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await parse(bot)).status);
    const refused = await parse(bot, '203.0.113.1');
    expect([...statuses, refused.status]).toEqual([200, 200, 200, 429]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
  });
});

describe('/web-chat/token (Azure Direct Line)', () => {
  test('each token spends the Direct Line secret: limited per address, the limit never reaches Azure', async () => {
    let calls = 0;
    const azure = http.createServer((_req, res) => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ conversationId: 'c', token: 't', expires_in: 3600 }));
    });
    await new Promise<void>((r) => azure.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    const bot = await startBot({ env: { DIRECTLINE_DOMAIN: url, AZURE_DIRECTLINE_SECRET: 'azure-secret', RATE_LIMIT_WEB_CHAT_TOKEN_PER_IP: '2/600' } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${bot.url}/web-chat/token`, { method: 'POST' })).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
      expect(calls).toBe(2);
    } finally {
      await bot.close();
      azure.close();
    }
  });
});

describe('PostgreSQL: one count for every instance, client addresses from a trusted proxy', () => {
  let a: BotUnderTest;
  let b: BotUnderTest;
  beforeAll(async () => {
    const env = { TRUST_PROXY: '1', RATE_LIMIT_PARSE_PER_IP: '3/60' };
    a = await startBot({ db: 'postgres', env });
    b = await startBot({ databaseUrl: a.databaseUrl, env });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  test('two instances share the limit; another address (as the proxy says) has its own', async () => {
    const ip = randomIp();
    const statuses = [(await parse(a, ip)).status, (await parse(b, ip)).status, (await parse(a, ip)).status, (await parse(b, ip)).status];
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await parse(b, randomIp())).status).toBe(200);
    // Only the entry the proxy added counts: what the client wrote to its left does not.
    expect((await parse(a, `${randomIp()}, ${ip}`)).status).toBe(429);
    const rows = await a.app.db.$queryRawUnsafe<{ key: string }[]>('SELECT key FROM "RateLimit"');
    expect(rows.some((r) => r.key.includes(ip))).toBe(false);
  });
});
