// Static files of the web chat (issue 11, finding 3): a name from the URL is looked up in the
// bot's own map, so "__proto__" and friends are unknown names (404) and cannot poison
// Object.prototype; the real files are still served, compressed and whole.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startBot, type BotUnderTest } from '../support/harness';
import { raw } from '../support/raw-http';
import { WEB_DIR } from '../../src/http/web-chat';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

const GZIP = { 'accept-encoding': 'gzip' };

test.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString', '__defineGetter__', 'valueOf'])('GET /web-chat/%s is 404', async (name) => {
  const gz = await raw(bot.url, 'GET', `/web-chat/${name}`, GZIP);
  expect(gz.status).toBe(404);
  expect((await raw(bot.url, 'GET', `/web-chat/${name}`)).status).toBe(404);
});

test('after those requests Object.prototype is clean and app.js, app.css and webchat.js are served whole', async () => {
  for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) await raw(bot.url, 'GET', `/web-chat/${name}`, GZIP);
  expect(({} as Record<string, unknown>).gzipped).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('gzipped');
  for (const name of ['app.js', 'app.css']) {
    const res = await raw(bot.url, 'GET', `/web-chat/${name}`, GZIP);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.body).equals(fs.readFileSync(path.join(WEB_DIR, name)))).toBe(true);
  }
  const webchat = await raw(bot.url, 'GET', '/web-chat/webchat.js', GZIP);
  expect(webchat.status).toBe(200);
  expect(zlib.gunzipSync(webchat.body).length).toBeGreaterThan(100_000);
});
