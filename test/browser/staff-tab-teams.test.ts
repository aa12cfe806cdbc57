// The staff tab inside a Teams host, as far as one can run here: a host page on the bot's origin
// frames /tab and answers teams-js's messages (initialize, getContext, authentication.getAuthToken)
// the way Teams does, with a token signed by a local Entra ID stand-in (OpenID metadata + JWKS on
// 127.0.0.1). The tab must take Teams' theme and language and reach the staff API with that token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startBot, type BotUnderTest } from '../support/harness';
import { RecordingCredentials } from '../support/channel-keys';
import { Phone } from './chromium';
import { createI18n } from '../../src/i18n';

jest.setTimeout(120_000);
const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const i18n = createI18n({ fallback: 'da' });

let bot: BotUnderTest;
let keys: http.Server;
let sign: (claims: Record<string, unknown>) => Promise<string>;
let phone: Phone | undefined;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' };
  keys = http.createServer((req, res) => {
    const port = (keys.address() as AddressInfo).port;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/openid' ? { issuer: ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys` } : { keys: [jwk] }));
  });
  await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
  sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime('10m').sign(pair.privateKey as CryptoKey);
  bot = await startBot({
    env: {
      MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'local-secret', PUBLIC_URL: 'https://kvarterbot.example.dk', TEAMS_TENANT_ID: TENANT,
      STAFF_SSO_OPENID_METADATA_URL: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/openid`,
    },
    app: { credentialsFactory: new RecordingCredentials(APP_ID) },
  });
});
afterAll(async () => {
  await phone?.close();
  await bot?.close();
  await new Promise<void>((r) => keys.close(() => r()));
});

/** A stand-in for the Teams client around the tab: answers teams-js's postMessage calls. */
function hostPage(token: string, theme: string, locale: string): string {
  const context = { locale, theme, tid: TENANT, userObjectId: 'staff-oid-9', frameContext: 'content', hostClientType: 'web', appSessionId: 'session-1' };
  return `<!doctype html><html><head><title>Teams</title></head><body>
<iframe id="tab" src="/tab" style="width:390px;height:800px;border:0" title="Kvarterbot"></iframe>
<script>
window.calls = [];
const answers = {
  initialize: () => ['content', 'web', undefined, '2.0.0'],
  getContext: () => [${JSON.stringify(context)}],
  'authentication.getAuthToken': () => [true, ${JSON.stringify(token)}],
};
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m.func !== 'string') return;
  window.calls.push(m.func);
  const answer = answers[m.func];
  if (answer) e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args: answer() }, e.origin);
});
</script></body></html>`;
}

test('in Teams: the tab takes Teams\' theme and language and reads the staff API with the SSO token', async () => {
  const token = await sign({ aud: `api://kvarterbot.example.dk/${APP_ID}`, tid: TENANT, oid: 'staff-oid-9', scp: 'access_as_user', name: 'Staff Member' });
  phone = await Phone.open(bot.url, 'da-DK');
  const { page } = phone;
  await page.route(`${bot.url}/teams-host`, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(token, 'dark', 'en-us') }));
  await page.goto(`${bot.url}/teams-host`);
  const tab = page.frameLocator('#tab');
  await tab.getByRole('heading', { name: i18n.t('en', 'tab:activities.heading') }).waitFor();
  const frame = page.frames().find((f) => f.url().endsWith('/tab'))!;
  expect(await frame.evaluate(() => ({ host: document.documentElement.dataset.host, theme: document.documentElement.dataset.theme, lang: document.documentElement.lang })))
    .toEqual({ host: 'teams', theme: 'dark', lang: 'en' });
  // No static-token sign-in inside Teams.
  expect(await tab.getByText(i18n.t('en', 'tab:signin.signOut')).count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
  await phone.screenshot('tab-5-in-teams-dark');

  // The staff API saw the SSO identity: the handoffs view is read under the staff member's object id.
  await tab.getByRole('button', { name: i18n.t('en', 'tab:nav.handoffs') }).click();
  await tab.getByRole('heading', { name: i18n.t('en', 'tab:handoffs.heading') }).waitFor();
  const audit = await bot.app.db.auditEntry.findMany({ where: { action: 'handoffs.read' } });
  expect(audit.map((a) => a.actor)).toEqual(['sso:staff-oid-9']);
  expect(phone.problems).toEqual([]);
  expect(phone.foreignRequests).toEqual([]);
});
