// Every string a person reads exists in every language, and the i18n rules hold.
import fs from 'node:fs';
import path from 'node:path';
import { createI18n, defaultLocalesDir, readLocales, isolate } from '../../src/i18n';

type Tree = Record<string, unknown>;
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keys(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
/** Plural suffixes differ by language (Arabic has six forms): compare the base key. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

const { languages, resources, namespaces } = readLocales(defaultLocalesDir);

test('there are Danish, Arabic and English locales', () => {
  expect(languages).toEqual(expect.arrayContaining(['da', 'ar', 'en']));
});

test.each(languages)('locale %s has every key the Danish one has, and no extra', (lang) => {
  for (const ns of namespaces) {
    const da = new Set(keys((resources.da[ns] ?? {}) as Tree).map(base));
    const other = new Set(keys((resources[lang][ns] ?? {}) as Tree).map(base));
    expect({ ns, missing: [...da].filter((k) => !other.has(k)) }).toEqual({ ns, missing: [] });
    expect({ ns, extra: [...other].filter((k) => !da.has(k)) }).toEqual({ ns, extra: [] });
  }
});

test.each(languages)('plural keys in %s cover every form the language needs', (lang) => {
  const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  for (const ns of namespaces) {
    const all = keys((resources[lang][ns] ?? {}) as Tree);
    const plurals = new Set(all.filter((k) => /_(one|other)$/.test(k)).map(base));
    for (const p of plurals) {
      for (const f of forms) expect(all).toContain(`${p}_${f}`);
    }
  }
});

test('Arabic sentences isolate inserted values; Danish ones do not', () => {
  const i18n = createI18n({ fallback: 'da' });
  expect(i18n.dir('ar')).toBe('rtl');
  expect(i18n.t('ar', 'activities:info.where', { place: 'Charlottekvarterets beboerhus' })).toBe(`📍 ${isolate('Charlottekvarterets beboerhus')}`);
  expect(i18n.t('da', 'activities:info.where', { place: 'Beboerhuset' })).toBe('📍 Beboerhuset');
  expect(i18n.t('ar', 'activities:list.intro', { count: 2 })).toBe('يوجد نشاطان في Charlottekvarteret:');
  expect(i18n.t('ar', 'activities:list.intro', { count: 13 })).toBe(`يوجد ${isolate('13')} نشاطًا في Charlottekvarteret:`);
});

test('remembered translations stay right: each plural form, each inserted value, past the memory bound', () => {
  const i18n = createI18n({ fallback: 'da' });
  for (let round = 0; round < 2; round++) {
    // Asked twice, so the second round is answered from memory.
    expect(i18n.t('ar', 'activities:list.intro', { count: 2 })).toBe('يوجد نشاطان في Charlottekvarteret:');
    expect(i18n.t('ar', 'activities:list.intro', { count: 3 })).toBe(`توجد ${isolate('3')} أنشطة في Charlottekvarteret:`);
    expect(i18n.t('da', 'activities:info.where', { place: 'Beboerhuset' })).toBe('📍 Beboerhuset');
    expect(i18n.t('en', 'activities:info.where', { place: 'Beboerhuset' })).toBe('📍 Beboerhuset');
    expect(i18n.t('xx', 'activities:info.where', { place: 'Beboerhuset' })).toBe('📍 Beboerhuset');
  }
  // More distinct values than the memory holds: every one still comes out with its own value.
  for (let n = 0; n < 5000; n++) expect(i18n.t('ar', 'activities:info.where', { place: `Sted ${n}` })).toBe(`📍 ${isolate(`Sted ${n}`)}`);
});

test('no user-facing string literal is passed to say() or sendActivity() in code', () => {
  const dirs = ['dialogs', 'src/bot'].map((d) => path.resolve(__dirname, '..', '..', d));
  const offenders: string[] = [];
  for (const dir of dirs) {
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const src = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of src.matchAll(/(?:say|sendActivity|buildMessage)\(\s*[\w.]+,?\s*(['"`])([^'"`]*)\1/g)) offenders.push(`${file}: ${m[2]}`);
    }
  }
  expect(offenders).toEqual([]);
});
