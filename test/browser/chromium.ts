// Headless Chromium (Debian's, driven by playwright-core) as a resident's phone: a fresh profile
// per session, a 390×844 touch screen, and a record of what the page fetched and complained about.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createI18n } from '../../src/i18n';
import { startBot, type BotUnderTest } from '../support/harness';

export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');
const AXE_SOURCE: string = require('axe-core').source;

export interface Activity {
  id: string;
  type: string;
  text?: string;
  locale?: string;
  from: { id: string; role?: string };
  channelData?: { prompt?: string };
  suggestedActions?: { actions: { title: string; value: string }[] };
}

export class Phone {
  /** Every activity the page received from Direct Line, in order (read from its polls). */
  readonly received: Activity[] = [];
  readonly problems: string[] = [];
  readonly foreignRequests: string[] = [];

  private constructor(private readonly context: BrowserContext, readonly page: Page, private readonly profile: string, origin: string) {
    page.on('pageerror', (err) => this.problems.push(`pageerror: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(origin)) this.foreignRequests.push(r.url());
    });
    page.on('response', async (r) => {
      if (r.request().method() !== 'GET' || !/\/v3\/directline\/conversations\/[^/]+\/activities/.test(r.url()) || !r.ok()) return;
      const body = (await r.json().catch(() => null)) as { activities?: Activity[] } | null;
      for (const a of body?.activities ?? []) if (!this.received.some((x) => x.id === a.id)) this.received.push(a);
    });
  }

  static async open(origin: string, locale: string): Promise<Phone> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kvarterbot-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    // Playwright's 30 s default for each wait is tight on a loaded 2-core CI machine (a restart-and-poll
    // wait timed out once there); the deadline is the test's (120 s), these only stop a wait that hangs.
    page.setDefaultTimeout(60_000);
    return new Phone(context, page, profile, origin);
  }

  async close(): Promise<void> {
    await this.context.close();
    fs.rmSync(this.profile, { recursive: true, force: true });
  }

  fromBot(): Activity[] {
    return this.received.filter((a) => a.type === 'message' && a.from.role === 'bot');
  }

  /** Waits until the bot has asked for `slot` and the question is on screen. */
  async asked(slot: string): Promise<Activity> {
    for (let i = 0; this.fromBot().at(-1)?.channelData?.prompt !== slot; i++) {
      if (i > 400) throw new Error(`the bot did not ask for ${slot}; last prompt: ${this.fromBot().at(-1)?.channelData?.prompt}`);
      await this.page.waitForTimeout(50);
    }
    const question = this.fromBot().at(-1)!;
    await this.botBubble(lastLine(question.text ?? '')).waitFor();
    return question;
  }

  botBubble(text: string | RegExp): Locator {
    return this.page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text }).last();
  }

  userBubble(text: string | RegExp): Locator {
    return this.page.locator('.webchat__bubble--from-user').filter({ hasText: text }).last();
  }

  /** Types into Web Chat's send box and sends with Enter. */
  async type(label: string, text: string): Promise<void> {
    const box = this.page.getByRole('textbox', { name: label });
    await box.fill(text);
    await box.press('Enter');
    await this.userBubble(text).waitFor();
  }

  /** Taps a suggested action (a button under the bot's last message). */
  async tap(title: string): Promise<void> {
    await this.page.locator('.webchat__suggested-actions').getByRole('button', { name: title, exact: true }).click();
    await this.userBubble(title).waitFor();
  }

  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.waitForTimeout(300); // let Web Chat finish scrolling to the newest message
    await this.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  }

  /** axe-core's WCAG 2.1 A/AA findings for the page as it is now. */
  async accessibilityViolations(): Promise<{ id: string; impact: string; targets: string[] }[]> {
    // Evaluated through the DevTools protocol, so the page's content security policy stays on.
    await this.page.evaluate(AXE_SOURCE);
    return this.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n: any) => String(n.target)) }));
    });
  }
}

/** The phones a test file opens against its bot, closed together in its afterAll. */
export class Phones {
  private readonly opened: Phone[] = [];

  async open(url: string, locale: string): Promise<Phone> {
    const p = await Phone.open(url, locale);
    this.opened.push(p);
    return p;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.map((p) => p.close()));
  }
}

/** A test file's bot, started before its tests, and the phones that open it; all closed after them. */
export interface PhonesOnOneBot {
  readonly bot: BotUnderTest;
  phone(locale: string): Promise<Phone>;
}

export function phonesOnOneBot(): PhonesOnOneBot {
  const phones = new Phones();
  let started: BotUnderTest | undefined;
  beforeAll(async () => {
    started = await startBot();
  });
  afterAll(async () => {
    await phones.closeAll();
    await started?.close();
  });
  return {
    get bot() {
      if (!started) throw new Error('the bot starts in beforeAll');
      return started;
    },
    phone: (locale) => phones.open(started!.url, locale),
  };
}

const i18n = createI18n({ fallback: 'da' });
/** A text as the pages show it, from the locales (in Arabic, names and numbers inside bidi isolation marks). */
export const t = (lang: string, key: string, vars?: Record<string, unknown>): string => i18n.t(lang, key, vars);

/**
 * A piece of a bot message as Web Chat shows it: its last line, without list or bold marks, and
 * up to the first quotation mark (Web Chat's Markdown turns straight quotes into curly ones).
 */
export function lastLine(text: string): string {
  const line = text.split('\n').filter((l) => l.trim()).at(-1)!.replace(/[*_•]/g, '').trim();
  const beforeQuote = line.split(/["']/)[0].trim();
  return beforeQuote.length >= 5 ? beforeQuote : line;
}
