// What the fuzz suite (fuzz.test.ts) found, one case each: activities whose fields the turn could
// not survive. Each was answered 200 while the turn crashed (the bot's apology failed too, so the
// resident got nothing); each is now refused at the edge with 400, and real channels' shapes pass.
import fs from 'node:fs';
import { postActivity, startBot, texts, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

const post = (activity: Record<string, unknown>) => postActivity(bot, activity);

type Bend = (a: Record<string, any>) => Record<string, unknown>;

test.each<[string, string, Bend]>([
  // The reply copies the conversation: the Bot Connector's serializer refused every reply.
  ['conversation.isGroup is not a boolean', 'conversation.isGroup', (a) => ({ ...a, conversation: { ...a.conversation, isGroup: 'false' } })],
  ['conversation.tenantId is not a string', 'conversation.tenantId', (a) => ({ ...a, conversation: { ...a.conversation, tenantId: {} } })],
  ['from.name is not a string', 'from.name', (a) => ({ ...a, from: { ...a.from, name: ['x'] } })],
  ['recipient.role is not a string', 'recipient.role', (a) => ({ ...a, recipient: { ...a.recipient, role: 5 } })],
  // botbuilder sends the conversation id as a header: Arabic letters or a newline broke every reply.
  ['the conversation id has Arabic letters', 'conversation.id', (a) => ({ ...a, conversation: { id: 'مرحبا' } })],
  ['the conversation id has a line break', 'conversation.id', (a) => ({ ...a, conversation: { id: 'conv\r\nx-evil: 1' } })],
  // encodeURIComponent throws on a lone surrogate (the reply's URL names the activity), and the
  // database refuses to store one (the duplicate-delivery key).
  ['the activity id has a lone surrogate', 'id', (a) => ({ ...a, id: 'act-\uD800' })],
  ['the sender id has a lone surrogate', 'from.id', (a) => ({ ...a, from: { id: 'user-\uDC00' } })],
  ['the text has a lone surrogate', 'text', (a) => ({ ...a, text: 'hej \uD83D' })],
  ['the activity id has a NUL', 'id', (a) => ({ ...a, id: 'act-\u0000' })],
  // onConversationUpdate reads each member's id.
  ['membersAdded is a string', 'membersAdded', (a) => ({ ...a, type: 'conversationUpdate', text: undefined, membersAdded: 'everyone' })],
  ['membersAdded holds null', 'membersAdded.0', (a) => ({ ...a, type: 'conversationUpdate', text: undefined, membersAdded: [null] })],
  ['reactionsAdded is a string', 'reactionsAdded', (a) => ({ ...a, type: 'messageReaction', reactionsAdded: 'like' })],
])('%s: 400 before any turn', async (_name, field, bend) => {
  const chat = bot.chat();
  const before = bot.connector.received.length;
  const res = await post(bend(chat.activity({ text: 'hej' })));
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ error: 'invalid_activity', field });
  expect(bot.connector.received.length).toBe(before);
});

test('what real channels send still passes: Teams accounts, null names, members, Arabic text, emoji', async () => {
  const chat = bot.chat({ conversationId: 'a:1Xy-Z_9:abc;messageid=1700000000000' });
  const welcome = await chat.send(chat.activity({
    type: 'conversationUpdate',
    from: { id: chat.userId, name: null, aadObjectId: '00000000-0000-0000-0000-000000000001', role: 'user' },
    conversation: { id: chat.conversationId, isGroup: false, conversationType: 'personal', tenantId: 'tenant-1' },
    membersAdded: [{ id: chat.userId, name: 'Amal' }, { id: 'kvarterbot' }],
  }));
  expect(texts(welcome).length).toBeGreaterThan(0);
  const reply = await chat.say('مرحبا 👋', { conversation: { id: chat.conversationId, isGroup: false, conversationType: 'personal', tenantId: 'tenant-1' } });
  expect(texts(reply).length).toBeGreaterThan(0);
});

test('an account bloated with extra fields is refused (a handoff would store all of it)', async () => {
  const chat = bot.chat();
  const res = await post(chat.activity({ text: 'hej', from: { id: chat.userId, junk: 'x'.repeat(100_000) } }));
  expect(res).toMatchObject({ status: 400, body: { field: 'from' } });
  const conv = await post(chat.activity({ text: 'hej', conversation: { id: chat.conversationId, properties: { junk: 'x'.repeat(100_000) } } }));
  expect(conv).toMatchObject({ status: 400, body: { field: 'conversation' } });
});

/** The SQLite database and its write-ahead log, in bytes. */
function databaseBytes(): number {
  const file = bot.databaseUrl.replace(/^file:/, '');
  return [file, `${file}-wal`, `${file}-journal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

// Issue 11, finding 11: "100 requests × 80 KB ids grew the DB by 52 MB".
test('attacker-chosen long ids cannot grow the database', async () => {
  // One conversation first, so the tables and pages that any turn needs already exist.
  await bot.chat().say('hej');
  const before = databaseBytes();
  const big = 'x'.repeat(80_000);
  for (let i = 0; i < 100; i++) {
    const chat = bot.chat();
    const res = await post(chat.activity({ id: `${big}${i}`, text: 'hej' }));
    expect(res.status).toBe(400);
  }
  for (let i = 0; i < 20; i++) {
    const chat = bot.chat();
    expect((await post(chat.activity({ conversation: { id: `${big}${i}` }, text: 'hej' }))).status).toBe(400);
    expect((await post(chat.activity({ from: { id: `${big}${i}` }, text: 'hej' }))).status).toBe(400);
  }
  expect(databaseBytes() - before).toBeLessThan(256 * 1024);
});
