import { detectLanguage } from '../../src/understanding';
import { LOCALES, understanding } from './helpers';

describe('language detection', () => {
  const u = understanding();

  it('finds the languages from the locale folders', () => {
    expect(u.languages).toEqual(expect.arrayContaining(['ar', 'da', 'en']));
  });

  it.each([
    ['مرحبا', 'ar'],
    ['بدي سجل ابني', 'ar'],
    ['شكرا', 'ar'],
    ['بدي سجل ابني بال lommepengejob', 'ar'],
  ])('Arabic script → ar: %s', (text, lang) => {
    expect(u.detectLanguage(text)).toBe(lang);
    expect(u.detectLanguage(text, 'da')).toBe(lang);
  });

  it.each([
    'ibni bdo shoghl',
    'fi 7ada ye7ki 3arabi?',
    'marhaba',
    'bdi sajjil bint 3ndkon',
    'shu fi lyom?',
    'kifak ya 5ayye',
    'bade a3ref emta el dawra',
    'salam 3alaykom',
    'momken te7ki ma3i',
    'inshallah bukra',
  ])('Arabizi → ar: %s', (text) => {
    expect(u.detectLanguage(text)).toBe('ar');
  });

  it.each([
    ['hej', 'da'],
    ['tak', 'da'],
    ['godmorgen', 'da'],
    ['hvad så', 'da'],
    ['jeg vil gerne tilmelde mig', 'da'],
    ['hvornår er der møde', 'da'],
    ['foraeldre', 'da'],
    ['hello', 'en'],
    ['thanks', 'en'],
    ['what is on', 'en'],
    ['sign me up please', 'en'],
    ['good morning', 'en'],
  ])('short Latin text: %s → %s', (text, lang) => {
    expect(u.detectLanguage(text)).toBe(lang);
  });

  // Written from personas: Egyptian, Gulf, Iraqi, Maghrebi Arabizi; Danish youth words that are
  // Arabic loans ("wallah") or misspellings; a Danish word inside an Arabic sentence.
  it.each([
    ['3ayza asagel binti', 'ar'],
    ['wesh kayen chi haja lel drari', 'ar'],
    ['shlonak 7aji, shaku el yom', 'ar'],
    ['abi a3rf wen el makan', 'ar'],
    ['wallah det er for sygt', 'da'],
    ['hvornar starter det', 'da'],
    ['meld mig til plz', 'da'],
    ['nah bro thats sick', 'en'],
    ['ابني بدو يروح عال makerspace', 'ar'],
  ])('as residents write: %s → %s', (text, lang) => {
    expect(u.detectLanguage(text)).toBe(lang);
    expect(u.detectLanguage(text, lang === 'ar' ? 'da' : 'ar')).toBe(lang);
  });

  it('æ, ø and å are strong Danish cues', () => {
    expect(u.detectLanguage('må')).toBe('da');
    expect(u.detectLanguage('hjælp')).toBe('da');
    expect(u.detectLanguage('ør')).toBe('da');
  });

  it('the stored language settles very short or ambiguous text', () => {
    for (const lang of ['da', 'en', 'ar']) {
      expect(u.detectLanguage('ok', lang)).toBe(lang);
      expect(u.detectLanguage('2', lang)).toBe(lang);
      expect(u.detectLanguage('👍', lang)).toBe(lang);
    }
  });

  it('text clearly in another language beats the stored language', () => {
    expect(u.detectLanguage('jeg vil gerne tilmelde min søn', 'en')).toBe('da');
    expect(u.detectLanguage('I would like to sign up my son', 'da')).toBe('en');
    expect(u.detectLanguage('bdi sajjel ibni bel dawra', 'da')).toBe('ar');
    expect(u.detectLanguage('مرحبا', 'en')).toBe('ar');
    expect(u.detectLanguage('hej med dig', 'ar')).toBe('da');
  });

  it('parse() reports the language', () => {
    expect(u.parse('hvad sker der i weekenden').lang).toBe('da');
    expect(u.parse('شو في هالويكند').lang).toBe('ar');
    expect(u.parse('ok', { lang: 'ar' }).lang).toBe('ar');
  });

  it('detectLanguage(text, localesDir) works standalone', () => {
    expect(detectLanguage('marhaba ya jama3a', LOCALES)).toBe('ar');
    expect(detectLanguage('goddag', LOCALES)).toBe('da');
  });
});
