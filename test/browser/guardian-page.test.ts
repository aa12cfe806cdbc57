// The parent's page at /guardian/<token> in headless Chromium on a phone (issue 14): the language
// the browser asks for (Arabic, right to left), a language switch, what the child signed up for and
// what is stored, yes and no as plain form posts (the page has no script at all), a used link, a
// wrong link, and the child told in the chat at once. Screenshots go to test/artifacts/.
import type { Chat } from '../support/harness';
import { phonesOnOneBot, t } from './chromium';
import { childSignsUpAlone } from '../support/guardian';

jest.setTimeout(120_000);
const site = phonesOnOneBot();

/** Polls the child's conversation (no sleeps) until the bot has told them something matching. */
async function toldChild(child: Chat, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = child.replies().map((r) => r.text as string).find((x) => pattern.test(x));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the child was not told ${pattern}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('Arabic parent: the page opens in Arabic, right to left, with no script; switch to Danish and back; yes; the child is told; the link is then spent', async () => {
  const child = site.bot.chat();
  const { path, reference } = await childSignsUpAlone(child, 'Adam Jensen');
  const p = await site.phone('ar-SA');
  const { page } = p;
  const res = await page.goto(`${site.bot.url}${path}`);
  expect(res!.status()).toBe(200);
  const headers = res!.headers();
  expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(headers['content-security-policy']).toMatch(/form-action 'self'/);
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(headers['content-security-policy']).not.toMatch(/script-src/);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cache-control']).toBe('no-store');

  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  expect(await page.locator('script').count()).toBe(0);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('ar', 'guardian:page.title'));
  await page.getByText(t('ar', 'guardian:details.child', { name: 'Adam Jensen' })).waitFor();
  await page.getByText(t('ar', 'guardian:details.parent', { name: 'Maria Jensen', phone: '+4541424344' })).waitFor();
  await page.getByText(t('ar', 'guardian:details.stored')).waitFor();
  // Readable on a phone: nothing wider than the screen, buttons big enough to tap.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const yes = page.getByRole('button', { name: t('ar', 'guardian:page.yes') });
  expect((await yes.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await p.accessibilityViolations()).toEqual([]);
  await p.screenshot('guardian-ar-question');

  await page.getByRole('link', { name: 'Dansk' }).click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  await page.getByRole('button', { name: t('da', 'guardian:page.yes') }).waitFor();
  await page.getByRole('link', { name: 'العربية' }).click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');

  await page.getByRole('button', { name: t('ar', 'guardian:page.yes') }).click();
  await page.getByText(t('ar', 'guardian:page.doneYes')).waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await p.screenshot('guardian-ar-done');
  expect(p.problems).toEqual([]);
  expect(p.foreignRequests).toEqual([]);

  expect((await site.bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: reference } })).status).toBe('confirmed');
  expect(await toldChild(child, /Din forælder har sagt ja/)).toContain(reference);

  // The link is single use.
  const again = await page.goto(`${site.bot.url}${path}`);
  expect(again!.status()).toBe(410);
  await page.getByText(t('ar', 'guardian:page.answered')).waitFor();
  expect(await page.getByRole('button').count()).toBe(0);
});

test('English parent: no; the sign-up is cancelled and the child told kindly; a wrong link shows nothing of anyone', async () => {
  const child = site.bot.chat();
  const { path, reference } = await childSignsUpAlone(child, 'Noah Berg');
  const p = await site.phone('en-GB');
  const { page } = p;
  await page.goto(`${site.bot.url}${path}`);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.getByText(t('en', 'guardian:details.child', { name: 'Noah Berg' })).waitFor();
  await page.getByRole('button', { name: t('en', 'guardian:page.no'), exact: true }).click();
  await page.getByText(t('en', 'guardian:page.doneNo')).waitFor();
  await p.screenshot('guardian-en-no');

  expect((await site.bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: reference } })).status).toBe('cancelled');
  expect(await toldChild(child, /Din forælder har sagt nej/)).toMatch(/Det er helt i orden/);

  const wrong = await page.goto(`${site.bot.url}/guardian/${'A'.repeat(43)}`);
  expect(wrong!.status()).toBe(404);
  await page.getByText(t('en', 'guardian:page.notFound')).waitFor();
  expect(await page.content()).not.toMatch(/Noah|Maria|\+45/);
});
