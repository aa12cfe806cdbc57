// Arabic addresses one resident, in the singular (masculine singular imperative as the common
// default, gender-neutral phrasing where it reads naturally): "اكتب", "يمكنك", not "اكتبوا",
// "يمكنكم". Every Arabic string a resident reads is checked: the locale files and the catalogue's
// Arabic texts. Staff messages in Teams (handoff.json staff.* and the manifest) speak to a team.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const AR = path.join(ROOT, 'locales', 'ar');

/** Plural forms of address that were replaced by singular ones; they must not come back. */
const PLURAL_ADDRESS = [
  'اكتبوا', 'اضغطوا', 'احضروا', 'تعالوا', 'سجلوا', 'تعرفوا', 'حاولوا', 'جربوا', 'اختاروا', 'اجيبوا', 'تاكدوا', 'اتصلوا',
  'فاتصلوا', 'اسالوا', 'اسالونا', 'اقراوا', 'افتحوا', 'استخدموا', 'احجزوا', 'اصنعوا', 'ابنوا', 'استعدوا', 'اكسبوا', 'كونوا',
  'راسلونا', 'زورونا', 'ساعدونا', 'تريدون', 'تستطيعون', 'تفضلون', 'توافقون', 'تحتاجون', 'تستخدمون', 'يمكنكم', 'ويمكنكم',
  'لديكم', 'عليكم', 'معكم', 'لكم', 'بكم', 'عنكم', 'انتم', 'لستم', 'زلتم', 'كتبتم', 'سجلتم', 'اردتم', 'كنتم', 'مساعدتكم',
  'اسمكم', 'ابنكم', 'طفلكم', 'معلوماتكم', 'رسالتكم', 'بموافقتكم', 'حقوقكم', 'لغتكم', 'اسجلكم', 'اخبركم', 'يساعدكم', 'وسيساعدكم',
];

/** Folded like the eval folds Arabic: no diacritics or tatweel, أ إ آ → ا, ة → ه, ى → ي. */
function fold(s: string): string {
  return s
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي');
}

function strings(v: unknown, at: string, out: Array<[string, string]>): void {
  if (typeof v === 'string') out.push([at, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${at}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, at ? `${at}.${k}` : k, out);
}

function residentStrings(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of fs.readdirSync(AR).filter((f) => f.endsWith('.json'))) {
    const all: Array<[string, string]> = [];
    strings(JSON.parse(fs.readFileSync(path.join(AR, file), 'utf8')), '', all);
    // What residents type (phrases, answer words) is matched, not read; staff texts address a team.
    for (const [at, s] of all) {
      if (/^(staff|manifest)\b|phrases|answers|stopWords|notNames/.test(at)) continue;
      out.push([`${file}:${at}`, s]);
    }
  }
  const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma', 'catalogue.json'), 'utf8')) as { activities: Array<{ id: string; texts: Record<string, unknown> }> };
  for (const a of catalogue.activities) strings(a.texts.ar, `catalogue:${a.id}`, out);
  return out;
}

describe('Arabic speaks to one person', () => {
  const words = new Set(PLURAL_ADDRESS.map(fold));

  it('no plural form of address in what residents read', () => {
    const found: string[] = [];
    for (const [at, s] of residentStrings()) {
      for (const w of fold(s).split(/[^\u0621-\u064A]+/)) if (words.has(w)) found.push(`${at}: ${w}`);
    }
    expect(found).toEqual([]);
  });

  it('"Makerspace" is explained in Arabic where an activity is called by it', () => {
    const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma', 'catalogue.json'), 'utf8')) as {
      activities: Array<{ texts: Record<string, { title: string; description: string }> }>;
    };
    const makerspace = catalogue.activities.filter((a) => /makerspace/i.test(a.texts.ar.title));
    expect(makerspace.length).toBeGreaterThan(0);
    for (const a of makerspace) expect(fold(a.texts.ar.description)).toMatch(/ورشه تصنع فيها الاشياء بيديك/);
  });
});
