// Editing a session's seats in the staff tab (headless Chromium, outside Teams): fewer seats than
// are taken is refused with a sentence naming how many are signed up; more seats move the first on
// the waitlist up, and the page says how many moved up and were told.
import { startBot, type BotUnderTest } from '../support/harness';
import { apiCaller } from '../support/api';
import { Phones } from './chromium';
import { signInToTab, tabText as t } from './tab';

jest.setTimeout(180_000);
const TOKEN = 'session-edit-tab-token-0123456789abcdef01234567';
const ACTIVITY = 'makerspace-parent-child';

let bot: BotUnderTest;
let sessionId: string;
const staff = apiCaller(() => bot.url, TOKEN);
const phones = new Phones();

beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: TOKEN } });
  sessionId = (await staff('POST', `/api/staff/activities/${ACTIVITY}/sessions`, { startsAt: '2030-03-05T15:00:00.000Z', capacity: 1, place: 'Værkstedet' })).body.id;
  for (const [code, status] of [['EDIT22', 'confirmed'], ['EDIT33', 'waitlisted']]) {
    const resident = await bot.app.db.resident.create({ data: { channelId: 'webchat', channelUserId: `edit-${code}`, language: 'da' } });
    await bot.app.db.registration.create({
      data: { referenceCode: code, residentId: resident.id, activityId: ACTIVITY, sessionId, participant: 'self', participantName: `Person ${code}`, status, waitlistedAt: status === 'waitlisted' ? new Date() : null },
    });
  }
});
afterAll(async () => {
  await phones.closeAll();
  await bot?.close();
});

test('fewer seats than taken is refused with a sentence; one more seat moves the waitlist up and says so', async () => {
  const p = await phones.open(bot.url, 'da-DK');
  const { page } = p;
  await page.goto(`${bot.url}/tab`);
  await signInToTab(p, TOKEN);
  await page.getByRole('navigation').getByRole('button', { name: t('nav.catalogue') }).click();
  await page.getByLabel(t('catalogue.activity')).selectOption(ACTIVITY);
  const capacity = page.locator(`#capacity-${sessionId}`);
  const form = page.locator('form.session-form', { has: capacity });

  await capacity.fill('0');
  await form.getByRole('button', { name: t('catalogue.saveSession') }).click();
  await page.getByRole('status').getByText(t('error.below_taken', { taken: 1 })).waitFor();
  expect((await bot.app.db.session.findUniqueOrThrow({ where: { id: sessionId } })).capacity).toBe(1);

  await capacity.fill('2');
  await form.getByRole('button', { name: t('catalogue.saveSession') }).click();
  await page.getByRole('status').getByText(t('catalogue.sessionSaved', { promoted: 1, told: 0 })).waitFor();
  expect((await bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: 'EDIT33' } })).status).toBe('confirmed');
  await p.screenshot('tab-session-edit');
  expect(p.problems.filter((x) => !/409/.test(x))).toEqual([]);
  expect(p.foreignRequests).toEqual([]);
});
