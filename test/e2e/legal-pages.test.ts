// /privacy and /terms, which the Teams app's details link to: served by the bot in the reader's
// language, right-to-left in Arabic, with every number isolated and a style the page's CSP allows.
import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n';
import { buildAppPackage } from '../../scripts/manifest-build';
import { startBot, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
const i18n = createI18n({ fallback: 'da' });
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${bot.url}${path}`, { headers });
  return { res, html: await res.text() };
}

test('the Teams manifest links to pages the bot serves', async () => {
  const { manifest } = buildAppPackage(loadConfig({ MICROSOFT_APP_ID: '0f6b5c1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b', MICROSOFT_APP_PASSWORD: 's', PUBLIC_URL: 'https://kvarterbot.example.dk' }));
  for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
    const { res, html } = await page(new URL(url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/<h1>/);
  }
});

test.each([
  ['/privacy', 'privacy'],
  ['/terms', 'terms'],
] as const)('%s in each language: the language asked for, else the browser\'s, else Danish', async (path, key) => {
  const ar = await page(`${path}?lang=ar`);
  expect(ar.html).toContain('<html lang="ar" dir="rtl">');
  expect(ar.html).toContain(`<h1>${i18n.t('ar', `legal:${key}.title`)}</h1>`);
  const en = await page(path, { 'accept-language': 'en-GB,en;q=0.8' });
  expect(en.html).toContain('<html lang="en" dir="ltr">');
  expect(en.html).toContain(i18n.t('en', `legal:${key}.title`));
  const da = await page(path, { 'accept-language': 'fr-FR' });
  expect(da.html).toContain('<html lang="da" dir="ltr">');
  // Links to the other languages and back to the chat in this one.
  expect(da.html).toContain('<a href="?lang=ar" hreflang="ar" lang="ar" dir="rtl">العربية</a>');
  expect(da.html).toContain('<a href="/?lang=da">');
});

test('Arabic: numbers and Latin names are isolated, so "70 201 201" cannot turn into "201 201 70"', async () => {
  const { html } = await page('/terms?lang=ar');
  // (with no-break spaces, so a phone number is never split over two lines)
  expect(html).toContain('\u206870\u00a0201\u00a0201\u2069');
  expect(html).toContain('\u2068116\u00a0111\u2069');
  expect(html).toContain('\u2068112\u2069');
});

test('the page\'s only style is the one its Content-Security-Policy allows, and text is escaped', async () => {
  const { res, html } = await page('/privacy');
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  expect(csp).toContain("default-src 'none'");
  expect(html).not.toMatch(/<script/);
  // A quotation mark in the Danish text ("medarbejder") arrives escaped.
  expect(html).toContain('&#34;medarbejder&#34;');
});
