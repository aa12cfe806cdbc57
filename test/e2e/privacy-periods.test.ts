// The periods families are promised are the ones the retention job keeps (issue 14): /privacy, the
// chat's privacy summary and the README's defaults all come from the same configuration.
import fs from 'node:fs';
import path from 'node:path';
import { buttons, lastPrompt, startBot, texts, type BotUnderTest } from '../support/harness';
import { loadConfig } from '../../src/config';

const unisolate = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
const page = async (bot: BotUnderTest, lang: string) => unisolate(await (await fetch(`${bot.url}/privacy?lang=${lang}`)).text());

test('defaults: /privacy in Danish, Arabic and English states the configured periods, as the README does', async () => {
  const bot = await startBot();
  try {
    const da = await page(bot, 'da');
    expect(da).toMatch(/fødselsår, når aktiviteten er slut, og senest 12 måneder efter/);
    expect(da).toMatch(/i 90 dage/);
    expect(da).toMatch(/30 dage efter, at den er slut/);
    const ar = await page(bot, 'ar');
    expect(ar).toMatch(/عند انتهاء النشاط/);
    expect(ar).toMatch(/12 شهرًا/);
    expect(ar).toMatch(/90 يومًا/);
    expect(await page(bot, 'en')).toMatch(/when the activity is over, and at the latest 12 months after you signed up/);
    // The consent question before a sign-up, in Arabic: the default periods.
    const chat = bot.chat({ locale: 'ar' });
    await chat.say('أريد التسجيل في دورة');
    const sessions = await chat.tap('parent-course-ready-for-school');
    const consent = await chat.tap(buttons(sessions)[0].value);
    expect(lastPrompt(consent)).toBe('consent');
    expect(unisolate(texts(consent))).toMatch(/نحذفها عند انتهاء النشاط، وبعد 12 شهرًا على الأكثر/);
  } finally {
    await bot.close();
  }
  const config = loadConfig({});
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  for (const name of ['RETENTION_AFTER_END_DAYS', 'RETENTION_MAX_MONTHS', 'RETENTION_IDLE_DAYS', 'RETENTION_TRANSCRIPT_DAYS'] as const) {
    expect(readme).toContain(`| \`${name}\` | \`${config[name]}\` |`);
  }
});

test('configured: other periods show on /privacy and in the chat; more than 12 months is refused', async () => {
  const bot = await startBot({ env: { RETENTION_AFTER_END_DAYS: '7', RETENTION_MAX_MONTHS: '6', RETENTION_IDLE_DAYS: '60', RETENTION_TRANSCRIPT_DAYS: '14' } });
  try {
    const da = await page(bot, 'da');
    expect(da).toMatch(/fødselsår 7 dage efter, at aktiviteten er slut, og senest 6 måneder efter/);
    expect(da).toMatch(/i 60 dage/);
    expect(da).toMatch(/14 dage efter, at den er slut/);
    const chat = bot.chat();
    expect(unisolate(texts(await chat.say('hvor længe gemmer I mine data?')))).toMatch(/7 dage efter, at aktiviteten er slut, og senest efter 6 måneder/);
    // The consent question before a sign-up promises the same periods.
    const signup = bot.chat();
    await signup.say('jeg vil tilmelde mig et kursus');
    const sessions = await signup.tap('parent-course-ready-for-school');
    const consent = await signup.tap(buttons(sessions)[0].value);
    expect(lastPrompt(consent)).toBe('consent');
    expect(unisolate(texts(consent))).toMatch(/Vi sletter det 7 dage efter, at aktiviteten er slut, og senest efter 6 måneder\./);
  } finally {
    await bot.close();
  }
  expect(() => loadConfig({ RETENTION_MAX_MONTHS: '13' })).toThrow(/RETENTION_MAX_MONTHS/);
});
