import { normalise, foldText, asciiDigits, editDistance, tokenize } from '../../src/understanding';
import { arabicVariants } from '../../src/understanding/normalise';

describe('normalise', () => {
  it('strips Arabic diacritics (tashkeel) and tatweel', () => {
    expect(normalise('مَرْحَبًا')).toBe('مرحبا');
    expect(normalise('شـــكــرا')).toBe('شكرا');
  });

  it('unifies alef forms, alef maqsura, taa marbuta, hamza carriers', () => {
    expect(normalise('أريد إلغاء آخر')).toBe('اريد الغاء اخر');
    expect(normalise('ٱلدورة')).toBe('الدوره');
    expect(normalise('مستشفى')).toBe('مستشفي');
    expect(normalise('مسؤول')).toBe('مسوول');
    expect(normalise('رئيس')).toBe('رييس');
  });

  it('turns Arabic-Indic and Persian digits into ASCII', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(asciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normalise('عمري ١٤')).toBe('عمري 14');
  });

  it('folds Danish letters so ae/oe/aa spellings match', () => {
    expect(normalise('Forældrenetværk')).toBe(normalise('foraeldrenetvaerk'));
    expect(normalise('Høje-Taastrup')).toBe('hoeje taastrup');
    expect(normalise('på')).toBe(normalise('paa'));
  });

  it('lower-cases, removes punctuation and collapses whitespace', () => {
    expect(normalise('  Hej!!   Hvad  sker der?? ')).toBe('hej hvad sker der');
    expect(normalise("don't")).toBe('dont');
    expect(normalise('¿Qué tal?')).toBe('que tal');
    expect(tokenize(normalise('hej, med dig'))).toEqual(['hej', 'med', 'dig']);
  });

  it('squeezes letters repeated three or more times', () => {
    expect(normalise('hejjjjj')).toBe('hejj');
    // Arabic alef runs collapse to one (أأ → اا → ا).
    expect(normalise('شكراااا')).toBe('شكرا');
    expect(normalise('ياسلااام')).toBe('ياسلام');
  });

  it('keeps Arabizi digits inside words', () => {
    expect(normalise('Fi 7ada ye7ki 3arabi?')).toBe('fi 7ada ye7ki 3arabi');
  });

  it('foldText keeps punctuation for phone numbers and dates', () => {
    expect(foldText('+45 12-34')).toBe('+45 12-34');
    expect(foldText('١٢.٠٣.٢٠١١')).toBe('12.03.2011');
  });

  it('strips Arabic clitics in variants', () => {
    expect(arabicVariants('بالدورة'.replace('ة', 'ه'))).toContain('دوره');
    expect(arabicVariants('وللشبكه')).toContain('شبكه');
    expect(arabicVariants('شبكتنا')).toContain('شبكه');
  });

  it('folds the dialects\' negation circumfix ما…ش to the plain negated verb, glued or apart', () => {
    expect(normalise('ماعرفتش كيف')).toBe('ما عرفت كيف');
    expect(normalise('ما بعرفش')).toBe('ما بعرف');
    expect(normalise('مش فاهمش')).toBe('مش فاهم');
    // Too short to be a verb + ش, or no negation before it: unchanged.
    expect(normalise('ما فيش')).toBe('ما فيش');
    expect(normalise('ماشي')).toBe('ماشي');
    expect(normalise('بدي اشوف الشغل')).toBe('بدي اشوف الشغل');
  });

  it('folds dialect question words to one form each, whole words only', () => {
    expect(normalise('الراتب كام')).toBe(normalise('الراتب كم'));
    expect(normalise('قديش بيدفعوا')).toBe(normalise('كم بيدفعوا'));
    expect(normalise('شكد')).toBe(normalise('شحال'));
    expect(normalise('امتى تبدأ')).toBe(normalise('متى تبدأ'));
    expect(normalise('وين الشبكة')).toBe(normalise('فين الشبكة'));
    expect(normalise('ازاي اسجل')).toBe(normalise('كيف اسجل'));
    // A greeting built on a question word stays itself ("شلونك" is "how are you").
    expect(normalise('شلونك')).toBe('شلونك');
    expect(normalise('كاميرا')).toBe('كاميرا');
  });

  it('edit distance counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('tilmelding', 'tilmeldning')).toBe(1);
    expect(editDistance('tilmeld', 'tilmedl')).toBe(1);
    expect(editDistance('kursus', 'kurser')).toBe(2);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting', 1)).toBeGreaterThan(1);
  });
});
