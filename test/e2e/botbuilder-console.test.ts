// Issue 11, finding 11: botbuilder printed a stack trace to stderr for every rejected channel token,
// whatever LOG_LEVEL said. The real entry point (a child process), channel authentication on, a local
// OpenID metadata + keys server standing in for login.botframework.com: forged, expired, garbage and
// missing tokens are each 401, and stderr stays empty at LOG_LEVEL=error; at info our logger notes
// them on stdout with no token, key or message text.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { freshSqliteUrl } from '../support/db';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const root = path.resolve(__dirname, '..', '..');

let keys: http.Server;
let metadata: string;
let good: CryptoKey;
let other: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  good = pair.privateKey as CryptoKey;
  other = (await generateKeyPair('RS256')).privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'local-key-1', use: 'sig', alg: 'RS256' };
  keys = http.createServer((req, res) => {
    const port = (keys.address() as AddressInfo).port;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    else res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
  metadata = `http://127.0.0.1:${(keys.address() as AddressInfo).port}/openid`;
});
afterAll(() => keys.close());

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The entry point at a given LOG_LEVEL; ready when /healthz answers (at error level nothing says "listening"). */
async function start(level: string): Promise<{ child: ChildProcess; url: string; out: string[]; err: string[] }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: level, DATABASE_URL: freshSqliteUrl(),
      MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'local-secret', BOT_OPENID_METADATA_URL: metadata,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => err.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`exited: ${err.join('')}`);
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error('no start');
    await new Promise((r) => setTimeout(r, 100));
  }
  // Start-up output (node's own deprecation notices) is not what this test is about.
  out.length = 0;
  err.length = 0;
  return { child, url, out, err };
}

const sign = (key: CryptoKey, exp: string | number, kid = 'local-key-1') =>
  new SignJWT({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/teams/' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer('https://api.botframework.com')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(exp)
    .sign(key);

async function rejectedTokens(url: string): Promise<{ statuses: number[]; tokens: string[] }> {
  const tokens = [
    '',
    'Bearer not-a-jwt',
    `Bearer ${await sign(other, '10m')}`, // signed with a key the channel never published
    `Bearer ${await sign(good, Math.floor(Date.now() / 1000) - 3600)}`, // expired an hour ago
    `Bearer ${await sign(good, '10m', 'unknown-kid')}`,
  ];
  const statuses: number[] = [];
  for (const auth of tokens) {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify({ type: 'message', id: 'act-1', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/teams/', from: { id: 'u1' }, conversation: { id: 'c1' }, recipient: { id: APP_ID }, text: 'Amal 12345678' }),
    });
    statuses.push(res.status);
  }
  return { statuses, tokens: tokens.map((t) => t.replace('Bearer ', '')).filter((t) => t.length > 20) };
}

/**
 * Everything the child wrote, also after answering: it is stopped (SIGTERM, its normal shutdown)
 * and its stdout and stderr are read to their end, instead of waiting a fixed time for it to flush.
 */
async function stopped(bot: { child: ChildProcess }): Promise<void> {
  const { child } = bot;
  const closed = (s: NodeJS.ReadableStream) => new Promise<void>((r) => (s as unknown as { closed?: boolean }).closed ? r() : s.once('close', () => r()));
  const ended = Promise.all([closed(child.stdout!), closed(child.stderr!), child.exitCode !== null ? null : new Promise((r) => child.once('exit', r))]);
  child.kill('SIGTERM');
  let deadline: NodeJS.Timeout | undefined;
  await Promise.race([ended, new Promise((_, reject) => (deadline = setTimeout(() => reject(new Error('the bot did not stop within 30 s')), 30_000)))]).finally(() => clearTimeout(deadline));
}

test('LOG_LEVEL=error: rejected tokens are 401 and nothing reaches stderr', async () => {
  const bot = await start('error');
  try {
    const { statuses } = await rejectedTokens(bot.url);
    await stopped(bot);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(bot.err.join('')).toBe('');
    expect(bot.out.join('')).toBe('');
  } finally {
    bot.child.kill('SIGKILL');
  }
}, 120_000);

test('LOG_LEVEL=info: our logger notes the rejections on stdout, with no token, key or text', async () => {
  const bot = await start('info');
  try {
    const { statuses, tokens } = await rejectedTokens(bot.url);
    await stopped(bot);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(bot.err.join('')).toBe('');
    const lines = bot.out.join('').split('\n').filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.filter((l) => JSON.parse(l).msg === 'botbuilder rejected a token').length).toBeGreaterThanOrEqual(5);
    const all = lines.join('\n');
    for (const token of tokens) expect(all).not.toContain(token.slice(-40));
    expect(all).not.toMatch(/Available keys|Amal|12345678|BEGIN|"n":/);
  } finally {
    bot.child.kill('SIGKILL');
  }
}, 120_000);
