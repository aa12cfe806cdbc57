// Closed days in the staff tab (headless Chromium, outside Teams, signed in with the static token):
// a staff member closes a day with a reason, sees it listed and is told how many registrations on
// it were cancelled; a day in the past is refused with a sentence; the day is opened again.
// The page's data comes from the real staff API (/api/staff/closed-days) on SQLite.
import { startBot, type BotUnderTest } from '../support/harness';
import { apiCaller } from '../support/api';
import { Phones, type Phone } from './chromium';
import { signInToTab, tabText as t } from './tab';

jest.setTimeout(180_000);
const TOKEN = 'closed-days-tab-token-0123456789abcdef0123456';
const ACTIVITY = 'makerspace-parent-child';
const DAY = '2030-06-12';

let bot: BotUnderTest;
const staff = apiCaller(() => bot.url, TOKEN);
const phones = new Phones();

beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: TOKEN } });
  // One registration on the day that will be closed.
  const sessionId = (await staff('POST', `/api/staff/activities/${ACTIVITY}/sessions`, { startsAt: `${DAY}T15:00:00.000Z`, capacity: 5, place: 'Værkstedet' })).body.id;
  const resident = await bot.app.db.resident.create({ data: { channelId: 'webchat', channelUserId: 'closed-day-1', language: 'da' } });
  await bot.app.db.registration.create({
    data: { referenceCode: 'SHUT22', residentId: resident.id, activityId: ACTIVITY, sessionId, participant: 'self', participantName: 'Mette Hansen', status: 'confirmed' },
  });
});
afterAll(async () => {
  await phones.closeAll();
  await bot?.close();
});

async function openClosedDays(): Promise<Phone> {
  const p = await phones.open(bot.url, 'da-DK');
  await p.page.goto(`${bot.url}/tab`);
  await signInToTab(p, TOKEN);
  await p.page.getByRole('navigation').getByRole('button', { name: t('nav.closedDays') }).click();
  await p.page.getByRole('heading', { name: t('closedDays.heading') }).waitFor();
  return p;
}

test('a staff member closes a day in the tab, sees it listed with its reason and how many were cancelled, and opens it again', async () => {
  const p = await openClosedDays();
  const { page } = p;
  await page.getByText(t('closedDays.none')).waitFor();

  // A day that has passed is refused with a sentence, and nothing is closed.
  await page.getByLabel(t('closedDays.day'), { exact: true }).fill('2020-01-06');
  await page.getByLabel(t('closedDays.reason')).fill('Personaledag');
  await page.getByRole('button', { name: t('closedDays.close'), exact: true }).click();
  await page.getByRole('status').getByText(t('error.past')).waitFor();
  expect((await staff('GET', '/api/staff/closed-days')).body.closedDays).toEqual([]);

  await page.getByLabel(t('closedDays.day'), { exact: true }).fill(DAY);
  await page.getByLabel(t('closedDays.reason')).fill('Personaledag');
  await page.getByRole('button', { name: t('closedDays.close'), exact: true }).click();
  await page.getByRole('status').getByText(t('closedDays.closed', { count: 1 })).waitFor();
  const listed = page.locator(`li.closed-day[data-day="${DAY}"]`);
  await expect(listed.textContent()).resolves.toContain('Personaledag');
  await expect(listed.textContent()).resolves.toContain('12. juni 2030');
  await p.screenshot('tab-closed-days-light');
  expect(await p.accessibilityViolations()).toEqual([]);
  // The API holds what the page shows; the registration on that day is cancelled.
  expect((await staff('GET', '/api/staff/closed-days')).body.closedDays).toEqual([expect.objectContaining({ day: DAY, reason: 'Personaledag', setBy: 'token' })]);
  expect((await bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: 'SHUT22' } })).status).toBe('cancelled');

  await listed.getByRole('button', { name: t('closedDays.reopen') }).click();
  await page.getByRole('status').getByText(t('closedDays.reopened')).waitFor();
  await page.getByText(t('closedDays.none')).waitFor();
  expect((await staff('GET', '/api/staff/closed-days')).body.closedDays).toEqual([]);
  expect(p.problems.filter((x) => !/400/.test(x))).toEqual([]);
  expect(p.foreignRequests).toEqual([]);

  const actions = (await staff('GET', '/api/staff/audit?limit=50')).body.entries.map((e: any) => `${e.action} ${e.recordId ?? ''}`.trim());
  expect(actions).toEqual(expect.arrayContaining([`closedDay.add ${DAY}`, `closedDay.remove ${DAY}`, 'closedDays.read']));
});

test('dark theme: the closed days view is readable and passes axe', async () => {
  await staff('POST', '/api/staff/closed-days', { day: DAY, until: '2030-06-13', reason: 'Sommerfest' });
  const p = await phones.open(bot.url, 'da-DK');
  await p.page.goto(`${bot.url}/tab?theme=dark`);
  await signInToTab(p, TOKEN);
  await p.page.getByRole('navigation').getByRole('button', { name: t('nav.closedDays') }).click();
  await p.page.locator('li.closed-day[data-day="2030-06-13"]').waitFor();
  expect(await p.page.locator('li.closed-day').count()).toBe(2);
  await p.screenshot('tab-closed-days-dark');
  expect(await p.accessibilityViolations()).toEqual([]);
  expect(p.problems).toEqual([]);
});
