// The HTTP edge: health, bad input, limits, the public catalogue and the parse endpoint.
import { startBot, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { MAX_BODY_BYTES: '4096' } });
});
afterAll(async () => bot.close());

const post = (path: string, body: string, type = 'application/json') =>
  fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

test('GET /healthz answers 200 while the database answers; without a staff channel it says degraded', async () => {
  const res = await fetch(`${bot.url}/healthz`);
  expect(res.status).toBe(200);
  // No Teams staff channel in this test (the ok case: dialogue-policy.test.ts).
  expect(await res.json()).toEqual({ status: 'degraded', staffChannel: 'missing' });
});

test('malformed JSON gets 400 and the server keeps serving', async () => {
  const res = await post('/api/messages', '{"type": "message", ');
  expect(res.status).toBe(400);
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
});

test('an activity that fails the schema gets 400 naming the field', async () => {
  const res = await post('/api/messages', JSON.stringify({ type: 'message', text: 'hej', channelId: 'webchat' }));
  expect(res.status).toBe(400);
  expect((await res.json()).error).toBe('invalid_activity');
});

test('a body over the size limit gets 413', async () => {
  const chat = bot.chat();
  const res = await post('/api/messages', JSON.stringify(chat.activity({ text: 'x'.repeat(5000) })));
  expect(res.status).toBe(413);
});

test('GET /api/activities gives the catalogue in the asked language with seats left', async () => {
  const res = await fetch(`${bot.url}/api/activities?lang=ar`);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.lang).toBe('ar');
  const network = body.activities.find((a: any) => a.id === 'parent-network');
  expect(network.title).toBe('شبكة الأهالي');
  expect(network.sessions.length).toBeGreaterThan(0);
  expect(network.sessions[0].seatsLeft).toBe(network.sessions[0].capacity);
});

test('POST /api/parse answers per the contract', async () => {
  const res = await post('/api/parse', JSON.stringify({ text: 'tilmeld mig forældrenetværket' }));
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ lang: 'da', intent: 'signup', entities: { category: 'parent_network' } });
  expect(typeof body.confidence).toBe('number');
  expect((await post('/api/parse', JSON.stringify({ text: '' }))).status).toBe(400);
});
