// Every intent in every language, through /api/messages: the reply shows it was understood.
import { createI18n } from '../../src/i18n';
import { startBot, texts, lastPrompt, type BotUnderTest } from '../support/harness';

const i18n = createI18n({ fallback: 'da' });
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

type Check = (replies: Record<string, any>[], lang: string) => void;
const says = (key: string): Check => (r, lang) => expect(texts(r)).toContain(i18n.t(lang, key).slice(0, 25));
const asks = (slot: string): Check => (r) => expect(lastPrompt(r)).toBe(slot);

const checks: Record<string, Check> = {
  greet: says('common:welcome.hello'),
  help: says('common:help'),
  list_activities: asks('activity'),
  activity_info: (r, lang) => expect(texts(r)).toContain(lang === 'ar' ? 'شبكة الأهالي' : lang === 'da' ? 'Forældrenetværk' : "Parents' network"),
  signup: asks('consent'),
  my_registrations: says('registrations:none'),
  cancel_registration: says('registrations:none'),
  human: (r) => {
    expect(r.length).toBeGreaterThan(0);
    expect(lastPrompt(r)).not.toBe('clarify');
  },
  change_language: asks('language'),
  // "what do you keep about me" lists what is stored (issue 14); other privacy questions get the summary.
  privacy: (r, lang) => expect([i18n.t(lang, 'privacy:summary').slice(0, 25), i18n.t(lang, 'privacy:myData.header')].some((x) => texts(r).includes(x))).toBe(true),
  emergency: (r) => expect(texts(r)).toMatch(/112[\s\S]*116 111[\s\S]*70 201 201/),
  smalltalk: says('common:ack.thanks'),
  // Out of scope: said kindly, with the likeliest meanings and a person to choose from.
  out_of_scope: (r, lang) => {
    expect(texts(r)).toContain(i18n.t(lang, 'common:clarify.outOfScope').slice(0, 25));
    expect(lastPrompt(r)).toBe('clarify');
  },
};

const sentences: Record<string, Record<string, string>> = {
  da: {
    greet: 'hej med dig', help: 'hvad kan du hjælpe mig med', list_activities: 'hvad sker der i kvarteret',
    activity_info: 'hvor mødes forældrenetværket', signup: 'jeg vil gerne melde mig til forældrenetværket',
    my_registrations: 'hvad er jeg tilmeldt', cancel_registration: 'jeg vil afmelde mig', human: 'kan jeg tale med en medarbejder',
    change_language: 'skift sprog', privacy: 'hvad gemmer I om mig', emergency: 'min far slår mig', smalltalk: 'tusind tak',
    out_of_scope: 'hvad bliver vejret i morgen',
  },
  ar: {
    greet: 'مرحبا', help: 'كيف يمكنك أن تساعدني', list_activities: 'ما هي الأنشطة المتوفرة',
    activity_info: 'متى تجتمع شبكة الأهالي', signup: 'أريد التسجيل في شبكة الأهالي',
    my_registrations: 'ما هي تسجيلاتي', cancel_registration: 'أريد إلغاء تسجيلي', human: 'أريد التحدث مع موظف',
    change_language: 'تغيير اللغة', privacy: 'ماذا تحفظون من معلوماتي', emergency: 'زوجي يضربني', smalltalk: 'شكرا جزيلا',
    out_of_scope: 'من سيفوز بكأس العالم',
  },
  en: {
    greet: 'hi there', help: 'what can you help me with', list_activities: 'what activities do you have',
    activity_info: 'when does the parents network meet', signup: 'I want to join the parents network',
    my_registrations: 'what am I signed up for', cancel_registration: 'I want to cancel my registration', human: 'can I talk to a real person',
    change_language: 'change language', privacy: 'what data do you keep about me', emergency: 'someone is hurting me at home', smalltalk: 'thank you so much',
    out_of_scope: 'what is the weather tomorrow',
  },
};

const cases = Object.entries(sentences).flatMap(([lang, byIntent]) => Object.entries(byIntent).map(([intent, text]) => [lang, intent, text] as const));

test.each(cases)('%s %s: "%s"', async (lang, intent, text) => {
  const chat = bot.chat();
  const replies = await chat.say(text);
  expect(replies[0].locale).toBe(lang);
  checks[intent](replies, lang);
});
