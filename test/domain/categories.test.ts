// The list of activity kinds is written once (src/domain/categories.ts); the catalogue, the
// understanding's synonyms and the sign-up texts of every language follow it.
import fs from 'node:fs';
import path from 'node:path';
import {
  AUDIENCES, CATEGORIES, SIGNUP_CATEGORIES, SIGNUP_MODES, categoriesJoinedThrough, isCategory, isSignupCategory, joinableThrough, joinsInChat, signupCategoryOf,
} from '../../src/domain/categories';
import { ASKER_AUDIENCES, WISHES, isOpenWish, wishOfSignupCategory } from '../../src/domain/recommend';
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

test('each catalogue kind is taken by exactly one sign-up kind; the course flow takes the kinds with no flow of their own', () => {
  expect(categoriesJoinedThrough('parent_network')).toEqual(['parent_network']);
  expect(categoriesJoinedThrough('pocket_money_job')).toEqual(['pocket_money_job']);
  expect(categoriesJoinedThrough('course')).toEqual(['course', 'counselling', 'youth', 'other']);
  expect(SIGNUP_CATEGORIES.flatMap(categoriesJoinedThrough).sort()).toEqual([...CATEGORIES].sort());
});

test('a contact activity is arranged with staff, never offered by a sign-up', () => {
  expect(SIGNUP_MODES.filter((signupMode) => joinsInChat({ signupMode }))).toEqual(['session', 'membership']);
  expect(joinableThrough('course', { category: 'youth', signupMode: 'session' })).toBe(true);
  expect(joinableThrough('course', { category: 'counselling', signupMode: 'contact' })).toBe(false);
  expect(joinableThrough('course', { category: 'pocket_money_job', signupMode: 'session' })).toBe(false);
  expect(joinableThrough('parent_network', { category: 'parent_network', signupMode: 'membership' })).toBe(true);
});

test('a sign-up kind names a wish; the other wishes ask for offers, not a sign-up', () => {
  expect(SIGNUP_CATEGORIES.map(wishOfSignupCategory)).toEqual(['meet_parents', 'job', 'course']);
  expect(WISHES.filter(isOpenWish)).toEqual(['leisure', 'advice', 'education']);
});

test('the catalogue uses every kind and no other, and only the audiences and ways to join listed', () => {
  const file = JSON.parse(fs.readFileSync(path.join(root, 'prisma', 'catalogue.json'), 'utf8')) as { activities: { category: string; audience: string; signupMode: string }[] };
  const used = (key: 'category' | 'audience' | 'signupMode') => [...new Set(file.activities.map((a) => a[key]))].sort();
  expect(used('category')).toEqual([...CATEGORIES].sort());
  expect(AUDIENCES).toEqual(expect.arrayContaining(used('audience')));
  expect(SIGNUP_MODES).toEqual(expect.arrayContaining(used('signupMode')));
});

test('every language has synonyms and a name for each sign-up kind, and synonyms for no other', () => {
  const langs = nluLanguages(locales);
  expect(langs).toEqual(expect.arrayContaining(['da', 'ar', 'en']));
  for (const lang of langs) {
    const synonyms = loadLocaleNlu(locales, lang).entities.categories;
    expect(Object.keys(synonyms).sort()).toEqual([...SIGNUP_CATEGORIES].sort());
    const names = (JSON.parse(fs.readFileSync(path.join(locales, lang, 'signup.json'), 'utf8')) as { category: Record<string, string> }).category;
    expect(Object.keys(names).sort()).toEqual([...SIGNUP_CATEGORIES].sort());
    // The understanding drops a wish or audience word whose key is not in the domain's list.
    const { wishes, audiences } = loadLocaleNlu(locales, lang).entities;
    for (const w of Object.keys(wishes)) expect(WISHES).toContain(w);
    for (const a of Object.keys(audiences)) expect(ASKER_AUDIENCES).toContain(a);
  }
});
