// Speed-ups that lean on a library's internals (docs/decisions/007-library-internal-speed-ups.md).
// Each test fails loudly when the internal it relies on changes in an update, instead of the
// speed-up silently stopping (or, worse, doing something else).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { DialogSet, WaterfallDialog, type DialogState } from '../../dialogs/sdk';
import { createAdapter } from '../../src/bot/adapter';
import { loadConfig } from '../../src/config';
import { createI18n, defaultLocalesDir } from '../../src/i18n';
import i18next from 'i18next';
import { PG_URL } from '../support/db';

const root = path.resolve(__dirname, '..', '..');

test('botbuilder-dialogs keeps its memory scopes in turn state under the key src/bot/kvarterbot.ts hands on', async () => {
  const KEY = 'DialogStateManagerConfiguration';
  expect(fs.readFileSync(path.join(root, 'src/bot/kvarterbot.ts'), 'utf8')).toContain(`'${KEY}'`);
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  dialogs.add(new WaterfallDialog('w', [async (step) => step.endDialog()]));
  const activity = { type: ActivityTypes.Message, text: 'hej', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } } as Activity;

  const first = new TurnContext(new TestAdapter(), activity);
  await (await dialogs.createContext(first)).beginDialog('w');
  const scopes = first.turnState.get(KEY);
  expect(scopes).toEqual(expect.objectContaining({ memoryScopes: expect.any(Array) }));

  // A later turn given the first turn's scopes uses them instead of building its own.
  const second = new TurnContext(new TestAdapter(), activity);
  second.turnState.set(KEY, scopes);
  const dc = await dialogs.createContext(second);
  expect(dc.state.configuration).toBe(scopes);
});

test("CloudAdapter takes its ConnectorClient from the authentication's connector factory, so the Reusing* classes reuse one per service URL", async () => {
  const { adapter } = createAdapter(loadConfig({}));
  const clients: unknown[] = [];
  for (const id of ['a1', 'a2']) {
    const activity = { type: ActivityTypes.Message, id, text: 'hej', channelId: 'test', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } } as Activity;
    await adapter.processActivityDirect('', activity, async (ctx) => {
      clients.push(ctx.turnState.get(ctx.adapter.ConnectorClientKey));
    });
  }
  expect(clients[0]).toBeDefined();
  expect(clients[1]).toBe(clients[0]);
});

test('the translation memo gives what i18next itself gives, for every text in every language, first call and remembered', () => {
  const i18n = createI18n({ fallback: 'da' });
  const namespaces = ['common', 'signup', 'registrations', 'handoff', 'privacy'];
  const read = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(defaultLocalesDir, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
  const plain = i18next.createInstance();
  void plain.init({
    resources: Object.fromEntries(i18n.languages.map((l) => [l, Object.fromEntries(namespaces.map((ns) => [ns, read(l, ns)]))])),
    lng: 'da', fallbackLng: 'da', ns: namespaces, initAsync: false, returnNull: false, interpolation: { escapeValue: false },
  });
  const vars = { count: 2, name: 'Kvarterbot', months: 6, whenOver: 'x', activity: 'X', code: 'AB12', time: '17:00', date: '1/12' };
  const unisolated = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
  let checked = 0;
  for (const lang of i18n.languages) {
    for (const ns of namespaces) {
      const keys = Object.entries(read(lang, ns)).filter(([, v]) => typeof v === 'string').map(([k]) => `${ns}:${k}`);
      for (const key of keys) {
        const direct = unisolated(String(plain.getFixedT(lang)(key, vars)));
        expect(unisolated(i18n.t(lang, key, vars))).toBe(direct);
        expect(unisolated(i18n.t(lang, key, vars))).toBe(direct);
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(50);
});

test('pg still reads column types through Result.prototype.addFields, which prisma.config.ts patches for migrate', () => {
  // In a child process: the patch is global to the process that loads prisma.config.ts.
  const script = `
    require('./prisma.config.ts');
    const { Client } = require('pg');
    (async () => {
      const c = new Client({ connectionString: process.argv[1] });
      await c.connect();
      const r = await c.query('SELECT typname, typcategory FROM pg_type LIMIT 1');
      await c.end();
      console.log(JSON.stringify(r.fields.map((f) => f.dataTypeID)));
    })();`;
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script, PG_URL], { cwd: root, encoding: 'utf8' });
  // name (19) and "char" (18) arrive as text (25), as adapter-pg can read them.
  expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([25, 25]);
});
