// Hostile and malformed requests against the real server (npm start's entry, a child process), as
// issue 11 asks: wrong types, missing fields, huge and deeply nested JSON, prototype keys, invalid
// UTF-8, RTL overrides, null bytes, lone surrogates, odd encodings, content types, methods and paths,
// against every route. No answer may be a 5xx (501 for an invoke botbuilder does not implement is
// its protocol's answer), the process never exits, its memory stays bounded, and a resident can
// still chat afterwards.
//
// The cases come from a seeded generator. `npm test` uses a fixed seed, so CI is reproducible;
// FUZZ_SEED=<n> tries another (FUZZ_SEED=random picks one and prints it), FUZZ_CASES changes the amount.
import http from 'node:http';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { freshSqliteUrl } from '../support/db';
import { FakeConnector } from '../support/fake-connector';
import { Chat, texts, type BotUnderTest } from '../support/harness';
import { startNodeProcess, type ServerProcess } from '../support/server-process';
import { TokenSigner } from '../../src/http/directline/tokens';

const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261130);
const CASES = Number(process.env.FUZZ_CASES ?? 1200);
const CONCURRENCY = 8;
const MAX_BODY = 65_536;
const STAFF_TOKEN = 'fuzz-staff-token-0123456789abcdef0123456789';
const DIRECTLINE_SECRET = 'fuzz-directline-secret-0123456789abcdef';
/** High enough that the generator reaches the code behind the limits (a 429 would still count as a 4xx). */
const UNLIMITED = '999999/1';

// ---------------------------------------------------------------- a seeded generator

class Rng {
  constructor(private state: number) {}
  /** mulberry32 */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const HOSTILE_STRINGS = [
  '', ' ', 'hej', 'مرحبا', 'hello', 'medarbejder', 'jeg vil tale med en person', 'tilmeld', '1', '0', '-1', 'yes', 'no',
  '\u202Ehej\u202C', '\u202Bمرحبا\u202C\u2066x\u2069', '\u200F\u200E', 'a\u0000b', '\u0000', '\uD800', 'x\uDC00y', '\uDBFF\uDFFF',
  '\uFEFF{}', '💥'.repeat(50), 'Z̷̢̛a̶l̸g̵o̶', '<script>alert(1)</script>', '${7*7}{{7*7}}', '../../../etc/passwd', '%00%2e%2e',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', '[object Object]',
  "'; DROP TABLE \"Resident\"; --", '\r\n\r\nHTTP/1.1 200 OK', 'x'.repeat(257), 'y'.repeat(5001), '٣', '𝟙𝟚', 'ﷺ', '\u0085\u2028\u2029',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '', '\u0000', 'then'];

function hostileString(rng: Rng): string {
  if (rng.chance(0.15)) {
    // Random code units, lone surrogates and controls included.
    return Array.from({ length: 1 + rng.int(40) }, () => String.fromCharCode(rng.int(0x10000))).join('');
  }
  return rng.pick(HOSTILE_STRINGS);
}

/** An object with own keys such as "__proto__" (a computed key defines a property, it does not set the prototype). */
function withKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return obj;
}

function hostileValue(rng: Rng, depth = 0): unknown {
  const kinds = depth > 3 ? 6 : 9;
  switch (rng.int(kinds)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 4294967296, 1e-320]);
    case 3:
    case 4:
    case 5:
      return hostileString(rng);
    case 6:
      return Array.from({ length: rng.int(4) }, () => hostileValue(rng, depth + 1));
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = rng.int(4); i >= 0; i--) withKey(obj, rng.chance(0.5) ? rng.pick(PROTO_KEYS) : hostileString(rng), hostileValue(rng, depth + 1));
      return obj;
    }
  }
}

/** Nesting as deep as the body limit allows (or deeper than a stack), as JSON text. */
function deepJson(rng: Rng, budget: number): string {
  if (rng.chance(0.5)) {
    const depth = Math.floor(budget / 2);
    return '['.repeat(depth) + ']'.repeat(depth);
  }
  const depth = Math.floor(budget / 8);
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

// ---------------------------------------------------------------- requests

interface Case {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send without Content-Length (chunked). */
  chunked?: boolean;
  /** 501 is botbuilder's answer to an invoke nobody handles. */
  invoke?: boolean;
}

interface Outcome {
  status?: number;
  error?: string;
  ms: number;
}

function send(base: URL, c: Case): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Omit<Outcome, 'ms'>) => {
      if (done) return;
      done = true;
      resolve({ ...o, ms: Date.now() - started });
    };
    let req: http.ClientRequest;
    try {
      req = http.request({
        host: base.hostname,
        port: base.port,
        method: c.method,
        path: c.path,
        agent: false,
        headers: { ...(c.body !== undefined && !c.chunked ? { 'content-length': String(c.body.length) } : {}), ...c.headers },
      });
    } catch (err) {
      // The client itself refuses (e.g. a header value it cannot send): nothing reached the server.
      return finish({ error: `client:${(err as NodeJS.ErrnoException).code ?? 'refused'}` });
    }
    req.setTimeout(20_000, () => {
      finish({ error: 'timeout' });
      req.destroy();
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => finish({ status: res.statusCode }));
      res.on('error', () => finish({ status: res.statusCode }));
    });
    // The server may answer (413, 415, 400) and close while the body is still being written.
    req.on('error', (err: NodeJS.ErrnoException) => setTimeout(() => finish({ error: err.code ?? 'error' }), 100));
    if (c.body !== undefined) req.write(c.body);
    req.end();
  });
}

// ---------------------------------------------------------------- what the generator knows about the server

interface Target {
  connectorUrl: string;
  /** Valid local Direct Line sessions (token and conversation), made before the fuzz starts. */
  sessions: { token: string; conversationId: string }[];
  connectorKey: string;
}

const ACTIVITY_TYPES = [
  'message', 'message', 'message', 'conversationUpdate', 'installationUpdate', 'invoke', 'invoke', 'event', 'messageReaction',
  'typing', 'endOfConversation', 'contactRelationUpdate', 'deleteUserData', 'messageUpdate', 'messageDelete', 'handoff',
  'trace', 'suggestion', 'command', 'commandResult', 'MESSAGE', 'Message', 'x', '__proto__', 'constructor',
];
const CHANNEL_IDS = ['webchat', 'msteams', 'msteams', 'directline', 'emulator', 'sms', 'slack', 'facebook', 'telegram', 'test', 'x'.repeat(64), '\u202Emsteams', 'MSTEAMS', 'omnichannel', '__proto__'];
const INVOKE_NAMES = [
  'adaptiveCard/action', 'task/fetch', 'task/submit', 'composeExtension/query', 'composeExtension/submitAction', 'signin/verifyState',
  'signin/tokenExchange', 'healthCheck', 'actionableMessage/executeAction', 'fileConsent/invoke', 'config/fetch', 'config/submit',
  'tab/fetch', 'tab/submit', 'message/submitAction', 'application/search', 'handoff/action', '__proto__', 'constructor', '', 'x'.repeat(300),
];
const EVENT_NAMES = ['webchat/join', 'setLanguage', 'language', 'handoff', 'tokens/response', 'ContinueConversation', '__proto__', '', 'x'.repeat(300)];

function teamsChannelData(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => ({ tenant: { id: hostileString(rng) }, team: { id: hostileString(rng), name: hostileString(rng) }, channel: { id: `19:${randomUUID()}@thread.tacv2` }, eventType: rng.pick(['teamMemberAdded', 'channelCreated', 'teamRenamed', 'x']) }),
    () => ({ tenant: null, team: 5, channel: 'general', eventType: [] }),
    () => ({ team: { id: '__proto__' }, channel: { id: 'constructor' }, settings: { selectedChannel: { id: null } } }),
    () => withKey({}, '__proto__', { isAdmin: true, team: { id: 'evil' } }),
    () => ({ tenant: { id: 'x'.repeat(5000) }, source: { name: 'message' }, legacy: { replyToId: hostileValue(rng) } }),
    () => hostileValue(rng),
    () => 'channelData as a string',
    () => [1, 2, 3],
  ])();
}

function attachment(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: hostileValue(rng) }),
    () => ({ contentType: 'image/png', contentUrl: rng.pick(['file:///etc/passwd', 'http://169.254.169.254/', 'data:,x', hostileString(rng)]) }),
    () => ({ contentType: 'text/html', content: '<img src=x onerror=alert(1)>' }),
    () => hostileValue(rng),
  ])();
}

/** A field's value for a case's label (it may be an object without a prototype's toString). */
const show = (v: unknown) => (typeof v === 'string' ? v.slice(0, 40) : typeof v);

/** A connector nobody listens on (connection refused at once). */
const UNREACHABLE = 'https://127.0.0.1:1/';
const UNREACHABLE_ID = 'unreachable-';

const someId = (rng: Rng, pool: string) => (rng.chance(0.5) ? `${pool}-${rng.int(6)}` : rng.chance(0.8) ? `${pool}-${randomUUID()}` : hostileString(rng) || `${pool}-empty`);

/** A Bot Framework activity that looks real, then bent in one or two places. */
function plausibleActivity(rng: Rng, t: Target): { activity: Record<string, unknown>; invoke: boolean } {
  const type = rng.pick(ACTIVITY_TYPES);
  const channelId = rng.pick(CHANNEL_IDS);
  const a: Record<string, unknown> = {
    type,
    id: someId(rng, 'act'),
    timestamp: new Date().toISOString(),
    channelId,
    serviceUrl: rng.chance(0.9) ? t.connectorUrl : rng.pick([UNREACHABLE, 'file:///etc/passwd', 'http://10.0.0.1/', 'javascript:alert(1)', 'https://user:pw@127.0.0.1:1/', 'not a url']),
    from: { id: someId(rng, 'user'), name: hostileString(rng), ...(rng.chance(0.2) ? { aadObjectId: hostileString(rng), role: rng.pick(['user', 'bot', 'skill', 'x']) } : {}) },
    recipient: { id: 'kvarterbot', name: 'Kvarterbot' },
    conversation: { id: someId(rng, 'conv'), ...(rng.chance(0.2) ? { isGroup: hostileValue(rng), conversationType: rng.pick(['channel', 'personal', 'groupChat', 'x']), tenantId: hostileString(rng) } : {}) },
    locale: rng.pick(['da', 'ar', 'en', 'da-DK', 'ar-EG', 'en-US', 'xx', '', 'x'.repeat(20), '__proto__', '\u202Eda']),
  };
  if (type.toLowerCase() === 'message' || rng.chance(0.3)) a.text = hostileString(rng);
  if (rng.chance(0.3)) a.value = hostileValue(rng);
  if (type === 'invoke') a.name = rng.pick(INVOKE_NAMES);
  if (type === 'event') a.name = rng.pick(EVENT_NAMES);
  if (type === 'conversationUpdate' || rng.chance(0.1)) {
    a.membersAdded = rng.pick<() => unknown>([() => [{ id: (a.from as { id: string }).id }, { id: 'kvarterbot' }], () => [], () => 'everyone', () => [null], () => [{}], () => [{ id: 5 }], () => hostileValue(rng)])();
    if (rng.chance(0.3)) a.membersRemoved = rng.pick<() => unknown>([() => [{ id: 'kvarterbot' }], () => {}, () => hostileValue(rng)])();
  }
  if (type === 'installationUpdate') a.action = rng.pick(['add', 'remove', 'add-upgrade', 'remove-upgrade', '', hostileString(rng)]);
  if (type === 'messageReaction') {
    a.reactionsAdded = rng.pick<() => unknown>([() => [{ type: 'like' }], () => [{ type: null }], () => 'like', () => hostileValue(rng)]);
    if (rng.chance(0.5)) a.reactionsRemoved = hostileValue(rng);
    a.replyToId = someId(rng, 'act');
  }
  if (channelId.toLowerCase().includes('msteams') || rng.chance(0.15)) a.channelData = teamsChannelData(rng);
  if (rng.chance(0.15)) a.attachments = rng.chance(0.7) ? [attachment(rng)] : attachment(rng);
  if (rng.chance(0.1)) a.entities = rng.chance(0.7) ? [hostileValue(rng), { type: 'mention', mentioned: { id: 'kvarterbot' }, text: '<at>Kvarterbot</at>' }] : hostileValue(rng);
  if (rng.chance(0.1)) a.suggestedActions = hostileValue(rng);
  if (rng.chance(0.05)) a.value = JSON.parse(deepJson(rng, 4000));
  if (rng.chance(0.05)) a.channelData = JSON.parse(deepJson(rng, 4000));

  // Bend it: drop a field, give a field the wrong type, or add prototype keys at the top.
  for (let i = rng.int(3); i > 0; i--) {
    const field = rng.pick(['type', 'id', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation', 'text', 'locale', 'timestamp', 'replyToId', 'localTimestamp', 'name', 'value']);
    switch (rng.int(4)) {
      case 0:
        delete a[field];
        break;
      case 1:
        a[field] = hostileValue(rng);
        break;
      case 2:
        if (field === 'from' || field === 'conversation' || field === 'recipient') a[field] = { id: rng.pick([null, 5, [], {}, 'x'.repeat(257), hostileString(rng)]) };
        else a[field] = rng.pick([null, 5, [], {}, true]);
        break;
      default:
        withKey(a, rng.pick(PROTO_KEYS), hostileValue(rng));
    }
  }
  // A turn whose replies cannot be delivered fails, rightly: its id says so in the log.
  if (a.serviceUrl === UNREACHABLE) a.id = `${UNREACHABLE_ID}${rng.int(1e9)}`;
  return { activity: a, invoke: type === 'invoke' };
}

// ---------------------------------------------------------------- bodies, encodings, content types

function encodeBody(rng: Rng, json: string): { body: Buffer; headers: Record<string, string>; label: string } {
  let body = Buffer.from(json, 'utf8');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let label = 'json';
  // Bytes that are not UTF-8 (or that encode a lone surrogate), or a BOM.
  if (rng.chance(0.08)) {
    const bad = rng.pick([Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from([0xe2, 0x82])]);
    const at = Math.max(0, body.indexOf('"') + 1);
    body = Buffer.concat([body.subarray(0, at), bad, body.subarray(at)]);
    label = 'invalid-utf8';
  } else if (rng.chance(0.03)) {
    body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    label = 'bom';
  } else if (rng.chance(0.04)) {
    body = body.subarray(0, rng.int(body.length));
    label = 'truncated';
  }
  if (rng.chance(0.2)) {
    const how = rng.pick(['gzip', 'deflate', 'br', 'identity', 'x-gzip', 'GZIP', 'gzip, br', 'compress', 'garbage', 'gzip-not', 'deflate-not', 'br-not', 'gzip-truncated']);
    switch (how) {
      case 'gzip':
      case 'x-gzip':
      case 'GZIP':
        body = zlib.gzipSync(body);
        headers['content-encoding'] = how;
        break;
      case 'deflate':
        body = zlib.deflateSync(body);
        headers['content-encoding'] = how;
        break;
      case 'br':
        body = zlib.brotliCompressSync(body);
        headers['content-encoding'] = how;
        break;
      case 'gzip-truncated': {
        const z = zlib.gzipSync(body);
        body = z.subarray(0, Math.max(1, z.length - 1 - rng.int(10)));
        headers['content-encoding'] = 'gzip';
        break;
      }
      case 'gzip-not':
      case 'deflate-not':
      case 'br-not':
        headers['content-encoding'] = how.replace('-not', '');
        break;
      default:
        headers['content-encoding'] = how;
    }
    label += `+${how}`;
  }
  if (rng.chance(0.15)) {
    const type = rng.pick([null, 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/json; charset=utf-16',
      'application/x-www-form-urlencoded', 'application/json;charset=UTF-8', 'APPLICATION/JSON', 'application/jsonx', 'application/merge-patch+json', '', 'application/json; charset="utf-8"; x=y']);
    if (type === null) delete headers['content-type'];
    else headers['content-type'] = type;
    label += `+ct(${type})`;
  }
  return { body, headers, label };
}

/** Bodies that are not an activity at all: wrong JSON types, huge, deep, the limit ± a little, a gzip bomb. */
function oddBody(rng: Rng): { body: Buffer; headers: Record<string, string>; label: string } {
  const json = { 'content-type': 'application/json' };
  switch (rng.int(9)) {
    case 0:
      return { body: Buffer.from(rng.pick(['null', 'true', '0', '"x"', '[]', '{}', '[{}]', '1e999', '-', '{"a":', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'])), headers: json, label: 'json-scalar' };
    case 1: {
      const size = rng.chance(0.5) ? MAX_BODY - 64 - rng.int(1000) : MAX_BODY + 1 + rng.int(5000);
      return { body: Buffer.from(`{"text":"${'a'.repeat(size)}"}`), headers: json, label: size < MAX_BODY ? 'huge-within' : 'huge-beyond' };
    }
    case 2: {
      const budget = rng.chance(0.7) ? MAX_BODY - 16 : MAX_BODY * 2;
      return { body: Buffer.from(deepJson(rng, budget)), headers: json, label: budget < MAX_BODY ? 'deep-within' : 'deep-beyond' };
    }
    case 3: {
      // Inflates past the limit from a few hundred bytes.
      const body = zlib.gzipSync(Buffer.from(' '.repeat(MAX_BODY * (1 + rng.int(20))) + '{}'));
      return { body, headers: { ...json, 'content-encoding': 'gzip' }, label: 'gzip-bomb' };
    }
    case 4:
      return { body: Buffer.from('--x\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\n' + 'x'.repeat(rng.int(MAX_BODY * 2)) + '\r\n--x--\r\n'), headers: { 'content-type': 'multipart/form-data; boundary=x' }, label: 'multipart' };
    case 5:
      return { body: Buffer.from(JSON.stringify(hostileValue(rng))), headers: json, label: 'random-json' };
    case 6:
      return { body: Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x00, 0x7d]), headers: json, label: 'binary' };
    case 7: {
      // Many keys: a wide object just within the limit.
      const keys = Array.from({ length: 4000 }, (_, i) => `"k${i}":${i}`).join(',');
      return { body: Buffer.from(`{${keys}}`), headers: json, label: 'wide' };
    }
    default:
      return { body: Buffer.from(`{"type":"message","text":"${'\\u0000\\ud800\\u202e'.repeat(500)}"}`), headers: json, label: 'escapes' };
  }
}

// ---------------------------------------------------------------- the generators, one per kind of case

const ODD_PATHS = [
  '/api/messages/', '//api/messages', '/api//messages', '/API/MESSAGES', '/api/messages/../parse', '/api/%2e%2e/parse', '/api/messages%00', '/api/messages%00.json',
  '/web-chat/../../package.json', '/web-chat/..%2f..%2fpackage.json', '/web-chat/%2e%2e%2f.env', '/web-chat/__proto__', '/web-chat/constructor', '/web-chat/hasOwnProperty',
  '/web-chat/%E0%A4%A', '/web-chat/%ZZ', '/web-chat/%C0%AF', '/web-chat/%F0%9F%92%A5', '/web-chat/app.js%00', '/web-chat/app.js/', '/web-chat/', '/web-chat',
  '/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7', '/privacy/../terms', '/privacy%00', '/terms?lang=__proto__', '/privacy?lang[]=ar', '/?lang=ar&lang=en', '/?lang=%ZZ',
  '/healthz/', '/healthz?x=%', '/api/activities?lang=__proto__', '/api/activities?lang[x]=1', '/api/activities?__proto__[polluted]=1', '/api/activities?constructor[prototype][x]=1',
  '/api/sessions/__proto__.ics', '/api/sessions/%ZZ.ics', '/api/sessions/..%2f..%2fetc%2fpasswd', '/api/sessions/.ics', '/api/sessions/x.ics?lang=__proto__',
  '/v3/directline/conversations/%ZZ/activities', '/v3/directline/conversations//activities', '/v3/directline/tokens/generate/', '/v3/directline/../directline/tokens/generate',
  '/api/staff/registrations/../registrations', '/api/staff/%72egistrations', '/api/staff/', '/api/staff/audit', '/api/staff/registrations?format=csv%00',
  '/guardian/%ZZ', '/guardian/__proto__', '/guardian/' + 'x'.repeat(300), '/tab', '/tab/../privacy', '/.env', '/.git/config', '/node_modules/botbuilder/package.json',
  '*', '/\\..\\..\\windows', '/%2F%2F', '/;jsessionid=1', '/#frag', '/?' + '&a=1'.repeat(2000),
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'MKCOL', 'PURGE'];

/** Every byte percent-encoded (lone surrogates included, which encodeURIComponent refuses). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function longPath(rng: Rng): string {
  return rng.pick(['/api/messages/', '/web-chat/', '/v3/directline/conversations/', '/']) + rng.pick(['a', '%00', '../', '%E2%80%AE', '/']).repeat(100 + rng.int(3000));
}

function dlAuth(rng: Rng, t: Target, own: { token: string }): Record<string, string> {
  const other = rng.pick(t.sessions).token;
  const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
  const forged = (() => {
    const [h, , s] = own.token.split('.');
    const payload = Buffer.from(JSON.stringify({ iss: 'kvarterbot-directline', conv: rng.pick(t.sessions).conversationId, user: 'dl_evil', iat: 0, exp: 9e9 })).toString('base64url');
    return `${h}.${payload}.${s}`;
  })();
  const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${own.token.split('.')[1]}.`;
  const value = rng.pick<string | null>([
    `Bearer ${own.token}`, `Bearer ${own.token}`, `Bearer ${own.token}`, `Bearer ${other}`, `Bearer ${flip(own.token)}`, `Bearer ${forged}`, `Bearer ${noneAlg}`,
    null, '', 'Bearer', 'Bearer ', `bearer ${own.token}`, `Basic ${own.token}`, `Bearer ${own.token} extra`, `Bearer ${'x'.repeat(8000)}`, 'Bearer a.b.c', 'Bearer ...', `Bearer ${own.token.split('.').slice(0, 2).join('.')}`,
  ]);
  return value === null ? {} : { authorization: value };
}

type Generator = (rng: Rng, t: Target) => Case;

const generators: Record<string, Generator> = {
  'messages: plausible activity': (rng, t) => {
    const { activity, invoke } = plausibleActivity(rng, t);
    const { body, headers, label } = rng.chance(0.75) ? { body: Buffer.from(JSON.stringify(activity)), headers: { 'content-type': 'application/json' }, label: 'json' } : encodeBody(rng, JSON.stringify(activity));
    return { label: `${show(activity.type)}/${show(activity.channelId)}/${show(activity.name)} ${label}`, method: 'POST', path: '/api/messages', headers, body, invoke };
  },
  'messages: odd body': (rng) => {
    const { body, headers, label } = oddBody(rng);
    return { label, method: 'POST', path: '/api/messages', headers, body, chunked: rng.chance(0.2) };
  },
  'messages: authorization header': (rng, t) => {
    const { activity, invoke } = plausibleActivity(rng, t);
    const auth = rng.pick(['Bearer ', 'Bearer x.y.z', `Bearer ${'a'.repeat(10_000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.', 'Basic Zm9vOmJhcg==', '\u00ff\u00fe']);
    return { label: 'auth header', method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json', authorization: auth }, body: Buffer.from(JSON.stringify(activity)), invoke };
  },
  parse: (rng) => {
    const kind = rng.int(3);
    if (kind === 0) {
      const { body, headers, label } = oddBody(rng);
      return { label: `parse ${label}`, method: 'POST', path: '/api/parse', headers, body };
    }
    const value: Record<string, unknown> = { text: hostileString(rng) || 'hej' };
    if (rng.chance(0.5)) value.lang = rng.pick(['da', 'ar', 'en', 'xx', '', 'DA', '__proto__', 5, null, ['da']]);
    if (rng.chance(0.3)) value.text = hostileValue(rng);
    if (rng.chance(0.2)) withKey(value, rng.pick(PROTO_KEYS), hostileValue(rng));
    const { body, headers, label } = encodeBody(rng, JSON.stringify(value));
    return { label: `parse ${label}`, method: 'POST', path: '/api/parse', headers, body };
  },
  'directline: tokens': (rng, t) => {
    const own = rng.pick(t.sessions);
    const path = rng.pick(['/v3/directline/tokens/generate', '/v3/directline/tokens/refresh']);
    const b = rng.chance(0.5) ? oddBody(rng) : encodeBody(rng, JSON.stringify(rng.chance(0.5) ? { user: { id: hostileValue(rng) } } : hostileValue(rng)));
    return { label: `${path} ${b.label}`, method: 'POST', path, headers: { ...b.headers, ...dlAuth(rng, t, own) }, body: rng.chance(0.3) ? undefined : b.body };
  },
  'directline: conversations': (rng, t) => {
    const own = rng.pick(t.sessions);
    const b = rng.chance(0.3) ? oddBody(rng) : encodeBody(rng, JSON.stringify(rng.pick([{ locale: hostileValue(rng) }, { user: { id: 'x' }, locale: rng.pick(['da', 'ar-EG', 'en-US', '__proto__', 'x'.repeat(30)]) }, hostileValue(rng)])));
    return { label: `conversations ${b.label}`, method: 'POST', path: '/v3/directline/conversations', headers: { ...b.headers, ...dlAuth(rng, t, own) }, body: rng.chance(0.2) ? undefined : b.body };
  },
  'directline: get': (rng, t) => {
    const own = rng.pick(t.sessions);
    const conv = rng.pick([own.conversationId, own.conversationId, rng.pick(t.sessions).conversationId, pct(hostileString(rng)) || 'x', '__proto__', '%ZZ']);
    const wm = rng.pick(['', '?watermark=', '?watermark=0', '?watermark=3', '?watermark=-1', '?watermark=1e99', '?watermark=999999999', '?watermark=__proto__', '?watermark[]=1', '?watermark=1&watermark=2', '?watermark=%00']);
    const path = rng.chance(0.8) ? `/v3/directline/conversations/${conv}/activities${wm}` : `/v3/directline/conversations/${conv}`;
    return { label: 'dl get', method: 'GET', path, headers: dlAuth(rng, t, own) };
  },
  'directline: post activity': (rng, t) => {
    const own = rng.pick(t.sessions);
    const conv = rng.chance(0.85) ? own.conversationId : rng.pick([rng.pick(t.sessions).conversationId, '__proto__', pct(hostileString(rng)) || 'x']);
    const activity: Record<string, unknown> = {
      type: rng.pick(['message', 'message', 'event', 'invoke', 'conversationUpdate', 'x', 5]),
      text: hostileString(rng),
      from: { id: rng.pick(['dl_evil', 'user-1', own.conversationId]) },
      channelData: rng.pick([{ clientActivityID: randomUUID() }, teamsChannelData(rng), undefined]),
      locale: rng.pick(['da', 'ar', 'en-US', undefined, hostileString(rng)]),
    };
    if (activity.type === 'event') activity.name = rng.pick(EVENT_NAMES);
    if (rng.chance(0.3)) activity.value = hostileValue(rng);
    if (rng.chance(0.05)) activity.value = JSON.parse(deepJson(rng, 4000));
    if (rng.chance(0.1)) activity.attachments = [attachment(rng)];
    if (rng.chance(0.1)) activity.entities = rng.pick([[hostileValue(rng)], hostileValue(rng), Array.from({ length: 20 }, () => ({}))]);
    if (rng.chance(0.1)) activity.textFormat = rng.pick(['plain', 'markdown', 'xml', 'html', 5]);
    if (rng.chance(0.1)) withKey(activity, rng.pick(PROTO_KEYS), hostileValue(rng));
    const b = rng.chance(0.15) ? oddBody(rng) : encodeBody(rng, JSON.stringify(activity));
    return { label: `dl activity ${show(activity.type)} ${b.label}`, method: 'POST', path: `/v3/directline/conversations/${conv}/activities`, headers: { ...b.headers, ...dlAuth(rng, t, own) }, body: b.body };
  },
  'directline: connector': (rng, t) => {
    const key = rng.pick([t.connectorKey, t.connectorKey, 'x'.repeat(32), '', '__proto__', t.connectorKey.slice(1)]);
    const conv = rng.pick([rng.pick(t.sessions).conversationId, '__proto__', 'missing']);
    const reply = rng.chance(0.5) ? `/${pct(hostileString(rng)) || 'r'}` : '';
    const b = rng.chance(0.7) ? encodeBody(rng, JSON.stringify(rng.pick([{ type: 'message', text: hostileString(rng) }, { type: hostileValue(rng) }, hostileValue(rng), { type: 'message', text: 'x'.repeat(MAX_BODY - 100) }]))) : oddBody(rng);
    return { label: `dl connector ${b.label}`, method: 'POST', path: `/v3/directline/connector/${key}/v3/conversations/${conv}/activities${reply}`, headers: b.headers, body: b.body };
  },
  'static and pages': (rng) => {
    const path = rng.pick(['/', '/?lang=ar', '/web-chat/app.js', '/web-chat/app.css', '/web-chat/webchat.js?v=x', '/privacy', '/terms', '/healthz', '/api/activities', '/api/activities?lang=ar', '/tab', '/api/sessions/x.ics', ...ODD_PATHS]);
    const headers: Record<string, string> = {};
    if (rng.chance(0.5)) headers['accept-encoding'] = rng.pick(['gzip', 'br', 'gzip;q=0, *', '*', 'x'.repeat(4000), 'gzip, deflate, br']);
    if (rng.chance(0.5)) headers['accept-language'] = rng.pick(['ar', 'da-DK,da;q=0.9', '*', '__proto__', ';;;,,,', 'x'.repeat(4000), 'ar-EG;q=abc, en;q=-1']);
    if (rng.chance(0.2)) headers.range = rng.pick(['bytes=0-10', 'bytes=-1', 'bytes=999999999-', 'x']);
    if (rng.chance(0.2)) headers['if-none-match'] = rng.pick(['*', '"x"', 'W/"' + 'x'.repeat(1000) + '"']);
    return { label: 'static', method: rng.chance(0.85) ? 'GET' : 'HEAD', path, headers };
  },
  'staff api': (rng) => {
    const auth = rng.pick<string | null>([null, `Bearer ${STAFF_TOKEN}`, `Bearer ${STAFF_TOKEN}`, STAFF_TOKEN, `bearer ${STAFF_TOKEN}`, `Bearer ${STAFF_TOKEN} `, `Bearer ${STAFF_TOKEN.slice(1)}`, 'Bearer ', `Basic ${STAFF_TOKEN}`, `Bearer ${'x'.repeat(8000)}`]);
    const query = rng.pick(['', '?format=csv', '?format=json', '?activity=__proto__', '?activity[]=x', '?activity=%00', '?session=' + 'x'.repeat(3000), '?format=csv&format=csv', '?activity=' + pct(hostileString(rng)), '?__proto__[x]=1']);
    const path = rng.pick(['/api/staff/registrations', '/api/staff/registrations', '/api/staff/audit', '/api/staff/', '/api/staff/__proto__', '/api/staff/registrations.csv']) + query;
    const method = rng.chance(0.85) ? 'GET' : rng.pick(['POST', 'DELETE', 'PUT']);
    const b = method === 'GET' ? undefined : encodeBody(rng, JSON.stringify(hostileValue(rng)));
    return { label: 'staff', method, path, headers: { ...(auth === null ? {} : { authorization: auth }), ...(b?.headers ?? {}) }, body: b?.body };
  },
  'odd methods and paths': (rng) => {
    const method = rng.pick(METHODS);
    const path = rng.chance(0.2) ? longPath(rng) : rng.pick(ODD_PATHS);
    const withBody = method !== 'GET' && method !== 'HEAD' && rng.chance(0.5);
    const b = withBody ? (rng.chance(0.5) ? oddBody(rng) : encodeBody(rng, JSON.stringify(hostileValue(rng)))) : undefined;
    const headers: Record<string, string> = { ...(b?.headers ?? {}) };
    if (rng.chance(0.2)) headers['x-forwarded-for'] = rng.pick(['1.2.3.4', '::1', 'not-an-ip', '999.999.999.999', '1.2.3.4, 5.6.7.8', ', ,', 'x'.repeat(2000), '__proto__']);
    if (rng.chance(0.1)) headers['transfer-encoding'] = 'chunked';
    return { label: `${method} odd path`, method, path, headers, body: b?.body, chunked: headers['transfer-encoding'] === 'chunked' };
  },
};

// ---------------------------------------------------------------- the run

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json().catch(() => null) };
}

test(`fuzz: ${CASES} hostile requests, no 5xx, no exit, bounded memory, then a normal conversation (seed ${SEED})`, async () => {
  console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} npx jest test/e2e/fuzz.test.ts)`);
  const connector = await new FakeConnector().start();
  let proc: ServerProcess | undefined;
  const stderr: string[] = [];
  let exit: string | null = null;
  try {
    proc = await startNodeProcess(['src/main.ts'], {
      DATABASE_URL: freshSqliteUrl(),
      // info: the start-up line the helper waits for; warnings and errors go to stderr, which is collected.
      LOG_LEVEL: 'info',
      STAFF_API_TOKEN: STAFF_TOKEN,
      DIRECTLINE_SECRET,
      MAX_BODY_BYTES: String(MAX_BODY),
      TRUST_PROXY: '1',
      RATE_LIMIT_MESSAGES: UNLIMITED,
      RATE_LIMIT_HANDOFFS: UNLIMITED,
      RATE_LIMIT_HANDOFFS_PER_IP: UNLIMITED,
      RATE_LIMIT_DIRECTLINE_PER_IP: UNLIMITED,
      RATE_LIMIT_PARSE_PER_IP: UNLIMITED,
      RATE_LIMIT_WEB_CHAT_TOKEN_PER_IP: UNLIMITED,
    });
    const pid = proc.child.pid!;
    proc.child.stderr!.on('data', (d: Buffer) => stderr.push(...d.toString('utf8').split('\n').filter(Boolean)));
    proc.child.on('exit', (code, signal) => (exit = `code ${code} signal ${signal}`));
    const base = new URL(proc.url);

    // Valid web chat sessions for the Direct Line cases.
    const sessions: Target['sessions'] = [];
    for (let i = 0; i < 4; i++) {
      const { json } = await post(proc.url, '/v3/directline/tokens/generate', {});
      if (i < 3) await post(proc.url, '/v3/directline/conversations', {}, { authorization: `Bearer ${json.token}` });
      sessions.push({ token: json.token, conversationId: json.conversationId });
    }
    const target: Target = { connectorUrl: connector.url, sessions, connectorKey: new TokenSigner(DIRECTLINE_SECRET).derive('directline-connector') };

    // Warm up (the first turns compile and load), then measure.
    const warm = new Chat({ connector, url: proc.url } as unknown as BotUnderTest, {});
    await warm.say('hej');
    const rssBefore = rssKb(pid);

    const rng = new Rng(SEED);
    const names = Object.keys(generators);
    const cases: Case[] = Array.from({ length: CASES }, (_, i) => {
      const name = names[i % names.length];
      const c = generators[name](rng, target);
      return { ...c, label: `#${i} ${name}: ${c.label}` };
    });

    const statuses = new Map<number | string, number>();
    const serverErrors: string[] = [];
    const transportErrors: string[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length && exit === null) {
          const c = cases[next++];
          const o = await send(base, c);
          const key = o.status ?? o.error ?? 'none';
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (o.status !== undefined && o.status >= 500 && !(o.status === 501 && c.invoke)) {
            serverErrors.push(`${o.status} ${c.method} ${c.path.slice(0, 120)} ${c.label.slice(0, 160)}`);
          }
          // A reset after a refusal (the server closes a connection whose body it will not read) is
          // fine; a request that hangs is not.
          if (o.error === 'timeout') transportErrors.push(`${c.method} ${c.path.slice(0, 120)} ${c.label.slice(0, 160)}`);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const rssAfter = rssKb(pid);

    // A resident afterwards: a greeting gets a reply (fresh ids: nothing the fuzz did limits it).
    const chat = new Chat({ connector, url: proc.url } as unknown as BotUnderTest, { locale: 'da' });
    const reply = await chat.say('hej');
    const health = await fetch(`${proc.url}/healthz`);

    const botbuilderLines = stderr.filter((l) => !l.startsWith('{'));
    const logged = stderr.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const errorLines = logged.map((l) => `${l.msg}${l.error ? ` (${l.error})` : ''}`);
    // A turn the input broke (the bot apologised instead of answering or refusing): a bug like a 5xx.
    const brokenTurns = logged.filter((l) => l.msg === 'turn failed' && !String(l.activityId ?? '').startsWith(UNREACHABLE_ID));
    if (process.env.FUZZ_VERBOSE) console.log(stderr.join('\n'));
    console.log(
      [
        `fuzz seed ${SEED}: ${cases.length} cases in ${seconds.toFixed(1)} s`,
        `statuses: ${[...statuses.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([k, v]) => `${k}×${v}`).join(' ')}`,
        `5xx (not 501 invoke): ${serverErrors.length}; hung: ${transportErrors.length}; turns broken by input: ${brokenTurns.length}; exit: ${exit ?? 'none'}`,
        `RSS before ${(rssBefore / 1024).toFixed(0)} MB, after ${(rssAfter / 1024).toFixed(0)} MB`,
        `server error log lines: ${errorLines.length} (${[...new Set(errorLines)].join(', ')}); other stderr lines: ${botbuilderLines.length}`,
      ].join('\n'),
    );

    expect({ seed: SEED, exit }).toEqual({ seed: SEED, exit: null });
    expect({ seed: SEED, serverErrors: serverErrors.slice(0, 20) }).toEqual({ seed: SEED, serverErrors: [] });
    expect({ seed: SEED, hung: transportErrors.slice(0, 20) }).toEqual({ seed: SEED, hung: [] });
    expect({ seed: SEED, brokenTurns: brokenTurns.slice(0, 10) }).toEqual({ seed: SEED, brokenTurns: [] });
    expect(rssAfter - rssBefore).toBeLessThan(150 * 1024);
    expect(texts(reply).length).toBeGreaterThan(0);
    expect(health.status).toBe(200);
  } finally {
    await proc?.kill('SIGKILL');
    await connector.stop();
  }
}, 180_000);
