// Headers and the staff token (issue 11, finding 11): no page can be framed, no answer sniffed,
// no address leaked in a Referer; the staff API takes exactly "Bearer <token>" and the token is long.
import { ConfigError, loadConfig } from '../../src/config';
import { startBot, type BotUnderTest } from '../support/harness';
import { raw } from '../support/raw-http';

const STAFF_TOKEN = 'a-long-random-staff-token-0123456789abcdef';
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: STAFF_TOKEN } });
});
afterAll(async () => bot.close());

test.each(['/', '/privacy', '/terms?lang=ar'])('the page %s cannot be framed and sends no referrer', async (page) => {
  const res = await raw(bot.url, 'GET', page);
  expect(res.status).toBe(200);
  expect(res.headers['content-security-policy']).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
});

test.each([
  ['GET', '/healthz'],
  ['GET', '/api/activities'],
  ['GET', '/web-chat/app.js'],
  ['GET', '/no-such-page'],
  ['GET', '/api/staff/registrations'],
  ['POST', '/api/parse'],
])('%s %s answers with nosniff and a policy that runs and frames nothing', async (method, path) => {
  const res = await raw(bot.url, method, path, method === 'POST' ? { 'content-type': 'application/json' } : {}, method === 'POST' ? '{"text":"hej"}' : undefined);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
});

test('the staff API takes exactly "Bearer <token>"', async () => {
  const staff = (authorization?: string) => raw(bot.url, 'GET', '/api/staff/registrations', authorization ? { authorization } : {});
  expect((await staff()).status).toBe(401);
  expect((await staff(STAFF_TOKEN)).status).toBe(401);
  expect((await staff(`Basic ${STAFF_TOKEN}`)).status).toBe(401);
  expect((await staff(`Token ${STAFF_TOKEN}`)).status).toBe(401);
  expect((await staff(`Bearer ${STAFF_TOKEN}x`)).status).toBe(401);
  expect((await staff(`Bearer ${STAFF_TOKEN}`)).status).toBe(200);
});

test('a STAFF_API_TOKEN under 32 characters stops the start with a clear error', () => {
  expect(() => loadConfig({ STAFF_API_TOKEN: 'staff-secret' })).toThrow(ConfigError);
  expect(() => loadConfig({ STAFF_API_TOKEN: 'staff-secret' })).toThrow(/STAFF_API_TOKEN: must be at least 32 characters/);
  expect(loadConfig({ STAFF_API_TOKEN: 'x'.repeat(32) }).STAFF_API_TOKEN).toHaveLength(32);
  expect(loadConfig({ STAFF_API_TOKEN: '' }).STAFF_API_TOKEN).toBeUndefined();
});
