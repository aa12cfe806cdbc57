// Dependencies point inward: the domain and the understanding know nothing of botbuilder,
// restify or Prisma; only src/bot and dialogs/ use botbuilder.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
function importsIn(dir: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  for (const file of fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const src = fs.readFileSync(path.join(root, dir, file), 'utf8');
    for (const m of src.matchAll(/from\s+'([^']+)'/g)) out.push({ file: `${dir}/${file}`, spec: m[1] });
  }
  return out;
}

test.each([
  ['src/domain', /^(botbuilder|botframework|restify|@prisma|pg$|better-sqlite3)|\/store\//],
  ['src/understanding', /^(botbuilder|botframework|restify|@prisma|pg$|better-sqlite3)/],
  ['src/store', /^(botbuilder|botframework|restify)/],
  ['src/http', /^(botbuilder|botframework)/],
])('%s keeps its dependencies inward', (dir, forbidden) => {
  expect(importsIn(dir).filter((i) => forbidden.test(i.spec))).toEqual([]);
});
