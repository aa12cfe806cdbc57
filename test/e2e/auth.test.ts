// With MICROSOFT_APP_ID set, /api/messages accepts only tokens signed by the channel's keys.
// A local OpenID metadata + JWKS server on 127.0.0.1 stands in for login.botframework.com.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { ServiceClientCredentialsFactory, TokenCredentials } from 'botframework-connector';
import { startBot, type BotUnderTest } from '../support/harness';
import { FakeConnector } from '../support/fake-connector';

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
let keys: http.Server;
let sign: (claims: Record<string, unknown>) => Promise<string>;
let signWithOtherKey: (claims: Record<string, unknown>) => Promise<string>;

beforeAll(async () => {
  const good = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(good.publicKey)), kid: 'local-key-1', use: 'sig', alg: 'RS256' };
  keys = http.createServer((req, res) => {
    const port = (keys.address() as AddressInfo).port;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
  const metadata = `http://127.0.0.1:${(keys.address() as AddressInfo).port}/openid`;
  const signer = (key: CryptoKey) => (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'local-key-1' }).setIssuer('https://api.botframework.com').setIssuedAt().setExpirationTime('10m').sign(key);
  sign = signer(good.privateKey as CryptoKey);
  signWithOtherKey = signer(other.privateKey as CryptoKey);
  bot = await startBot({
    env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'local-secret', BOT_OPENID_METADATA_URL: metadata },
    app: { credentialsFactory: new LocalCredentials() },
  });
});
afterAll(async () => {
  await bot.close();
  keys.close();
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
