// Direct Line tokens for the local endpoint. They have the shape of a JWT (HS256) because Web Chat
// reads the `user` claim from the token, as it does with Azure's: the user id then cannot be
// chosen by the page. Each token is signed with the bot's secret, expires, and names exactly one
// conversation and one user; every call checks both.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The one conversation this token opens. */
  conv: string;
  /** The resident's user id in that conversation ("dl_…", reserved for ids embedded in tokens). */
  user: string;
  iat: number;
  exp: number;
  /** This token's own id: a conversation accepts only its current token (conversations.ts). */
  jti: string;
}

export interface IssuedToken {
  token: string;
  expires_in: number;
  /** The token's `jti`. */
  id: string;
  /** When it expires, in seconds since the epoch. */
  exp: number;
}

/** 30 minutes, as Azure's; Web Chat refreshes every 15 minutes while the page is open. */
export const TOKEN_TTL_SECONDS = 1800;
const ISSUER = 'kvarterbot-directline';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
    readonly ttlSeconds: number = TOKEN_TTL_SECONDS,
  ) {}

  /** A token for one conversation and user; it never outlives `notAfterMs` (the conversation's end) when given. */
  issue(conv: string, user: string, notAfterMs?: number): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const exp = notAfterMs === undefined ? iat + this.ttlSeconds : Math.min(iat + this.ttlSeconds, Math.floor(notAfterMs / 1000));
    const jti = randomBytes(9).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: ISSUER, conv, user, iat, exp, jti })).toString('base64url');
    return { token: `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`, expires_in: Math.max(0, exp - iat), id: jti, exp };
  }

  /** The claims of a token this bot signed that has not expired; null for anything else. */
  verify(token: string): TokenClaims | null {
    const parts = token.split('.');
    // Only our own header is accepted, so no "alg" a caller sends is ever honoured.
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: Partial<TokenClaims> & { iss?: unknown };
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const { conv, user, iat, exp, jti } = claims;
    if (claims.iss !== ISSUER || typeof conv !== 'string' || typeof user !== 'string' || typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string') return null;
    if (exp * 1000 <= this.now()) return null;
    return { conv, user, iat, exp, jti };
  }

  /** A value derived from the secret for another purpose (e.g. the connector path), stable across restarts. */
  derive(purpose: string): string {
    return createHmac('sha256', this.secret).update(`kvarterbot:${purpose}`).digest('base64url').slice(0, 32);
  }

  private sign(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}

/** The bearer token of a request, or null. */
export function bearer(header: unknown): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(String(header ?? '').trim());
  return m ? m[1] : null;
}
