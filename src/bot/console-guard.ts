// botbuilder writes to the console on its own: CloudAdapter.process prints every error it answers
// (a whole stack for each rejected channel token), and botframework-connector's JwtTokenExtractor
// prints the token error and the signing key it tried. Neither listens to LOG_LEVEL, and an error
// printed whole may quote the request. Calls that come from those packages (and only those) go to
// our logger instead: the error's class and code, never its message. test/bot/console-guard.test.ts
// fails when botbuilder's console calls move, so this stays as narrow as botbuilder is.
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from '../log';
import { errorFields } from '../log';

/** A stack frame inside botbuilder's packages (botbuilder, botbuilder-core, botframework-connector, …). */
export const BOTBUILDER_FRAME = /[\\/]node_modules[\\/](?:botbuilder(?:-[a-z-]+)?|botframework-[a-z-]+)[\\/]/;

const METHODS = ['error', 'warn', 'log'] as const;
type Method = (typeof METHODS)[number];

let target: Logger | undefined;
let installed = false;

/** The file that called console.<method>: the frame after this module's own. */
function callerFrame(): string {
  const stack = new Error().stack?.split('\n') ?? [];
  // [0] "Error", [1] callerFrame, [2] the patched console method, [3] its caller.
  return stack[3] ?? '';
}

/** What botbuilder printed, as fields: an error's class and code; for text, nothing of the text. */
function describe(args: unknown[]): Record<string, unknown> {
  const err = args.find((a) => a instanceof Error);
  if (err) return errorFields(err);
  return { printed: args.map((a) => typeof a).join(',') };
}

/** jsonwebtoken's errors, which botbuilder prints before it answers 401. */
const TOKEN_ERRORS = new Set(['TokenExpiredError', 'JsonWebTokenError', 'NotBeforeError', 'AuthenticationError']);

/** A rejected token: botbuilder's AuthenticationError (its name stays "Error") or jsonwebtoken's. */
function isTokenError(args: unknown[]): boolean {
  return args.some((a) => a instanceof AuthenticationError || (a instanceof Error && TOKEN_ERRORS.has(a.name)));
}

function route(method: Method, args: unknown[]): void {
  const log = target!;
  const fields = describe(args);
  // A rejected token is a caller's mistake or an attack, answered 401: not an error of ours.
  if (isTokenError(args)) log.info('botbuilder rejected a token', fields);
  else if (method === 'error' && 'error' in fields) log.error('botbuilder error', fields);
  else log.debug('botbuilder said', { method, ...fields });
}

/**
 * Sends botbuilder's console output to `log` from now on (the last logger given wins: one per
 * process in production). Everything else printed to the console is left as it is.
 */
export function routeBotbuilderConsole(log: Logger): void {
  target = log.child({ mod: 'botbuilder' });
  if (installed) return;
  installed = true;
  for (const method of METHODS) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      if (target && BOTBUILDER_FRAME.test(callerFrame())) route(method, args);
      else original(...args);
    };
  }
}
