// dialogs/sdk.ts imports botbuilder-dialogs' parts from their own modules so the package's index,
// which loads Microsoft's date-time, choice and unit recognizers (~13 MB heap, ~30 MB RSS), never
// loads. This fails if a module moves in a botbuilder-dialogs update or if code imports the index again.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as sdk from '../../dialogs/sdk';

const root = path.resolve(__dirname, '..', '..');

test('every part dialogs/sdk.ts re-exports exists in the installed botbuilder-dialogs', () => {
  for (const name of ['ComponentDialog', 'WaterfallDialog', 'Dialog', 'DialogSet', 'Prompt', 'TextPrompt'] as const) {
    expect(typeof sdk[name]).toBe('function');
  }
  expect(sdk.DialogTurnStatus.complete).toBe('complete');
});

test('loading the bot (src/bot, dialogs/) does not load the recognizers of the botbuilder-dialogs index', () => {
  const loaded = execFileSync(
    process.execPath,
    ['--require', 'tsx/cjs', '-e', "require('./src/bot'); console.log(JSON.stringify(Object.keys(require.cache)))"],
    { cwd: root, encoding: 'utf8' },
  );
  const modules: string[] = JSON.parse(loaded.trim().split('\n').at(-1)!);
  expect(modules.some((m) => m.includes(`${path.sep}dialogs${path.sep}main-dialog`))).toBe(true);
  expect(modules.filter((m) => /recognizers-text-(date-time|choice|suite)/.test(m))).toEqual([]);
});

test('no value is imported from the botbuilder-dialogs index outside dialogs/sdk.ts (types only)', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith(`${path.sep}sdk.ts`)) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'botbuilder-dialogs'/g)) {
          const values = m[1] ? [] : m[2].split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type '));
          if (values.length) offenders.push(`${path.relative(root, p)}: ${values.join(', ')}`);
        }
      }
    }
  };
  for (const d of ['src', 'dialogs']) walk(path.join(root, d));
  expect(offenders).toEqual([]);
});
