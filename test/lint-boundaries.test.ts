// The layers of ARCHITECTURE.md are an ESLint rule (eslint.config.mjs, eslint-plugin-boundaries):
// these cases prove the rule bites, by linting small files placed in each layer with the
// project's own config. `npm run lint` applies it to the whole tree.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

type Case = [file: string, spec: string];
/**
 * Lints each case's one-line file with ESLint's Node API in a child process (ESLint loads its
 * flat config with a dynamic import, which jest's module sandbox does not run).
 */
function lintAll(cases: Case[]): Map<string, string[]> {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [file, source] of cases) {
        const [r] = await eslint.lintText(source, { filePath: file });
        out.push(r.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const input = JSON.stringify(cases.map(([file, spec]) => [file, imports(spec)]));
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script, input], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' })) as string[][];
  return new Map(cases.map(([file, spec], i) => [`${file} ${spec}`, out[i]]));
}

const imports = (spec: string) => `import * as x from '${spec}';\nexport const y = x;\n`;

const forbidden: [string, string, RegExp][] = [
  ['src/domain/probe.ts', 'botbuilder', /src\/domain imports no framework/],
  ['src/domain/probe.ts', '@prisma/client', /src\/domain imports no framework/],
  ['src/domain/probe.ts', 'restify', /src\/domain imports no framework/],
  ['src/domain/probe.ts', 'i18next', /src\/domain imports no framework/],
  ['src/domain/probe.ts', '../store/prisma', /imports no other layer/],
  ['src/domain/probe.ts', '../config', /imports no other layer/],
  ['dialogs/probe.ts', '../src/http/server', /dialogs\/ never imports src\/http/],
  ['dialogs/probe.ts', '../src/store/prisma', /dialogs\/ never imports src\/http, src\/store/],
  ['dialogs/probe.ts', 'restify', /dialogs\/ imports no web server/],
  ['src/http/probe.ts', 'botbuilder', /botbuilder lives in src\/bot and dialogs\/ only/],
  ['src/understanding/probe.ts', '../bot/adapter', /src\/understanding parses text/],
  ['src/store/probe.ts', '../bot/adapter', /src\/store implements domain ports/],
  ['src/bot/probe.ts', '../http/server', /src\/bot is called by src\/http/],
  ['src/config.ts', './bot/adapter', /config, log, i18n and paths are leaves/],
];

const allowed: Case[] = [
  ['src/domain/probe.ts', './catalogue'],
  ['src/domain/probe.ts', 'node:crypto'],
  ['dialogs/probe.ts', '../src/domain/eligibility'],
  ['dialogs/probe.ts', '../src/i18n'],
  ['dialogs/probe.ts', 'botbuilder-dialogs'],
  ['src/bot/probe.ts', '../../dialogs/main-dialog'],
  ['src/store/probe.ts', '../domain/catalogue'],
  ['src/http/probe.ts', '../bot/adapter'],
  ['src/app.ts', './http/server'],
];

let results: Map<string, string[]>;
beforeAll(() => {
  results = lintAll([...forbidden.map(([file, spec]): Case => [file, spec]), ...allowed]);
});

test.each(forbidden)('%s importing %s breaks the layers', (file, spec, message) => {
  expect(results.get(`${file} ${spec}`)).toEqual([expect.stringMatching(message)]);
});

test.each(allowed)('%s may import %s', (file, spec) => {
  expect(results.get(`${file} ${spec}`)).toEqual([]);
});
