import { findPersonalData, maskPersonalData } from '../../src/understanding/mask';
import { understanding } from './helpers';

const u = understanding();
const mask = (text: string, names?: string[]) => maskPersonalData(text, { isKnownWord: (w) => u.knownWord(w), names });

describe('masking personal data', () => {
  it.each([
    ['ring til mig på 12 34 56 78', 'ring til mig på <phone>'],
    ['mit nummer er +45 12345678.', 'mit nummer er <phone>.'],
    ['0045-22-33-44-55 tak', '<phone> tak'],
    ['رقمي ١٢٣٤٥٦٧٨', 'رقمي <phone>'],
    ['call +46 70 123 45 67', 'call <phone>'],
    ['cpr 120311-1234', 'cpr <cpr>'],
  ])('phones and long numbers: %s', (text, want) => {
    expect(mask(text)).toBe(want);
  });

  it('e-mail addresses', () => {
    expect(mask('skriv til fatima.ali@example.dk tak')).toBe('skriv til <email> tak');
    expect(mask('my mail is a_b+c@mail.co.uk')).toBe('my mail is <email>');
  });

  it.each([
    ['jeg hedder Ahmed og vil gerne tilmeldes', 'jeg hedder <name> og vil gerne tilmeldes'],
    ['Mit navn er Sara Hansen', 'Mit navn er <name> <name>'],
    ['my name is John Smith and I need help', 'my name is <name> <name> and I need help'],
    ["Hi, I'm Omar, can you call me", "Hi, I'm <name>, can you call me"],
    ['I am Leila', 'I am <name>'],
    ['اسمي محمد وعندي سؤال', 'اسمي <name> وعندي سؤال'],
    ['انا فاطمة من الحي', 'انا <name> من الحي'],
    ['ismi Khaled', 'ismi <name>'],
    ['jeg hedder said', 'jeg hedder <name>'],
  ])('names after an introduction: %s', (text, want) => {
    expect(mask(text)).toBe(want);
  });

  it.each(['I am 14 and want a job', 'I am new here', 'jeg er ny her', 'jeg er 13 år', 'انا خايفة', 'انا مسجل؟', 'I am not sure'])(
    'leaves ordinary words alone: %s',
    (text) => {
      expect(mask(text)).toBe(text);
    },
  );

  it('masks names the caller knows, wherever they appear', () => {
    expect(mask('kan Yusuf komme med på kurset', ['Yusuf Ahmed'])).toBe('kan <name> komme med på kurset');
    expect(mask('is AMINA signed up?', ['Amina'])).toBe('is <name> signed up?');
  });

  it('masks everything in one message', () => {
    const out = mask('Jeg hedder Ali, ring på 28 91 44 10 eller ali@x.dk', []);
    expect(out).toBe('Jeg hedder <name>, ring på <phone> eller <email>');
  });
});

describe('masking CPR numbers, dates, addresses and name answers (issue 14)', () => {
  it.each([
    ['mit cpr er 120312-1234', 'mit cpr er <cpr>'],
    ['cpr 1203121234 tak', 'cpr <cpr> tak'],
    ['han er født 12.03.2012', 'han er født <date>'],
    ['født 12. marts 2012', 'født <date>'],
    ['born March 12, 2012', 'born <date>'],
    ['مواليد ٢٠١٢/٠٣/١٢', 'مواليد <date>'],
    ['vi bor på Charlottevej 12, 2. th, 2630 Taastrup', 'vi bor på <address>, <address>'],
    ['I live at 12 Baker Street', 'I live at <address>'],
    ['بيتي في شارع النصر رقم 5', 'بيتي في <address>'],
  ])('%s', (text, want) => {
    expect(mask(text)).toBe(want);
  });

  it('an answer to a name question is a name, whatever it looks like', () => {
    const answer = (text: string) => maskPersonalData(text, { isKnownWord: (w) => u.knownWord(w), answering: 'name' });
    expect(answer('Aisha Ali')).toBe('<name> <name>');
    expect(answer('aisha ali')).toBe('<name> <name>');
    expect(answer('يوسف الأحمد')).toBe('<name> <name>');
    expect(maskPersonalData('Aisha Ali', { isKnownWord: (w) => u.knownWord(w), answering: 'phone' })).toBe('Aisha Ali');
  });
});

describe('where the personal data is (the handoff translator puts it back)', () => {
  const known = (w: string) => u.knownWord(w);

  it('a comma ends a name: the word after it is no second name', () => {
    expect(maskPersonalData('اسمي Rami، نسكن في شارع النصر', { isKnownWord: known })).toBe('اسمي <name>، نسكن في <address>');
    expect(maskPersonalData('my name is Sara Jensen', { isKnownWord: known })).toBe('my name is <name> <name>');
  });

  it('spans are over the text as given, in order, with names found after other data was taken out', () => {
    const text = 'Ring 12 34 56 78, jeg hedder Yusuf, født 14.03.2013, Leila ved det';
    const spans = findPersonalData(text, { isKnownWord: known, names: ['Leila'] });
    expect(spans.map((s) => [text.slice(s.start, s.end), s.tag])).toEqual([
      ['12 34 56 78', '<phone>'], ['Yusuf', '<name>'], ['14.03.2013', '<date>'], ['Leila', '<name>'],
    ]);
  });
});
