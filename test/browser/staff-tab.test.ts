// The staff tab at /tab in headless Chromium, outside Teams (as a staff member opens it in a
// browser): teams-js finds no Teams host and the page says so; sign-in with the static token;
// a session's registrations, attendance, cancel with a reason, CSV download; a catalogue text
// edited in the tab is what the bot says next over /api/messages. Screenshots (light and dark)
// go to test/artifacts/.
import fs from 'node:fs';
import { startBot, texts, type BotUnderTest } from '../support/harness';
import { Phones, type Phone } from './chromium';
import { signInToTab, tabText as t } from './tab';

jest.setTimeout(180_000);
const TOKEN = 'browser-tab-staff-token-0123456789abcdef012345';
const ACTIVITY = 'makerspace-parent-child';
const MARKUP_NAME = '<img src="x" onerror="document.title=\'xss\'">Lone <b>Berg</b>';

let bot: BotUnderTest;
let sessionId: string;
const phones = new Phones();

async function staff(method: string, path: string, body?: unknown) {
  const res = await fetch(`${bot.url}${path}`, {
    method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as any;
}

beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: TOKEN, NOTICE_RETRY_SECONDS: '1' } });
  sessionId = (await staff('POST', `/api/staff/activities/${ACTIVITY}/sessions`, { startsAt: '2030-03-05T15:00:00.000Z', capacity: 2, place: 'Værkstedet' })).id;
  let n = 0;
  // The last one typed markup as their name: the tab must show it as text.
  for (const [name, status, lang] of [['Mette Hansen', 'confirmed', 'da'], ['Ali Hassan', 'confirmed', 'ar'], ['Sara Nielsen', 'waitlisted', 'da'], [MARKUP_NAME, 'cancelled', 'da']]) {
    const resident = await bot.app.db.resident.create({ data: { channelId: 'webchat', channelUserId: `tab-${n}`, language: lang } });
    await bot.app.db.registration.create({
      data: {
        referenceCode: `TAB${222 + n++}`, residentId: resident.id, activityId: ACTIVITY, sessionId, participant: 'self', participantName: name,
        participantBirthYear: 1988, participantPhone: `2${n}345678`, status, waitlistedAt: status === 'waitlisted' ? new Date() : null,
      },
    });
  }
});
afterAll(async () => {
  await phones.closeAll();
  await bot?.close();
});

async function open(query = ''): Promise<Phone> {
  const p = await phones.open(bot.url, 'da-DK');
  await p.page.goto(`${bot.url}/tab${query}`);
  return p;
}

function expectClean(p: Phone): void {
  expect(p.problems).toEqual([]);
  expect(p.foreignRequests).toEqual([]);
}

const signIn = (p: Phone) => signInToTab(p, TOKEN);

/** The roster card of one registration (by its code). */
const card = (p: Phone, code: string) => p.page.locator(`li[data-reference="${code}"]`);

test('outside Teams: teams-js fails cleanly, the page says so and shows no personal data until a valid token is given', async () => {
  const p = await open();
  await p.page.getByText(t('teams.outside')).waitFor();
  expect(await p.page.evaluate(() => document.documentElement.dataset.host)).toBe('browser');
  await p.screenshot('tab-0-signin');
  expect(await p.accessibilityViolations()).toEqual([]);
  await p.page.getByLabel(t('signin.token')).fill('not-the-token-not-the-token-not-the-token');
  await p.page.getByRole('button', { name: t('signin.submit') }).click();
  await p.page.getByText(t('signin.wrong')).waitFor();
  expect(await p.page.content()).not.toMatch(/Mette|Hassan|Nielsen/);
  // The page sends its credential only to its own origin, and the bot frames it only in Teams.
  const res = await fetch(`${bot.url}/tab`);
  expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
  expect(res.headers.get('x-frame-options')).toBeNull();
  expect(p.problems.filter((x) => !/401/.test(x))).toEqual([]);
  expect(p.foreignRequests).toEqual([]);
});

test('sign in with the token → a session\'s registrations → search → attendance → cancel with a reason → CSV', async () => {
  const p = await open();
  await signIn(p);
  const { page } = p;
  const session = page.locator(`li.session[data-session="${sessionId}"]`);
  await expect(session.textContent()).resolves.toContain(t('activities.waitlist', { count: 1 }));
  await expect(session.textContent()).resolves.toContain(t('activities.seats', { taken: 2, capacity: 2, left: 0 }));
  await p.screenshot('tab-1-activities');
  await session.getByRole('button', { name: t('activities.open') }).click();
  await card(p, 'TAB222').waitFor();
  await expect(card(p, 'TAB224').textContent()).resolves.toContain(t('roster.waitlistPosition', { position: 1 }));
  // A name with markup in it is text on the page, never elements.
  await expect(card(p, 'TAB225').locator('h3').textContent()).resolves.toBe(MARKUP_NAME);
  expect(await page.locator('li[data-reference] img, li[data-reference] b').count()).toBe(0);
  expect(await p.accessibilityViolations()).toEqual([]);

  await page.getByLabel(t('roster.search')).fill('ali');
  await page.getByLabel(t('roster.search')).press('Enter');
  await card(p, 'TAB222').waitFor({ state: 'detached' });
  expect(await page.locator('li[data-reference]').count()).toBe(1);
  await page.getByLabel(t('roster.search')).fill('');
  await page.getByLabel(t('roster.search')).press('Enter');
  await card(p, 'TAB222').waitFor();

  await card(p, 'TAB222').getByRole('button', { name: t('roster.markAttended'), exact: true }).click();
  await card(p, 'TAB222').getByText(t('roster.attended'), { exact: true }).first().waitFor();
  await page.getByRole('status').getByText(t('roster.saved')).waitFor();
  await p.screenshot('tab-2-roster-light');

  await card(p, 'TAB223').getByRole('button', { name: t('roster.cancel') }).click();
  await card(p, 'TAB223').getByLabel(t('roster.cancelReason')).selectOption('session_cancelled');
  await card(p, 'TAB223').getByRole('button', { name: t('roster.cancelConfirm') }).click();
  await page.getByRole('status').getByText(t('roster.cancelled')).waitFor();
  await expect(card(p, 'TAB223').textContent()).resolves.toContain(t('reason.session_cancelled'));
  // The seat went to the first on the waitlist.
  await expect(card(p, 'TAB224').textContent()).resolves.toContain(t('status.confirmed'));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('roster.csv') }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv).toMatch(/^\uFEFFreference,status/);
  expect(csv).toContain('TAB222');
  expect(csv).toContain('Mette Hansen');
  expectClean(p);

  // Every one of these actions is in the audit trail, under the static token's id.
  const actions = (await staff('GET', '/api/staff/audit?limit=200')).entries.map((e: any) => `${e.action} ${e.recordId ?? ''}`.trim());
  expect(actions).toEqual(expect.arrayContaining([
    `registrations.read ${sessionId}`, `registrations.search ${sessionId}`, 'registration.attended TAB222',
    'registration.cancel.session_cancelled TAB223', `registrations.export ${ACTIVITY}`,
  ]));
});

test('dark theme: the roster is readable and passes axe', async () => {
  const p = await open('?theme=dark');
  await signIn(p);
  expect(await p.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await p.page.locator(`li.session[data-session="${sessionId}"]`).getByRole('button', { name: t('activities.open') }).click();
  await card(p, 'TAB222').waitFor();
  await p.screenshot('tab-3-roster-dark');
  expect(await p.accessibilityViolations()).toEqual([]);
  expectClean(p);
});

test('a catalogue text edited in the tab is what the bot says next', async () => {
  const p = await open();
  await signIn(p);
  const { page } = p;
  await page.getByRole('button', { name: t('nav.catalogue') }).click();
  const before = ((await (await fetch(`${bot.url}/api/activities?lang=da`)).json()) as any).activities.find((a: any) => a.id === ACTIVITY).title;
  await page.getByLabel(t('catalogue.activity')).selectOption(ACTIVITY);
  await page.locator('#text-heading').filter({ hasText: before }).waitFor();
  const title = page.getByLabel(t('catalogue.titleField'));
  await expect(title.inputValue()).resolves.toBe(before);
  await title.fill('Værkstedet for familier');
  await page.getByRole('button', { name: t('catalogue.saveText') }).click();
  await page.getByRole('status').getByText(t('roster.saved')).waitFor();
  await p.screenshot('tab-4-catalogue');
  expect(await p.accessibilityViolations()).toEqual([]);
  expectClean(p);

  const chat = bot.chat({ locale: 'da-DK' });
  expect(texts(await chat.say('hvilke aktiviteter er der?'))).toContain('Værkstedet for familier');
  expect((await staff('GET', '/api/staff/audit?limit=50')).entries.map((e: any) => e.action)).toContain('catalogue.text.da');
});

test('the bot\'s knowledge: a fact set in the tab; one resident found by code, exported and erased', async () => {
  const p = await open();
  await signIn(p);
  const { page } = p;
  await page.getByRole('button', { name: t('nav.knowledge') }).click();
  await page.getByRole('heading', { name: t('knowledge.unanswered') }).waitFor();
  const address = page.locator('#value-address');
  await address.fill('Charlottegården 1, 2630 Taastrup');
  await address.locator('xpath=ancestor::form').getByRole('button', { name: t('knowledge.save') }).click();
  await page.getByRole('status').getByText(t('roster.saved')).waitFor();
  const entries = (await staff('GET', '/api/staff/knowledge')).entries as { key: string; value: string | null }[];
  expect(entries.find((e) => e.key === 'address')?.value).toBe('Charlottegården 1, 2630 Taastrup');
  expect(await p.accessibilityViolations()).toEqual([]);

  await page.getByRole('button', { name: t('nav.privacy') }).click();
  await page.getByLabel(t('privacy.reference')).fill('tab222');
  await page.getByRole('button', { name: t('privacy.find') }).click();
  await page.getByText(t('privacy.found')).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('privacy.export') }).click()]);
  expect(fs.readFileSync((await download.path())!, 'utf8')).toContain('Mette Hansen');
  // Asked on the page (Teams' desktop client shows no browser dialogs): "no" keeps the data, "yes" erases it.
  page.on('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: t('privacy.erase') }).click();
  await page.getByRole('button', { name: t('privacy.eraseNo') }).click();
  await page.getByRole('button', { name: t('privacy.erase') }).click();
  await page.getByText(t('privacy.eraseConfirm')).waitFor();
  await p.screenshot('tab-6-privacy-confirm');
  expect(await p.accessibilityViolations()).toEqual([]);
  expect(await bot.app.db.registration.count({ where: { referenceCode: 'TAB222', participantName: 'Mette Hansen' } })).toBe(1);
  await page.getByRole('button', { name: t('privacy.eraseYes') }).click();
  await page.getByText(t('privacy.erased')).waitFor();
  await p.screenshot('tab-6-privacy');
  expect(await bot.app.db.registration.count({ where: { referenceCode: 'TAB222', participantName: 'Mette Hansen' } })).toBe(0);
  expectClean(p);
  const actions = (await staff('GET', '/api/staff/audit?limit=100')).entries.map((e: any) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['knowledge.edit', 'resident.lookup', 'resident.export', 'resident.erase']));
});
