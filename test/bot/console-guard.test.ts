// botbuilder's own console output goes through our logger (src/bot/console-guard.ts). The guard is
// matched to where botbuilder prints today: when an update adds, moves or removes a console call,
// the first test fails and names it, so the guard is looked at again rather than silently leaking.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { Logger } from '../../src/log';
import { BOTBUILDER_FRAME, routeBotbuilderConsole } from '../../src/bot/console-guard';

const PACKAGES = ['botbuilder', 'botbuilder-core', 'botbuilder-dialogs', 'botframework-connector', 'botframework-schema', 'botframework-streaming'];

/** Every console call in the packages' Node code (not their browser bundles), as "package/file: call". */
function consoleCalls(): string[] {
  const calls: string[] = [];
  for (const pkg of PACKAGES) {
    const lib = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'lib');
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.js') && !entry.name.startsWith('browser')) {
          for (const line of fs.readFileSync(full, 'utf8').split('\n')) {
            const m = /^\s*(console\.(?:error|warn|log|info|debug|trace)\(.{0,40})/.exec(line);
            if (m) calls.push(`${pkg}/${path.relative(lib, full)}: ${m[1]}`);
          }
        }
      }
    };
    walk(lib);
  }
  return calls.sort();
}

test("botbuilder's console calls are the ones the guard was written for (botbuilder 4.23)", () => {
  expect(consoleCalls()).toEqual([
    'botbuilder-core/transcriptLogger.js: console.error(`TranscriptLoggerMiddleware logActivity ',
    'botbuilder-core/transcriptLogger.js: console.error(`TranscriptLoggerMiddleware logActivity ',
    'botbuilder-core/transcriptLogger.js: console.error(err.stack);',
    "botbuilder-core/transcriptLogger.js: console.log('Activity Log:', activity);",
    'botbuilder-dialogs/memory/dialogStateManager.js: console.warn(`DialogStateManager.getValue: a scope of',
    'botbuilder/botFrameworkAdapter.js: console.error(err.message);',
    'botbuilder/channelServiceRoutes.js: console.error(err);',
    'botbuilder/cloudAdapter.js: console.error(err);',
    "botbuilder/cloudAdapter.js: console.warn('BadRequest: Missing activity or activit",
    'botbuilder/inspectionMiddleware.js: console.warn(`Exception in inbound interception ${err',
    'botbuilder/inspectionMiddleware.js: console.warn(`Exception in outbound interception ${er',
    'botbuilder/inspectionMiddleware.js: console.warn(`Exception in state interception ${err}`',
    'botframework-connector/auth/jwtTokenExtractor.js: console.error(`Error finding key for token. Available ',
    'botframework-connector/auth/jwtTokenExtractor.js: console.error(err);',
    "botframework-streaming/namedPipe/namedPipeServer.js: console.warn('NamedPipeServer: The autoReconnect para",
  ]);
});

test('the packages that print are the ones the guard recognises', () => {
  for (const pkg of PACKAGES) expect(require.resolve(pkg)).toMatch(BOTBUILDER_FRAME);
  expect('/work/node_modules/restify/lib/server.js').not.toMatch(BOTBUILDER_FRAME);
  expect('/work/src/bot/kvarterbot.ts').not.toMatch(BOTBUILDER_FRAME);
});

test("botbuilder's printing goes to our logger (class only, no message); everyone else's is untouched", () => {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: (msg, fields) => lines.push({ level: 'debug', msg, fields }),
    info: (msg, fields) => lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', msg, fields }),
    child: () => logger,
  };
  const printed = jest.fn();
  const saved = console.error;
  console.error = printed;
  try {
    routeBotbuilderConsole(logger);
    // Code whose file is inside botbuilder, as the token check's console.error(err) is.
    const filename = path.join(path.dirname(require.resolve('botframework-connector')), 'auth', 'fake.js');
    const fromBotbuilder = (code: string) => vm.compileFunction(code, ['console', 'Error', 'TypeError'], { filename })(console, Error, TypeError);
    fromBotbuilder(`(() => { const e = new Error('token for Amal +4512345678'); e.name = 'AuthenticationError'; console.error(e); })()`);
    fromBotbuilder(`console.error('Error finding key for token. Available keys: secret-key-material')`);
    fromBotbuilder(`console.error(new TypeError('boom with user text'))`);
    console.error('our own line');

    expect(printed.mock.calls).toEqual([['our own line']]);
    expect(lines.map((l) => [l.level, l.msg, l.fields?.error])).toEqual([
      ['info', 'botbuilder rejected a token', 'AuthenticationError'],
      ['debug', 'botbuilder said', undefined],
      ['error', 'botbuilder error', 'TypeError'],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/Amal|4512345678|secret-key-material|user text/);
  } finally {
    console.error = saved;
  }
});
