import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTENTS, Intent } from '../../src/understanding';
import { understanding } from './helpers';

// Sentences written for the tests (not in the training data): each intent in each language.
const CASES: Record<Intent, Record<'da' | 'en' | 'ar', string[]>> = {
  greet: {
    da: ['hej kvarterbot, godmorgen', 'halløj med dig'],
    en: ['hello, good afternoon', 'hey bot!'],
    ar: ['السلام عليكم يا جماعة الخير', 'مرحبا، صباح الخير', 'salam w 3alaykom'],
  },
  help: {
    da: ['hvad kan jeg bruge den her chat til?', 'jeg forstår ikke hvad du kan'],
    en: ['what are you able to help with', 'how does this chat work?'],
    ar: ['كيف بتشتغل هاي الخدمة', 'شو بتقدر تساعدني فيه؟'],
  },
  list_activities: {
    da: ['hvad foregår der i kvarteret i denne uge', 'har I nogle aktiviteter for familier'],
    en: ['which activities do you run', 'is there anything on for teens this week'],
    ar: ['شو الانشطة اللي عندكم هالشهر', 'في فعاليات للعيلة؟'],
  },
  activity_info: {
    da: ['hvor holder kurset til', 'hvad koster det at være med i forældrenetværket'],
    en: ['when do the parents meet in the network', 'what age do you have to be for a pocket money job'],
    ar: ['قديش مدة الدورة', 'وين بيصير اجتماع شبكة الاهالي'],
  },
  signup: {
    da: ['jeg vil gerne skrive min søn op til et lommepengejob', 'tilmeld mig kurset på torsdag tak'],
    en: ['i would like to enrol in the course', 'please register me for the parents network'],
    ar: ['بدي اسجل بالدورة يوم الخميس', 'ممكن تسجلني بشبكة الاهالي', 'sajjelni bel kors'],
  },
  my_registrations: {
    da: ['hvilke ting er jeg tilmeldt', 'kan du vise hvad min søn er skrevet op til'],
    en: ['which activities have I booked', 'am I signed up for anything'],
    ar: ['شو الاشياء اللي انا مسجل فيها', 'وريني تسجيلاتي'],
  },
  cancel_registration: {
    da: ['jeg vil gerne melde mig fra kurset', 'afmeld min søn fra jobbet tak'],
    en: ['please take my name off the course', 'cancel my place in the network'],
    ar: ['بدي الغي حجزي بالدورة', 'شيلوا اسمي من شبكة الاهالي'],
  },
  human: {
    da: ['jeg vil gerne tale med en fra personalet', 'kan en medarbejder ringe mig op i dag'],
    en: ['i need to speak with a staff member', 'can a human call me back'],
    ar: ['بدي احكي مع موظف من فضلك', 'خلي حدا يتصل فيني'],
  },
  change_language: {
    da: ['kan du skrive på engelsk i stedet', 'jeg vil hellere skrive arabisk'],
    en: ['please reply in danish', 'change the language to arabic'],
    ar: ['ممكن نحكي بالانجليزي', 'غير اللغة للعربي لو سمحت'],
  },
  privacy: {
    da: ['hvilke personoplysninger gemmer I', 'slet venligst alle mine data'],
    en: ['what personal information do you store', 'please erase my data'],
    ar: ['شو المعلومات اللي بتخزنوها عني', 'احذفوا كل بياناتي'],
  },
  emergency: {
    da: ['min far slår mig når han er sur', 'jeg tænker på at tage mit eget liv'],
    en: ['my dad hurts me', 'i want to kill myself'],
    ar: ['زوجي بيضربني', 'بدي موت'],
  },
  smalltalk: {
    da: ['mange tak for hjælpen', 'okay det lyder fint'],
    en: ['thank you, bye', 'alright, cool'],
    ar: ['شكرا الك', 'تمام، مع السلامة'],
  },
  out_of_scope: {
    da: ['hvem vinder champions league', 'hvad er hovedstaden i norge'],
    en: ['who is the best footballer in the world', 'what is the weather like in copenhagen'],
    ar: ['مين رح يربح كاس العالم', 'شو عاصمة فرنسا'],
  },
};

describe('intents', () => {
  const u = understanding();

  for (const intent of INTENTS) {
    for (const [lang, list] of Object.entries(CASES[intent])) {
      it.each(list)(`${intent} / ${lang}: %s`, (text) => {
        const r = u.parse(text);
        expect(r.intent).toBe(intent);
        expect(r.lang).toBe(lang);
      });
    }
  }

  it('category mentions steer signup vs activity_info', () => {
    expect(u.parse('lommepengejob').intent).toBe('activity_info');
    expect(u.parse('kurser?').intent).toBe('activity_info');
    expect(u.parse('الدورات').intent).toBe('activity_info');
    expect(u.parse('tilmeld mig lommepengejob').intent).toBe('signup');
    const r = u.parse('what courses do you have');
    expect(r.intent).toBe('activity_info');
    expect(r.entities.category).toBe('course');
  });

  it('a bare language name asks to change language', () => {
    for (const [text, lang] of [
      ['english', 'en'],
      ['arabisk tak', 'ar'],
      ['بالعربي', 'ar'],
      ['dansk please', 'da'],
    ] as const) {
      const r = u.parse(text);
      expect(r.intent).toBe('change_language');
      expect(r.entities.language).toBe(lang);
    }
  });

  it('confidence is a probability and means something', () => {
    const sure = u.parse('jeg vil gerne tilmelde mig forældrenetværket');
    expect(sure.confidence).toBeGreaterThan(u.threshold);
    expect(sure.confidence).toBeLessThanOrEqual(1);
    const unsure = u.parse('blå');
    expect(unsure.confidence).toBeGreaterThanOrEqual(0);
    expect(unsure.confidence).toBeLessThan(sure.confidence);
    expect(u.threshold).toBeCloseTo(0.45);
  });

  it('empty and punctuation-only messages do not crash; without a sign they stay unsure', () => {
    for (const t of ['', '   ', '...', '-']) {
      const r = u.parse(t);
      expect(INTENTS).toContain(r.intent);
      expect(r.confidence).toBeLessThan(u.threshold);
    }
  });

  it('a lone "?" is someone lost, a thumbs-up is a thank-you, a wave is a hello', () => {
    for (const t of ['?', '??', '؟', '🤔']) expect(u.parse(t)).toMatchObject({ intent: 'help' });
    for (const t of ['👍', '👌🏽', '🙏', '❤️']) expect(u.parse(t)).toMatchObject({ intent: 'smalltalk' });
    expect(u.parse('👋').intent).toBe('greet');
    for (const t of ['?', '👍', '👋']) expect(u.parse(t).confidence).toBeGreaterThanOrEqual(u.threshold);
  });

  // Written for these tests from personas (not in the training data, not in the eval sets).
  const RESIDENTS: Array<[string, Intent]> = [
    // A mother from Aleppo, Levantine, some Danish words.
    ['مرحبا، امتى بتجتمع شبكة الاهالي هالشهر؟', 'activity_info'],
    ['بدي سجل حالي بالforældrenetværk الله يخليك', 'signup'],
    ['ابني الصغير عمره ١٣ وبدو يشتغل شي بالحي', 'signup'],
    ['يعطيك العافية حبيبتي', 'smalltalk'],
    // A father from Baghdad (Iraqi), an Egyptian neighbour, a Gulf and a Moroccan writer.
    ['شكو عدكم للجهال بالعطلة', 'list_activities'],
    ['عايزة اعرف الدورة بكام', 'activity_info'],
    ['ابغى الغي حجز ولدي', 'cancel_registration'],
    ['بغيت نهضر مع شي واحد من الخدمة', 'human'],
    // A youth writing Arabizi.
    ['bdi a3ref shu fi lal shabab', 'list_activities'],
    ['3ayez ashtghel, sajjelni', 'signup'],
    ['shlonkom, shu el akhbar', 'greet'],
    // A Danish teenager and a father with little Danish.
    ['yo hvad kan man lave her i ferien', 'list_activities'],
    ['skriv mig op til lommepenge jobbet tak', 'signup'],
    ['hvornar starter foreldre kurset', 'activity_info'],
    ['varme virker ikk i min lejlighed', 'out_of_scope'],
    // English slang and a mum who writes short.
    ['yo can u sign me up for the job ting', 'signup'],
    ['cant come 2moro, cancel me pls', 'cancel_registration'],
    ['the boiler is broken again', 'out_of_scope'],
  ];

  it.each(RESIDENTS)('as residents write: %s → %s', (text, intent) => {
    expect(u.parse(text).intent).toBe(intent);
  });

  it('a language named as a subject does not ask to switch language', () => {
    for (const text of ['do you have danish classes?', 'har I danskundervisning', 'في دروس لغة دنماركية؟', 'my wife wants to learn english', 'kan i oversætte til arabisk', 'بدي اتعلم انجليزي']) {
      const r = u.parse(text);
      expect(r.entities.language).toBeUndefined();
      expect(r.intent).not.toBe('change_language');
    }
    for (const [text, lang] of [['English please', 'en'], ['skriv på arabisk', 'ar'], ['بدي عربي', 'ar'], ['dansk', 'da'], ['3arabi plz', 'ar']] as const) {
      expect(u.parse(text)).toMatchObject({ intent: 'change_language', entities: { language: lang } });
    }
  });

  it('messy messages of our own (two held-aside sets): at least 93% per language', () => {
    for (const name of ['messy.jsonl', 'messy2.jsonl']) {
      const byLang = new Map<string, [number, number]>();
      for (const line of fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8').split('\n').filter((l) => l.trim())) {
        const l = JSON.parse(line) as { text: string; lang: string; intent: string };
        const [a, n] = byLang.get(l.lang) ?? [0, 0];
        byLang.set(l.lang, [a + (u.parse(l.text).intent === l.intent ? 1 : 0), n + 1]);
      }
      for (const [lang, [a, n]] of byLang) expect({ name, lang, accuracy: a / n >= 0.93 }).toEqual({ name, lang, accuracy: true });
    }
  });

  it('held-out set: at least 90% intent accuracy overall and 85% per language', () => {
    const file = path.join(__dirname, 'fixtures', 'heldout.jsonl');
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; lang: string; intent: string; entities?: { category?: string } });
    const byLang = new Map<string, [number, number]>();
    let ok = 0;
    let langOk = 0;
    for (const l of lines) {
      const r = u.parse(l.text);
      const good = r.intent === l.intent;
      ok += good ? 1 : 0;
      langOk += r.lang === l.lang ? 1 : 0;
      const [a, n] = byLang.get(l.lang) ?? [0, 0];
      byLang.set(l.lang, [a + (good ? 1 : 0), n + 1]);
      if (l.intent === 'emergency') expect(r.intent).toBe('emergency');
    }
    expect(ok / lines.length).toBeGreaterThanOrEqual(0.9);
    expect(langOk / lines.length).toBeGreaterThanOrEqual(0.97);
    for (const [, [a, n]] of byLang) expect(a / n).toBeGreaterThanOrEqual(0.85);
  });

  it('is deterministic: two loads give the same answers', () => {
    const { loadUnderstanding } = jest.requireActual('../../src/understanding') as typeof import('../../src/understanding');
    const other = loadUnderstanding({ localesDir: path.join(__dirname, '..', '..', 'locales') });
    for (const t of ['hej', 'bdi sajjel ibni', 'what is the course about', 'ما هي شبكة الاهالي']) {
      expect(other.parse(t)).toEqual(u.parse(t));
    }
  });
});
