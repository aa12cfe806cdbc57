import { findPhones } from '../../src/understanding';
import { understanding } from './helpers';

const u = understanding();
const e = (text: string) => u.parse(text).entities;

describe('phone numbers', () => {
  it.each([
    ['12345678', '+4512345678'],
    ['12 34 56 78', '+4512345678'],
    ['1234 5678', '+4512345678'],
    ['+45 12345678', '+4512345678'],
    ['+4512345678', '+4512345678'],
    ['+45 12 34 56 78', '+4512345678'],
    ['0045-12-34-56-78', '+4512345678'],
    ['0045 12345678', '+4512345678'],
    ['(+45) 1234 5678', '+4512345678'],
    ['12.34.56.78', '+4512345678'],
    ['4512345678', '+4512345678'],
    ['١٢٣٤٥٦٧٨', '+4512345678'],
    ['+٤٥ ٢٠ ٣٠ ٤٠ ٥٠', '+4520304050'],
    ['mit nummer er 28 91 44 10', '+4528914410'],
    ['call me on +45 22 33 44 55 please', '+4522334455'],
    ['رقمي ٥٠٦٠٧٠٨٠', '+4550607080'],
  ])('%s → %s', (text, phone) => {
    expect(e(text).phone).toBe(phone);
  });

  it.each(['123456789', '1234567', '0123 4567', '+46 12345678', 'kl. 17:30', '3arabi 7ada'])('is not a Danish phone: %s', (text) => {
    expect(e(text).phone).toBeUndefined();
  });

  it('findPhones gives the span of the number', () => {
    const text = 'ring på 12 34 56 78 i morgen';
    const [p] = findPhones(text);
    expect(text.slice(p.start, p.end)).toBe('12 34 56 78');
  });
});

describe('ages', () => {
  it.each([
    ['jeg er 14', 14],
    ['min søn er 13 år', 13],
    ['min datter på 13 vil gerne have et job', 13],
    ['han er 14 år gammel', 14],
    ["I'm 13", 13],
    ['I am 14 years old', 14],
    ['my son is 13', 13],
    ['a 14 year old boy', 14],
    ['عمري 14', 14],
    ['عمري ١٤', 14],
    ['ابني عمره ١٣ سنة', 13],
    ['بنتي عمرها 14 سنه', 14],
    ['3omri 13', 13],
  ])('%s → %d', (text, age) => {
    expect(e(text).age).toBe(age);
  });

  it('a phone number or a year is not an age', () => {
    expect(e('jeg er 12345678').age).toBeUndefined();
    expect(e('I am 2011').age).toBeUndefined();
  });
});

describe('birth years', () => {
  it.each([
    ['født 2011', 2011],
    ['han er født i 2012', 2012],
    ['born in 2011', 2011],
    ['مواليد ٢٠١١', 2011],
    ['12.03.2011', 2011],
    ['12/3/2012', 2012],
    ['2010', 2010],
  ])('%s → %d', (text, year) => {
    expect(e(text).birthYear).toBe(year);
  });

  it.each(['1850', '2099', '3000'])('implausible year %s is ignored', (text) => {
    expect(e(text).birthYear).toBeUndefined();
  });
});

describe('choice numbers', () => {
  it.each([
    ['2', 2],
    ['nummer 2', 2],
    ['nr. 3', 3],
    ['number 1 please', 1],
    ['#4', 4],
    ['٢', 2],
    ['رقم 2', 2],
    ['رقم ٣', 3],
    ['den anden', 2],
    ['the second one', 2],
    ['الثاني', 2],
    ['jeg vil gerne melde mig til nummer 2', 2],
    ['بدي رقم ١', 1],
  ])('%s → %d', (text, n) => {
    expect(e(text).number).toBe(n);
  });

  it('ages, phones and years are not choice numbers', () => {
    expect(e('jeg er 14').number).toBeUndefined();
    expect(e('12345678').number).toBeUndefined();
    expect(e('2011').number).toBeUndefined();
    expect(e('jeg har 2 børn').number).toBeUndefined();
  });
});

describe('categories', () => {
  it.each([
    ['forældrenetværk', 'parent_network'],
    ['foraeldrenetvaerk', 'parent_network'],
    ['netværket for forældre', 'parent_network'],
    ['the parents network', 'parent_network'],
    ["parents' network", 'parent_network'],
    ['شبكة الأهالي', 'parent_network'],
    ['بشبكة الآباء', 'parent_network'],
    ['shabaket el ahel', 'parent_network'],
    ['lommepengejob', 'pocket_money_job'],
    ['lommepenge job', 'pocket_money_job'],
    ['fritidsjob', 'pocket_money_job'],
    ['pocket money job', 'pocket_money_job'],
    ['a job for my son', 'pocket_money_job'],
    ['عمل مصروف الجيب', 'pocket_money_job'],
    ['شغل لابني', 'pocket_money_job'],
    ['ibni bdo shoghl', 'pocket_money_job'],
    ['kurser', 'course'],
    ['kursus', 'course'],
    ['forældrekurset', 'course'],
    ['madlavningskursus', 'course'],
    ['a course', 'course'],
    ['دورة', 'course'],
    ['الدورات', 'course'],
    ['كورس', 'course'],
    ['دورة الأهل', 'course'],
  ])('%s → %s', (text, cat) => {
    expect(e(text).category).toBe(cat);
  });

  it('tolerates typos', () => {
    expect(e('forældrenetvæk').category).toBe('parent_network');
    expect(e('lommepengjob').category).toBe('pocket_money_job');
    expect(e('cource').category).toBe('course');
  });

  it('"of course" is not a course', () => {
    expect(e('yes of course').category).toBeUndefined();
  });
});

describe('languages', () => {
  it.each([
    ['skift til engelsk', 'en'],
    ['english please', 'en'],
    ['الإنجليزية', 'en'],
    ['بالانجليزي', 'en'],
    ['arabisk', 'ar'],
    ['arabic', 'ar'],
    ['عربي', 'ar'],
    ['بالعربي', 'ar'],
    ['3arabi', 'ar'],
    ['dansk', 'da'],
    ['danish', 'da'],
    ['الدنماركية', 'da'],
    ['switch from english to arabic', 'ar'],
  ])('%s → %s', (text, lang) => {
    expect(e(text).language).toBe(lang);
  });

  it('a negated language is not the wanted one', () => {
    expect(e('jeg forstår ikke dansk').language).toBeUndefined();
    expect(e("I don't speak danish").language).toBeUndefined();
    expect(e('no danish, english').language).toBe('en');
  });
});

describe('activities by name', () => {
  const v = understanding();
  beforeAll(() => {
    v.setActivities([
      { id: 'makerspace', names: ['Makerspace for familier', 'Makerspace for families', 'ميكرسبيس للعائلات'] },
      { id: 'homework', names: ['Lektiecafé', 'Homework café', 'مقهى الواجبات'] },
      { id: 'cooking', names: ['Madlavningskursus for forældre', 'Cooking course for parents', 'دورة طبخ للأهالي'] },
      { id: 'trip', names: ['Skovtur for familier', 'Forest trip for families', 'رحلة الغابة للعائلات'] },
    ]);
  });
  afterAll(() => v.setActivities([]));

  it.each([
    ['hvornår er makerspace', 'makerspace'],
    ['kursus i makerspce', 'makerspace'],
    ['lektiecafe', 'homework'],
    ['is the homework cafe open on monday', 'homework'],
    ['مقهى الواجبات', 'homework'],
    ['cooking course for parents', 'cooking'],
    ['دورة الطبخ للاهالي', 'cooking'],
  ])('%s → %s', (text, id) => {
    expect(v.parse(text).entities.activity).toBe(id);
  });

  it('no activity when nothing matches', () => {
    expect(v.parse('hvad sker der').entities.activity).toBeUndefined();
    expect(v.parse('for familier').entities.activity).toBeUndefined();
    expect(v.parse('tak for i dag').entities.activity).toBeUndefined();
  });
});
