// A school class says a child's age (Danish "N. klasse" ≈ N + 6 years; "grade N", "year N";
// "الصف السابع"), and a time of day or a plain "i 7" does not.
import { understanding } from './helpers';

const age = (text: string): number | undefined => understanding().parse(text).entities.age;

test.each([
  ['min søn går i 7. klasse', 13],
  ['hun går i 8 klasse', 14],
  ['she is in year 8', 14],
  ['my daughter is in grade 7', 13],
  ['ابني بالصف السابع', 13],
  ['بنتي في صف ثامن', 14],
  ['ibni fi saf 7', 13],
])('%s → %i years', (text, years) => {
  expect(age(text)).toBe(years);
});

test.each(['vi ses kl 10', 'kom i 7 minutter', 'year 2012', 'الساعة السابعة'])('%s gives no age', (text) => {
  expect(age(text)).toBeUndefined();
});

test('"the job course" names the course for 14–16', () => {
  expect(understanding().parse('the job course please').entities.activity).toBe('leisure-job-course');
});
