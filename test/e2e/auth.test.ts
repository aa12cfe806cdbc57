// With MICROSOFT_APP_ID set, /api/messages accepts only tokens signed by the channel's keys.
// A local OpenID metadata + JWKS server on 127.0.0.1 stands in for login.botframework.com.
import { ServiceClientCredentialsFactory, TokenCredentials } from 'botframework-connector';
import { startBot, type BotUnderTest } from '../support/harness';
import { FakeConnector } from '../support/fake-connector';
import { startChannelKeys, type ChannelKeys } from '../support/channel-keys';

const APP_ID = '11111111-2222-3333-4444-555555555555';

/** Outbound tokens need Azure AD, which cannot run here: the bot gets a fixed token instead. */
class LocalCredentials extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string) {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled() {
    return false;
  }
  async createCredentials() {
    return new TokenCredentials('local-outbound-token');
  }
}

let bot: BotUnderTest;
let keys: ChannelKeys;
const sign = (claims: Record<string, unknown>) => keys.sign(claims);
const signWithOtherKey = (claims: Record<string, unknown>) => keys.signWithOtherKey(claims);

beforeAll(async () => {
  keys = await startChannelKeys();
  bot = await startBot({
    env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'local-secret', BOT_OPENID_METADATA_URL: keys.metadataUrl },
    app: { credentialsFactory: new LocalCredentials() },
  });
});
afterAll(async () => {
  await bot.close();
  await keys.close();
});

async function post(auth?: string) {
  const chat = bot.chat();
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(chat.activity({ text: 'hej' })),
  });
  return { res, chat };
}

test('no token: 401 and no reply', async () => {
  const { res, chat } = await post();
  expect(res.status).toBe(401);
  expect(chat.replies()).toHaveLength(0);
});

test('a token signed with another key: 401', async () => {
  const token = await signWithOtherKey({ aud: APP_ID, serviceurl: bot.connector.url });
  expect((await post(`Bearer ${token}`)).res.status).toBe(401);
});

test('a token for another app: 401', async () => {
  const token = await sign({ aud: 'someone-else', serviceurl: bot.connector.url });
  expect((await post(`Bearer ${token}`)).res.status).toBe(401);
});

test('a valid channel token: the bot answers, with its own token on the reply', async () => {
  const token = await sign({ aud: APP_ID, serviceurl: bot.connector.url });
  const { res, chat } = await post(`Bearer ${token}`);
  expect(res.status).toBe(200);
  const replies = chat.replies();
  expect(replies[0].text).toMatch(/velkommen/i);
  expect(bot.connector.received.at(-1)?.authorization).toBe('Bearer local-outbound-token');
});

test('clients are reused across turns, never authentication: each turn is checked, each reply goes to its own service with the token', async () => {
  const token = await sign({ aud: APP_ID, serviceurl: bot.connector.url });
  expect((await post(`Bearer ${token}`)).res.status).toBe(200);
  // The same conversation's next message without a token is refused although a client exists.
  expect((await post()).res.status).toBe(401);
  // A second channel service (another region's URL): its replies go there, not to the first.
  const other = await new FakeConnector().start();
  try {
    const chat = bot.chat();
    const otherToken = await sign({ aud: APP_ID, serviceurl: other.url });
    const before = bot.connector.received.length;
    for (const text of ['hej', 'hjælp']) {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${otherToken}` },
        body: JSON.stringify(chat.activity({ text, serviceUrl: other.url })),
      });
      expect(res.status).toBe(200);
    }
    expect(other.received.map((r) => r.authorization)).toEqual(other.received.map(() => 'Bearer local-outbound-token'));
    expect(other.received.length).toBeGreaterThanOrEqual(2);
    expect(bot.connector.received.length).toBe(before);
  } finally {
    await other.stop();
  }
});
