// What an anonymous caller may put in an activity (issue 11, finding 6 and the ids of 11): replies
// go only to an https service URL (http only to this machine), and ids have a sane length.
import { postActivity, startBot, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

const post = (activity: Record<string, unknown>) => postActivity(bot, activity);

test.each([
  'file:///etc/passwd',
  'ftp://127.0.0.1/',
  'gopher://127.0.0.1:25/',
  'javascript:alert(1)',
  'http://example.com/',
  'http://10.0.0.1:8080/',
  'http://0.0.0.0:22/',
  'http://127.0.0.1.example.com/',
  'http://user:secret@127.0.0.1:9/',
  `https://example.com/${'a'.repeat(3000)}`,
])('a reply address %.60s is refused with 400 before any turn', async (url) => {
  const chat = bot.chat();
  const before = bot.connector.received.length;
  const res = await post(chat.activity({ text: 'hej', serviceUrl: url }));
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ error: 'invalid_activity', field: 'serviceUrl' });
  expect(bot.connector.received.length).toBe(before);
});

test('http to this machine still works (the fake connector, the Emulator)', async () => {
  const chat = bot.chat();
  expect((await chat.say('hej')).length).toBeGreaterThan(0);
});

test.each([
  ['id', (a: Record<string, any>, v: string) => ({ ...a, id: v })],
  ['replyToId', (a: Record<string, any>, v: string) => ({ ...a, replyToId: v })],
  ['conversation.id', (a: Record<string, any>, v: string) => ({ ...a, conversation: { id: v } })],
  ['from.id', (a: Record<string, any>, v: string) => ({ ...a, from: { id: v } })],
  ['recipient.id', (a: Record<string, any>, v: string) => ({ ...a, recipient: { id: v } })],
])('%s longer than 256 characters is refused with 400; 80 KB ids are never stored', async (field, set) => {
  const chat = bot.chat();
  for (const v of ['x'.repeat(257), 'x'.repeat(80_000)]) {
    const res = await post(set(chat.activity({ text: 'hej' }), v));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_activity', field });
  }
});

test('ids of 256 characters are fine', async () => {
  const chat = bot.chat({ conversationId: `c${'x'.repeat(255)}`, userId: `u${'y'.repeat(255)}` });
  expect((await chat.send(chat.activity({ id: 'i'.repeat(256), text: 'hej' }))).length).toBeGreaterThan(0);
});
