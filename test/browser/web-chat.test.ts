// The chat page at `/` in headless Chromium, as a parent on a phone uses it: Microsoft's Web Chat
// against the bot's own Direct Line, the language switch, sign-up with buttons and typing, a
// reload in the middle, keyboard-only use, and a second phone that must not see the first's chat.
// Screenshots go to test/artifacts/.
import net from 'node:net';
import { startBot, type BotUnderTest } from '../support/harness';
import { RecordingCredentials, startChannelKeys, type ChannelKeys } from '../support/channel-keys';
import { lastLine, Phone, phonesOnOneBot, t } from './chromium';

jest.setTimeout(120_000);
const site = phonesOnOneBot();

/** Nothing went wrong that a resident would not see: no script errors, nothing fetched from elsewhere. */
function expectClean(p: Phone): void {
  expect(p.problems).toEqual([]);
  expect(p.foreignRequests).toEqual([]);
}

/** Waits for the bot's "your reference code: …" line (as the locale words it) and returns the code. */
async function referenceCode(p: Phone, lang: string): Promise<string> {
  const [before, after] = t(lang, 'signup:done.code', { code: '\u0000' }).replace(/[\u2068\u2069]/g, '').split('\u0000');
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`${escape(before)}\u2068?([A-Z2-9]{6})\u2069?${escape(after)}`);
  for (let i = 0; i < 400; i++) {
    const code = p.fromBot().map((a) => pattern.exec(a.text ?? '')?.[1]).find(Boolean);
    if (code) {
      await p.botBubble(code).waitFor();
      return code;
    }
    await p.page.waitForTimeout(50);
  }
  throw new Error('no reference code from the bot');
}

test('Arabic: switch the page to Arabic, sign up for the parents\' network with buttons and typing, reload in the middle, and finish', async () => {
  const p = await site.phone('da-DK');
  const { page } = p;
  await page.goto(`${site.bot.url}/`);
  await p.asked('menu');
  expect(p.fromBot()[0].locale).toBe('da');
  await p.screenshot('ar-0-danish-start');

  await page.getByRole('button', { name: 'العربية', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('ar', 'web:header.programme'));
  await expect(page.getByRole('button', { name: 'العربية', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');
  await p.botBubble(t('ar', 'common:language.changed', { language: 'العربية' }).slice(0, 10)).waitFor();
  await p.asked('menu');
  expect(p.fromBot().at(-1)!.locale).toBe('ar');
  await p.screenshot('ar-1-switched');
  expect(await p.accessibilityViolations()).toEqual([]);

  await p.type(t('ar', 'web:webChat.inputLabel'), 'سجلني في شبكة الأهالي');
  await p.asked('consent');
  await p.screenshot('ar-2-consent');
  await p.tap(t('ar', 'common:answers.yes'));
  await p.asked('name');
  await p.type(t('ar', 'web:webChat.inputLabel'), 'فاطمة علي');
  await p.asked('phone');

  // A reload (or the phone dropping the page) keeps the conversation: same history, same question.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await p.userBubble('فاطمة علي').waitFor();
  await p.botBubble(t('ar', 'signup:ask.phone').split('؟')[0]).waitFor();
  await p.screenshot('ar-3-after-reload');

  await p.type(t('ar', 'web:webChat.inputLabel'), '12 34 56 78');
  const summary = await p.asked('confirm');
  expect(summary.text).toContain('فاطمة علي');
  expect(summary.text).toContain('+4512345678');
  await p.screenshot('ar-4-summary');
  await p.tap(t('ar', 'common:answers.yes'));
  const code = await referenceCode(p, 'ar');
  await p.screenshot('ar-5-done');

  const stored = await site.bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: code }, include: { resident: true } });
  expect(stored).toMatchObject({ activityId: 'parent-network', status: 'confirmed', participantName: 'فاطمة علي', participantPhone: '+4512345678' });
  expect(stored.resident).toMatchObject({ channelId: 'directline', language: 'ar', languageSource: 'explicit' });
  expectClean(p);
});

test('Danish: sign up with the buttons, and a second phone cannot read the first one\'s conversation', async () => {
  const p = await site.phone('da-DK');
  await p.page.goto(`${site.bot.url}/`);
  await p.asked('menu');
  expect(await p.page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  expect(await p.accessibilityViolations()).toEqual([]);
  await p.tap(t('da', 'common:menu.signup'));
  await p.asked('category');
  await p.tap(t('da', 'signup:category.parent_network'));
  await p.asked('consent');
  await p.tap(t('da', 'common:answers.yes'));
  await p.asked('name');
  await p.type(t('da', 'web:webChat.inputLabel'), 'Mette Hansen');
  await p.asked('phone');
  await p.type(t('da', 'web:webChat.inputLabel'), '12 34 56 78');
  await p.asked('confirm');
  await p.screenshot('da-1-summary');
  await p.tap(t('da', 'common:answers.yes'));
  const code = await referenceCode(p, 'da');
  await p.screenshot('da-2-done');
  expect(await site.bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: code } })).toMatchObject({ participantName: 'Mette Hansen', status: 'confirmed' });
  expectClean(p);

  // Another resident on another phone: a conversation of their own, and no way into hers.
  const hers = await p.page.evaluate(() => JSON.parse(sessionStorage.getItem('kvarterbot.session')!));
  const other = await site.phone('da-DK');
  await other.page.goto(`${site.bot.url}/`);
  await other.asked('menu');
  const mine = await other.page.evaluate(() => JSON.parse(sessionStorage.getItem('kvarterbot.session')!));
  expect(mine.conversationId).not.toBe(hers.conversationId);
  expect(await other.page.locator('.webchat__bubble').allTextContents()).not.toContainEqual(expect.stringContaining('Mette Hansen'));
  const attempts = await other.page.evaluate(async ({ conversationId, token }) => {
    const read = (auth?: string) =>
      fetch(`/v3/directline/conversations/${conversationId}/activities`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} }).then((r) => r.status);
    const resume = await fetch(`/v3/directline/conversations/${conversationId}?watermark=`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    return { withMyToken: await read(token), withoutToken: await read(), resume };
  }, { conversationId: hers.conversationId, token: mine.token });
  expect(attempts).toEqual({ withMyToken: 403, withoutToken: 401, resume: 403 });
  await other.screenshot('da-3-second-phone');
  other.problems.splice(0); // the browser logs the refusals above as failed loads: they were the point

  // This resident writes in Arabic on the Danish page: the bot answers in Arabic and the page follows.
  await other.type(t('da', 'web:webChat.inputLabel'), 'مرحبا');
  await other.page.waitForFunction(() => document.documentElement.dir === 'rtl');
  expect(await other.page.getByRole('heading', { level: 1 }).textContent()).toBe(t('ar', 'web:header.programme'));
  expectClean(other);
});

test('keyboard only, in English: language, privacy note, typing and a suggested action, all without a pointer', async () => {
  const p = await site.phone('en-GB');
  const { page } = p;
  await page.goto(`${site.bot.url}/`);
  await p.asked('menu');
  expect(p.fromBot()[0].locale).toBe('en');

  /** Presses Tab (or Shift+Tab) until `focused` holds for the focused element. */
  const tabTo = async (focused: string, back = false) => {
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate(focused)) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`could not reach ${focused} with the keyboard`);
  };

  await tabTo("document.activeElement.getAttribute('data-lang') === 'en'");
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'English', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');

  await tabTo("document.activeElement.id === 'privacy-open'");
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: t('en', 'web:privacy.title') });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain('How we look after your information');
  // The whole privacy page and the terms, in the page's language.
  expect(await dialog.getByRole('link', { name: t('en', 'web:privacy.more') }).getAttribute('href')).toBe('/privacy?lang=en');
  expect(await dialog.getByRole('link', { name: t('en', 'web:privacy.terms') }).getAttribute('href')).toBe('/terms?lang=en');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('en', 'web:privacy.close'));
  await p.screenshot('en-1-privacy');
  expect(await p.accessibilityViolations()).toEqual([]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('privacy-open');

  await tabTo(`document.activeElement.getAttribute('aria-label') === ${JSON.stringify(t('en', 'web:webChat.inputLabel'))}`);
  await page.keyboard.type('what activities are there?');
  await page.keyboard.press('Enter');
  const list = await p.asked('activity');
  const first = list.suggestedActions!.actions[0];
  await tabTo(`document.activeElement.textContent === ${JSON.stringify(first.title)}`, true);
  await page.keyboard.press('Enter');
  await p.asked('next');
  expect(p.received.some((a) => a.from.role === 'user' && (a as { value?: unknown }).value === first.value)).toBe(true);
  await p.screenshot('en-2-keyboard');
  expectClean(p);
});

test('after the bot restarts, the open page says the chat was closed and starts a new one with a tap', async () => {
  // A fixed port, so the restarted bot is at the same address as the page.
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const own = await startBot({ env: { PORT: String(port) } });
  let p: Phone | undefined;
  try {
    p = await Phone.open(own.url, 'da-DK');
    await p.page.goto(`${own.url}/`);
    await p.asked('menu');
    const before = await p.page.evaluate(() => JSON.parse(sessionStorage.getItem('kvarterbot.session')!).conversationId);
    await own.restart();
    const notice = p.page.getByRole('status').filter({ hasText: t('da', 'web:chat.ended') });
    await notice.waitFor();
    await p.screenshot('da-4-restarted');
    await p.page.getByRole('button', { name: t('da', 'web:chat.restart') }).click();
    await p.page.waitForURL(`${own.url}/`);
    await p.botBubble(lastLine(t('da', 'common:welcome.privacy'))).waitFor();
    const after = await p.page.evaluate(() => JSON.parse(sessionStorage.getItem('kvarterbot.session') ?? 'null')?.conversationId);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    p.problems.splice(0); // the polls that found the conversation gone are logged as failed loads
  } finally {
    await p?.close();
    await own.close();
  }
});

test('when the phone loses its connection for a while, the page reconnects to the same conversation and goes on', async () => {
  const p = await site.phone('da-DK');
  try {
    await p.page.goto(`${site.bot.url}/`);
    await p.asked('menu');
    const session = () => p.page.evaluate(() => JSON.parse(sessionStorage.getItem('kvarterbot.session') ?? 'null')?.conversationId);
    const before = await session();
    // Every request of the chat fails until a poll and a look at the conversation have hit the gap
    // (an event, not a fixed wait; the test's timeout is the deadline).
    let lost!: () => void;
    const gap = new Promise<void>((r) => (lost = r));
    const failed = { polls: 0, looks: 0 };
    await p.page.route('**/v3/directline/**', (route) => {
      const { pathname } = new URL(route.request().url());
      if (route.request().method() === 'GET' && pathname.endsWith('/activities')) failed.polls++;
      else if (route.request().method() === 'GET' && /\/conversations\/[^/]+$/.test(pathname)) failed.looks++;
      if (failed.polls >= 1 && failed.looks >= 1) lost();
      return route.abort('internetdisconnected');
    });
    await gap;
    await p.page.unroute('**/v3/directline/**');
    // Back online: a new question gets its answer, in the same conversation, with nothing to tap.
    await p.type(t('da', 'web:webChat.inputLabel'), 'hvilke aktiviteter er der?');
    await p.asked('activity');
    expect(await session()).toBe(before);
    expect(await p.page.getByRole('status').filter({ hasText: t('da', 'web:chat.ended') }).isVisible()).toBe(false);
    p.problems.splice(0); // the requests that failed while offline are logged as failed loads
    expect(p.foreignRequests).toEqual([]);
  } finally {
    await p.close();
  }
});

describe('with MICROSOFT_APP_ID set (channel tokens checked on /api/messages)', () => {
  const APP_ID = '11111111-2222-3333-4444-555555555555';
  let secured: BotUnderTest;
  let keys: ChannelKeys;
  /** Stands in for Azure AD and records every request the bot signed: the page's chat must need none. */
  const credentials = new RecordingCredentials(APP_ID);
  const signed = credentials.signed;

  beforeAll(async () => {
    // A local OpenID metadata + JWKS server on 127.0.0.1 stands in for login.botframework.com.
    keys = await startChannelKeys();
    secured = await startBot({
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'local-secret', BOT_OPENID_METADATA_URL: keys.metadataUrl },
      app: { credentialsFactory: credentials },
    });
  });
  afterAll(async () => {
    await secured.close();
    await keys.close();
  });

  test('the page at / chats: welcome, "hej" and the bot\'s answer on screen; POST /api/messages without a token is 401 on the same server', async () => {
    const p = await Phone.open(secured.url, 'da-DK');
    try {
      await p.page.goto(`${secured.url}/`);
      await p.asked('menu');
      await p.botBubble(lastLine(t('da', 'common:welcome.privacy'))).waitFor();
      const before = p.fromBot().length;
      await p.type(t('da', 'web:webChat.inputLabel'), 'hej');
      for (let i = 0; p.fromBot().length === before; i++) {
        if (i > 400) throw new Error('no answer to "hej"');
        await p.page.waitForTimeout(50);
      }
      const answer = p.fromBot().at(-1)!;
      expect(answer.text).toBeTruthy();
      await p.botBubble(lastLine(answer.text!)).waitFor();
      expect(p.received.some((a) => a.from.role === 'user' && a.text === 'hej')).toBe(true);
      expectClean(p);
    } finally {
      await p.close();
    }
    expect(signed.filter((url) => url.includes('/v3/directline'))).toEqual([]);

    const chat = secured.chat();
    const res = await fetch(`${secured.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat.activity({ text: 'hej' })) });
    expect(res.status).toBe(401);
    expect(chat.replies()).toHaveLength(0);
  });
});
