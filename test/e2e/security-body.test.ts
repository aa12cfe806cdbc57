// Request bodies from someone trying to break the bot (issue 11, findings 1, 4 and 5): a body that
// is not what its Content-Encoding says, a gzip bomb, a multipart upload. Each gets a 4xx, the
// process lives on, nothing is inflated past the limit and nothing lands on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startBot, type BotUnderTest } from '../support/harness';
import { raw } from '../support/raw-http';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

const JSON_GZIP = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
const healthy = async () => (await fetch(`${bot.url}/healthz`)).status;

test.each(['/api/messages', '/api/parse', '/v3/directline/tokens/generate', '/v3/directline/conversations'])(
  'POST %s with Content-Encoding: gzip and a body that is not gzip gets 400 and the server lives on',
  async (route) => {
    const res = await raw(bot.url, 'POST', route, JSON_GZIP, 'not gzip');
    expect(res.status).toBe(400);
    expect(await healthy()).toBe(200);
  },
);

test('a truncated gzip body and a deflate body that is not deflate get 400', async () => {
  const whole = zlib.gzipSync(JSON.stringify({ text: 'hej' }));
  expect((await raw(bot.url, 'POST', '/api/parse', JSON_GZIP, whole.subarray(0, whole.length - 6))).status).toBe(400);
  expect((await raw(bot.url, 'POST', '/api/parse', { 'content-type': 'application/json', 'content-encoding': 'deflate' }, 'nope')).status).toBe(400);
  expect(await healthy()).toBe(200);
});

test('a well-formed gzip body is read as JSON', async () => {
  const res = await raw(bot.url, 'POST', '/api/parse', JSON_GZIP, zlib.gzipSync(JSON.stringify({ text: 'tilmeld mig forældrenetværket' })));
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text)).toMatchObject({ intent: 'signup', entities: { category: 'parent_network' } });
});

test('a gzip message from a channel takes the same turn as a plain one', async () => {
  const chat = bot.chat();
  const res = await raw(bot.url, 'POST', '/api/messages', JSON_GZIP, zlib.gzipSync(JSON.stringify(chat.activity({ text: 'hej' }))));
  expect(res.status).toBeLessThan(300);
  expect(chat.replies().length).toBeGreaterThan(0);
});

test('an encoding the bot does not know, bodies that are not JSON, and invalid UTF-8 are refused', async () => {
  expect((await raw(bot.url, 'POST', '/api/parse', { 'content-type': 'application/json', 'content-encoding': 'compress' }, 'x')).status).toBe(415);
  expect((await raw(bot.url, 'POST', '/api/parse', { 'content-type': 'text/plain' }, 'hej')).status).toBe(415);
  expect((await raw(bot.url, 'POST', '/api/parse', { 'content-type': 'application/x-www-form-urlencoded' }, 'text=hej')).status).toBe(415);
  expect((await raw(bot.url, 'POST', '/api/parse', { 'content-type': 'application/json' }, Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x22, 0x7d]))).status).toBe(400);
});

test('a gzip bomb (about 200 KiB inflating to 200 MiB) gets 413 and memory stays bounded', async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(200 << 20, 0x20), { level: 9 });
  expect(bomb.length).toBeLessThan(256 * 1024);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const answers = await Promise.all([1, 2, 3].map(() => raw(bot.url, 'POST', '/api/messages', JSON_GZIP, bomb)));
  expect(answers.map((a) => a.status)).toEqual([413, 413, 413]);
  expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
  expect(await healthy()).toBe(200);
});

test('a multipart upload gets 415 and leaves no file in the temp folder', async () => {
  const marker = `kvarterbot-upload-${process.pid}-${Date.now()}`;
  const tmp = os.tmpdir();
  const before = new Set(fs.readdirSync(tmp));
  const boundary = '----kvarterbot';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.bin"\r\ncontent-type: application/octet-stream\r\n\r\n${marker}\n`),
    Buffer.alloc(2 << 20, 0x61),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await raw(bot.url, 'POST', '/api/messages', { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
  expect(res.status).toBe(415);
  // A body parser writes its temp file while reading, before the answer; a later request served by
  // the same process (the health check) is the event that it is done with the upload.
  expect(await healthy()).toBe(200);
  const left = fs
    .readdirSync(tmp)
    .filter((f) => !before.has(f))
    .map((f) => path.join(tmp, f))
    .filter((f) => {
      try {
        return fs.statSync(f).isFile() && fs.readFileSync(f).includes(marker);
      } catch {
        return false;
      }
    });
  expect(left).toEqual([]);
  expect(await healthy()).toBe(200);
});
