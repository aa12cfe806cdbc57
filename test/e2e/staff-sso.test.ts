// The staff API with Teams SSO: Entra ID tokens checked against a local OpenID metadata + JWKS
// server on 127.0.0.1 (standing in for login.microsoftonline.com), signed here with jose.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { startBot, type BotUnderTest } from '../support/harness';
import { RecordingCredentials } from '../support/channel-keys';
import { loadConfig, teamsAppIdUri } from '../../src/config';
import type { Logger } from '../../src/log';

/** Records what the bot logs, to check the start-up warning (and that no name is logged). */
function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}
const logged: string[] = [];

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OTHER_TENANT = 'ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee';
const STAFF_GROUP = '99999999-8888-7777-6666-555555555555';
const ID_URI = `api://kvarterbot.example.dk/${APP_ID}`;
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const STATIC_TOKEN = 'static-staff-token-0123456789abcdef0123456789';

interface Tenant {
  metadataUrl: string;
  metadataReads: number;
  /** 'metadata' or 'keys': that document answers 503 (Entra ID down, a proxy in the way). */
  failing: 'metadata' | 'keys' | null;
  sign(claims: Record<string, unknown>, opts?: { exp?: number; otherKey?: boolean; issuer?: string; alg?: string; kid?: string }): Promise<string>;
  close(): Promise<void>;
}

async function startTenant(): Promise<Tenant> {
  const good = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(good.publicKey)), kid: 'tenant-key', use: 'sig', alg: 'RS256' };
  // The same key published without "alg" (as some providers do): only our pinning refuses PS256 with it.
  const plain = { ...(await exportJWK(good.publicKey)), kid: 'plain-key', use: 'sig' };
  const tenant = { metadataReads: 0, failing: null } as Tenant;
  const server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    res.setHeader('content-type', 'application/json');
    const isMetadata = req.url === '/v2.0/.well-known/openid-configuration';
    if ((isMetadata && tenant.failing === 'metadata') || (!isMetadata && tenant.failing === 'keys')) {
      res.statusCode = 503;
      res.end('{}');
    } else if (isMetadata) {
      tenant.metadataReads++;
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `http://127.0.0.1:${port}/discovery/v2.0/keys` }));
    } else res.end(JSON.stringify({ keys: [jwk, plain] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  tenant.metadataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.0/.well-known/openid-configuration`;
  tenant.sign = (claims, opts = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'tenant-key' })
      .setIssuer(opts.issuer ?? ISSUER)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '10m')
      .sign((opts.otherKey ? other : good).privateKey as CryptoKey);
  tenant.close = () => new Promise<void>((r) => server.close(() => r()));
  return tenant;
}

/** What Teams hands the tab for a staff member: a token for our API's access_as_user scope. */
const staffClaims = (extra: Record<string, unknown> = {}) => ({
  aud: ID_URI, tid: TENANT, oid: 'staff-oid-1', name: 'Mette Staff', scp: 'access_as_user', groups: [STAFF_GROUP], ...extra,
});

let tenant: Tenant;
let bot: BotUnderTest;

/** A bot registered in the tenant whose staff API takes SSO tokens checked against `tenant`'s keys. */
function startSsoBot(at: Tenant, log: string[], env: Record<string, string> = {}): Promise<BotUnderTest> {
  return startBot({
    env: {
      MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'local-secret', PUBLIC_URL: 'https://kvarterbot.example.dk',
      TEAMS_TENANT_ID: TENANT, STAFF_SSO_OPENID_METADATA_URL: at.metadataUrl, STAFF_API_TOKEN: STATIC_TOKEN, ...env,
    },
    app: { credentialsFactory: new RecordingCredentials(APP_ID), logger: recordingLogger(log) },
  });
}

beforeAll(async () => {
  tenant = await startTenant();
  bot = await startSsoBot(tenant, logged, { STAFF_SSO_GROUP_ID: STAFF_GROUP });
});
afterAll(async () => {
  await bot?.close();
  await tenant?.close();
});

async function registrations(token?: string) {
  const res = await fetch(`${bot.url}/api/staff/registrations`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function auditActors(): Promise<string[]> {
  const res = await fetch(`${bot.url}/api/staff/audit?limit=200`, { headers: { authorization: `Bearer ${STATIC_TOKEN}` } });
  return ((await res.json()) as { entries: { actor: string }[] }).entries.map((e) => e.actor);
}

test('the SSO audience defaults to the id URI the manifest publishes: api://<PUBLIC_URL host>/<app id>', () => {
  expect(teamsAppIdUri(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x', PUBLIC_URL: 'https://kvarterbot.example.dk/' }))).toBe(ID_URI);
  expect(teamsAppIdUri(loadConfig({}))).toBeUndefined();
});

test('no token: 401, no personal data', async () => {
  const r = await registrations();
  expect(r.status).toBe(401);
  expect(r.body).toEqual({ error: 'unauthorised' });
});

test('an expired token: 401', async () => {
  const token = await tenant.sign(staffClaims(), { exp: Math.floor(Date.now() / 1000) - 3600 });
  expect((await registrations(token)).status).toBe(401);
});

test('a token for another audience (e.g. Microsoft Graph): 401', async () => {
  expect((await registrations(await tenant.sign(staffClaims({ aud: 'https://graph.microsoft.com' })))).status).toBe(401);
  expect((await registrations(await tenant.sign(staffClaims({ aud: `api://evil.example/${APP_ID}` })))).status).toBe(401);
});

test('a token from another issuer: 401', async () => {
  const token = await tenant.sign(staffClaims(), { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` });
  expect((await registrations(token)).status).toBe(401);
});

test('a token of another tenant (issuer right, tid another): 401', async () => {
  expect((await registrations(await tenant.sign(staffClaims({ tid: OTHER_TENANT })))).status).toBe(401);
});

test('a token signed with a key the tenant does not publish: 401', async () => {
  expect((await registrations(await tenant.sign(staffClaims(), { otherKey: true }))).status).toBe(401);
});

test('a token tampered with after signing: 401', async () => {
  const [h, , s] = (await tenant.sign(staffClaims())).split('.');
  const forged = Buffer.from(JSON.stringify({ ...staffClaims(), iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
  expect((await registrations(`${h}.${forged}.${s}`)).status).toBe(401);
});

test('the algorithm is pinned to RS256: an unsigned token, an HMAC one, or PS256 with a published key that names no alg: 401', async () => {
  const unsigned = new UnsecuredJWT({ ...staffClaims(), iss: ISSUER }).setIssuedAt().setExpirationTime('10m').encode();
  expect(unsigned.split('.')).toHaveLength(3);
  expect((await registrations(unsigned)).status).toBe(401);
  const hmac = await new SignJWT(staffClaims()).setProtectedHeader({ alg: 'HS256', kid: 'tenant-key' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime('10m')
    .sign(new TextEncoder().encode('a-shared-secret-of-thirty-two-bytes!'));
  expect((await registrations(hmac)).status).toBe(401);
  expect((await registrations(await tenant.sign(staffClaims(), { alg: 'PS256', kid: 'plain-key' }))).status).toBe(401);
  // The same key with RS256 is accepted: the refusal above is the algorithm's.
  expect((await registrations(await tenant.sign(staffClaims(), { kid: 'plain-key' }))).status).toBe(200);
});

test('a token without the tab\'s scope, or of someone outside the staff group: 401', async () => {
  expect((await registrations(await tenant.sign(staffClaims({ scp: 'User.Read' })))).status).toBe(401);
  expect((await registrations(await tenant.sign(staffClaims({ groups: ['00000000-0000-0000-0000-000000000001'] })))).status).toBe(401);
  expect((await registrations(await tenant.sign(staffClaims({ groups: undefined })))).status).toBe(401);
});

test('a valid staff token: 200, and the read is audited under the staff member\'s object id (no name)', async () => {
  const r = await registrations(await tenant.sign(staffClaims()));
  expect(r.status).toBe(200);
  expect(r.body).toHaveProperty('registrations');
  const actors = await auditActors();
  expect(actors).toContain('sso:staff-oid-1');
  expect(JSON.stringify(actors)).not.toContain('Mette');
});

test('a v2.0 token whose audience is the app id is valid too; the metadata was read once', async () => {
  expect((await registrations(await tenant.sign(staffClaims({ aud: APP_ID, oid: 'staff-oid-2' }))))).toMatchObject({ status: 200 });
  expect(tenant.metadataReads).toBe(1);
});

test('the static token still works next to SSO (scripts)', async () => {
  expect((await registrations(STATIC_TOKEN)).status).toBe(200);
  expect((await registrations(STATIC_TOKEN.slice(0, -1) + 'x')).status).toBe(401);
});

test('the static token set next to Teams SSO is warned about at start; refusals are logged without names', () => {
  expect(logged.filter((l) => l.startsWith('warn STAFF_API_TOKEN is set alongside Teams SSO'))).toHaveLength(1);
  expect(logged.some((l) => /SSO token refused.*wrong_tenant/.test(l))).toBe(true);
  expect(logged.join('\n')).not.toMatch(/Mette|staff-oid/);
});

describe('when Entra ID cannot be reached, or SSO is not configured', () => {
  let down: Tenant;
  let flaky: BotUnderTest;
  let unconfigured: BotUnderTest;
  const lines: string[] = [];
  const get = async (b: BotUnderTest, token: string) =>
    (await fetch(`${b.url}/api/staff/registrations`, { headers: { authorization: `Bearer ${token}` } })).status;

  beforeAll(async () => {
    down = await startTenant();
    flaky = await startSsoBot(down, lines);
    // A tenant but no app id and no STAFF_SSO_AUDIENCE: there is no audience to check, so no SSO token is taken.
    unconfigured = await startBot({ env: { TEAMS_TENANT_ID: TENANT, STAFF_SSO_OPENID_METADATA_URL: down.metadataUrl, STAFF_API_TOKEN: STATIC_TOKEN } });
  });
  afterAll(async () => {
    await flaky?.close();
    await unconfigured?.close();
    await down?.close();
  });

  test('metadata or keys unavailable: a valid token gets 401 (never a 500 or a pass), the static token still works, and it recovers', async () => {
    const token = await down.sign(staffClaims());
    down.failing = 'metadata';
    expect(await get(flaky, token)).toBe(401);
    expect(lines.some((l) => l.startsWith('error SSO metadata unavailable'))).toBe(true);
    down.failing = 'keys';
    expect(await get(flaky, token)).toBe(401);
    expect(await get(flaky, STATIC_TOKEN)).toBe(200);
    down.failing = null;
    expect(await get(flaky, token)).toBe(200);
    expect(lines.join('\n')).not.toMatch(/Mette|staff-oid/);
  });

  test('SSO not configured (no audience): a token that would be valid is refused, and Entra ID is never asked', async () => {
    const reads = down.metadataReads;
    expect(await get(unconfigured, await down.sign(staffClaims()))).toBe(401);
    expect(await get(unconfigured, await down.sign(staffClaims({ aud: APP_ID })))).toBe(401);
    expect(down.metadataReads).toBe(reads);
    expect(await get(unconfigured, STATIC_TOKEN)).toBe(200);
  });
});
