// Rate limits (issue 11, findings 7 and 8): how often one caller may do one thing. Counted with
// rate-limiter-flexible in PostgreSQL when the bot runs on it (every instance counts in one table),
// in memory on SQLite (one instance). The counters' keys are hashed: no IP address or user id is
// stored in the table. Should the database fail, a memory limiter takes over in this instance:
// limits stay on, residents are not turned away because a counter could not be written.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Request, Response } from 'restify';

/** What is limited, and for whom (README, "Security"). */
export type LimitName =
  | 'message' // per conversation and user: messages and events into the bot
  | 'handoff' // per resident: handoffs opened
  | 'handoffIp' // per client IP (web chat): handoffs opened
  | 'directlineToken' // per client IP: POST /v3/directline/tokens/generate
  | 'directlineConversation' // per client IP: conversations started
  | 'parse' // per client IP: POST /api/parse
  | 'webChatToken'; // per client IP: POST /web-chat/token (Azure Direct Line)

export interface Rate {
  points: number;
  seconds: number;
}

export type Rates = Record<LimitName, Rate>;

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number; first: boolean };

export interface RateLimiter {
  /**
   * Takes one from `name`'s allowance for `key`. Refused: how long to wait, and whether this is
   * the first refusal in the window (the moment to tell the person, once).
   */
  take(name: LimitName, key: string): Promise<Verdict>;
}

export const TABLE = 'RateLimit';

/** The table rate-limiter-flexible's Postgres store uses, made at start (it is not a Prisma model). */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "${TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`;

const hashKey = (name: string, key: string) => `${name}:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;

export async function createRateLimiter(rates: Rates, store: { pool?: Pool }): Promise<RateLimiter> {
  if (store.pool) {
    try {
      await store.pool.query(CREATE_TABLE);
    } catch (err) {
      // Two instances starting together may race on the type PostgreSQL makes with the table.
      if ((err as { code?: string }).code !== '23505') throw err;
    }
  }
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, rate] of Object.entries(rates) as [LimitName, Rate][]) {
    const options = { keyPrefix: name, points: rate.points, duration: rate.seconds };
    const memory = new RateLimiterMemory(options);
    limiters.set(
      name,
      store.pool
        ? new RateLimiterPostgres({ ...options, storeClient: store.pool, storeType: 'pool', tableName: TABLE, tableCreated: true, insuranceLimiter: memory })
        : memory,
    );
  }
  return {
    async take(name, key) {
      const limiter = limiters.get(name)!;
      try {
        await limiter.consume(hashKey(name, key));
        return { ok: true };
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), first: res.consumedPoints === limiter.points + 1 };
      }
    },
  };
}

/**
 * The client's address. The socket's, unless the bot is told how many proxies stand in front
 * (TRUST_PROXY): then the X-Forwarded-For entry that many from the right, the one the outermost
 * trusted proxy saw. Entries further left are whatever the client wrote and are never used.
 * IPv6 clients are counted by their /64 (one household or phone has a whole /64).
 */
export function clientIp(req: Request, trustProxy: number): string {
  let ip = req.socket?.remoteAddress ?? '';
  if (trustProxy > 0) {
    const hops = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const candidate = hops[hops.length - trustProxy];
    if (candidate && isIP(candidate)) ip = candidate;
  }
  return networkOf(ip);
}

export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (isIP(ip) !== 6) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Answers 429 (with Retry-After) and returns false when `name` is used up for this key. */
export async function allow(limiter: RateLimiter, name: LimitName, key: string, res: Response): Promise<boolean> {
  const verdict = await limiter.take(name, key);
  if (verdict.ok) return true;
  res.status(429);
  res.header('retry-after', String(verdict.retryAfterSeconds));
  res.header('cache-control', 'no-store');
  res.json({ error: { code: 'TooManyRequests', message: 'too many requests; try again later', retryAfter: verdict.retryAfterSeconds } });
  return false;
}
