// The list of activity kinds is written once (src/domain/categories.ts); the catalogue, the
// understanding's synonyms and the sign-up texts of every language follow it.
import fs from 'node:fs';
import path from 'node:path';
import { CATEGORIES, SIGNUP_CATEGORIES, isCategory, isSignupCategory, signupCategoryOf } from '../../src/domain/categories';
import { loadLocaleNlu, nluLanguages } from '../../src/understanding/data';

const root = path.join(__dirname, '..', '..');
const locales = path.join(root, 'locales');

test('the sign-up kinds are catalogue kinds, and any other kind is joined through the course flow', () => {
  for (const c of SIGNUP_CATEGORIES) expect(isCategory(c)).toBe(true);
  expect(SIGNUP_CATEGORIES.map(signupCategoryOf)).toEqual([...SIGNUP_CATEGORIES]);
  expect(signupCategoryOf('youth')).toBe('course');
  expect(signupCategoryOf('counselling')).toBe('course');
  expect(isSignupCategory('youth')).toBe(false);
  expect(isCategory('parents')).toBe(false);
});

test('the catalogue uses every kind and no other', () => {
  const file = JSON.parse(fs.readFileSync(path.join(root, 'prisma', 'catalogue.json'), 'utf8')) as { activities: { category: string }[] };
  expect([...new Set(file.activities.map((a) => a.category))].sort()).toEqual([...CATEGORIES].sort());
});

test('every language has synonyms and a name for each sign-up kind, and synonyms for no other', () => {
  const langs = nluLanguages(locales);
  expect(langs).toEqual(expect.arrayContaining(['da', 'ar', 'en']));
  for (const lang of langs) {
    const synonyms = loadLocaleNlu(locales, lang).entities.categories;
    expect(Object.keys(synonyms).sort()).toEqual([...SIGNUP_CATEGORIES].sort());
    const names = (JSON.parse(fs.readFileSync(path.join(locales, lang, 'signup.json'), 'utf8')) as { category: Record<string, string> }).category;
    expect(Object.keys(names).sort()).toEqual([...SIGNUP_CATEGORIES].sort());
  }
});
