// Language through /api/messages: a language named as a subject keeps the conversation's language,
// Arabizi writers are answered in Arabic script with a one-time offer of Danish or English, and
// after a switch nothing stays in the old language (registration titles come from the catalogue).
import { createI18n } from '../../src/i18n';
import { buttons, lastPrompt, startBot, texts, type BotUnderTest } from '../support/harness';
import { joinParentNetwork } from '../support/signup';

const i18n = createI18n({ fallback: 'da' });
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

const ARABIC = /[\u0600-\u06FF]/g;
const arabicShare = (s: string): number => (s.match(ARABIC) ?? []).length / Math.max(1, (s.match(/\p{L}/gu) ?? []).length);

describe('a language named as a subject is not a language switch', () => {
  it.each([
    ['en', 'do you have danish classes?'],
    ['da', 'har I danskundervisning?'],
    ['ar', 'في دروس لغة دنماركية؟'],
    ['en', 'my husband wants to learn danish, can you help?'],
  ])('%s: %s keeps the language', async (lang, text) => {
    const chat = bot.chat();
    await chat.say(lang === 'en' ? 'hello, what can you help me with?' : lang === 'da' ? 'hej, hvad kan du hjælpe med?' : 'مرحبا، كيف يمكنك مساعدتي؟');
    const replies = await chat.say(text);
    expect(replies.length).toBeGreaterThan(0);
    expect(texts(replies)).not.toContain(i18n.t(lang === 'en' ? 'da' : lang, 'common:language.changed', { language: '' }).slice(0, 12));
    for (const r of replies) expect(r.locale).toBe(lang);
    const resident = await bot.app.db.resident.findFirst({ where: { channelUserId: chat.userId } });
    expect(resident?.language).toBe(lang);
  });

  it('"English please" still switches', async () => {
    const chat = bot.chat();
    await chat.say('hej med dig');
    const replies = await chat.say('English please');
    expect(texts(replies)).toContain(i18n.t('en', 'common:language.changed', { language: 'English' }));
  });
});

describe('Arabizi', () => {
  it('is answered in Arabic script, with Danish and English offered once', async () => {
    const chat = bot.chat();
    const first = await chat.say('salam, shu fi nashatat lal wlad?');
    expect(arabicShare(texts(first))).toBeGreaterThan(0.6);
    expect(texts(first)).toContain(i18n.t('ar', 'common:language.arabiziOffer'));
    expect(buttons(first).map((b) => b.value)).toEqual(expect.arrayContaining(['Dansk', 'English']));
    expect(lastPrompt(first)).toBe('language');

    const second = await chat.say('w emta el shabake?');
    expect(arabicShare(texts(second))).toBeGreaterThan(0.6);
    expect(texts(second)).not.toContain(i18n.t('ar', 'common:language.arabiziOffer'));

    const switched = await chat.tap('English');
    expect(texts(switched)).toContain(i18n.t('en', 'common:language.changed', { language: 'English' }));
  });

  it('is not offered to someone writing Arabic script', async () => {
    const chat = bot.chat();
    expect(texts(await chat.say('شو في نشاطات للولاد؟'))).not.toContain(i18n.t('ar', 'common:language.arabiziOffer'));
  });
});

describe('after a language switch nothing stays in the old language', () => {
  it('"my registrations" shows the titles in English after Danish', async () => {
    const chat = bot.chat();
    const done = await joinParentNetwork(chat, { name: 'Mette Hansen', phone: '12 34 56 78' });
    expect(texts(done)).toMatch(/Forældrenetværk/);

    await chat.say('English please');
    const mine = texts(await chat.say('what am I signed up for?'));
    expect(mine).toContain("Parents' network");
    expect(mine).not.toMatch(/Forældrenetværk|tilmeldt|venteliste/i);
  });
});
