// Outside the sign-up flows, through /api/messages: after a clarifying question a number or title
// picks, a rephrase is read with the message it rephrases, and "no, none of these" gets a request
// for other words and a person (never the same question again); asking for a phone number is a
// question about a fact, not a handoff; the reply language follows an explicit choice, then a real
// sentence the resident wrote, then what was used before (a name, "ok tak", a number change nothing).
import { buttons, lastPrompt, texts, type BotUnderTest } from '../support/harness';
import type { TeamsTeam } from '../support/teams';
import { useStaffedBot } from '../support/staffed-bot';

let bot: BotUnderTest;
let teams: TeamsTeam;
useStaffedBot((started) => ({ bot, teams } = started));

const arabic = (s: string): boolean => {
  const letters = s.match(/\p{L}/gu) ?? [];
  return letters.filter((c) => /[\u0600-\u06FF]/.test(c)).length * 2 > letters.length;
};
const locales = (replies: Record<string, any>[]): string[] => [...new Set(replies.map((r) => r.locale))];
const threads = (): number => teams.cardThreads().length;

describe('after a clarifying question', () => {
  test('"nej, ikke nogen af dem" asks for other words and offers a person, without opening a handoff', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('grønne paraplyer synger i kælderen'))).toBe('clarify');
    const before = threads();
    const reply = await chat.say('nej, ikke nogen af dem');
    expect(texts(reply)).toMatch(/anden måde/);
    expect(buttons(reply).map((b) => b.value)).toContain('human');
    expect(lastPrompt(reply)).not.toBe('clarify');
    expect(threads()).toBe(before);
  });

  test('in Arabic: "لا، مش هيك" is not answered with the same question', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('البطيخ بيطير فوق البحر'))).toBe('clarify');
    const reply = await chat.say('لا مش هيك');
    expect(lastPrompt(reply)).toBe('menu');
    expect(arabic(texts(reply))).toBe(true);
    expect(buttons(reply).map((b) => b.value)).toContain('human');
  });

  test('a typed number picks the option; the person option is a handoff only when picked', async () => {
    const chat = bot.chat();
    const asked = await chat.say('purple giraffes on the roof');
    expect(lastPrompt(asked)).toBe('clarify');
    const first = buttons(asked)[0];
    const picked = await chat.say('1');
    expect(lastPrompt(picked)).not.toBe('clarify');
    if (first.value === 'list_activities') expect(lastPrompt(picked)).toBe('activity');
  });

  test('a rephrase is routed normally: a named activity gets its answer', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('hmm det der du ved nok'))).toBe('clarify');
    expect(texts(await chat.say('forældre kurset til små børn'))).toMatch(/Tirsdag/i);
  });
});

describe('asking how to reach the programme is a question, not a handoff', () => {
  it.each([
    ['da', 'må jeg ringe til jer i eftermiddag?'],
    ['da', 'hvad er nummeret jeg kan ringe på'],
    ['en', 'can i give you a call tomorrow'],
    ['ar', 'شو رقم تلفونكم لو سمحت'],
  ])('%s: %s', async (lang, text) => {
    const chat = bot.chat();
    const before = threads();
    const reply = await chat.say(text);
    expect(threads()).toBe(before);
    expect(texts(reply).length).toBeGreaterThan(0);
    expect(locales(reply)).toEqual([lang]);
    expect(buttons(reply).map((b) => b.value)).toContain('human');
  });

  test('an explicit wish to talk to a person still opens one', async () => {
    const before = threads();
    await bot.chat().say('jeg vil hellere skrive med en medarbejder, tak');
    expect(threads()).toBe(before + 1);
  });
});

describe('the reply language', () => {
  test('an Arabizi writer gets Arabic script from the first message, even after web chat said Danish', async () => {
    const chat = bot.chat({ locale: 'da-DK' });
    await chat.join();
    const reply = await chat.say('marhaba, badi a3ref shu fi nashatat lal ahali');
    expect(locales(reply)).toEqual(['ar']);
    expect(arabic(texts(reply))).toBe(true);
  });

  test('after Arabic, "ok tak", a Latin name and a number keep Arabic; a real Danish question switches', async () => {
    const chat = bot.chat();
    expect(locales(await chat.say('السلام عليكم، متى بتكون شبكة الأهالي؟'))).toEqual(['ar']);
    expect(locales(await chat.say('ok tak'))).toEqual(['ar']);
    expect(locales(await chat.say('Rania Haddad'))).toEqual(['ar']);
    expect(locales(await chat.say('2014'))).toEqual(['ar']);
    expect(locales(await chat.say('hvor mange pladser er der tilbage i forældrenetværket'))).toEqual(['da']);
  });

  test('code-switched Arabic with a Danish word stays Arabic', async () => {
    const chat = bot.chat();
    await chat.say('مرحبا، بدي اعرف عن الأنشطة');
    expect(locales(await chat.say('وفي شي بالـ beboerhus هاد الاسبوع؟'))).toEqual(['ar']);
  });

  test('gibberish on first contact does not change the language', async () => {
    const chat = bot.chat({ locale: 'da-DK' });
    await chat.join();
    expect(locales(await chat.say('zzkx qwp'))).toEqual(['da']);
  });

  test('an explicit choice wins over what later messages look like', async () => {
    const chat = bot.chat();
    await chat.say('I want to change language');
    await chat.say('العربية');
    expect(locales(await chat.say('what time does the parents network start on wednesday'))).toEqual(['ar']);
  });
});
