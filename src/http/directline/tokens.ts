// Direct Line tokens for the local endpoint. They are JWTs (HS256, signed and checked by jose)
// because Web Chat reads the `user` claim from the token, as it does with Azure's: the user id
// then cannot be chosen by the page. Each token is signed with the bot's secret, expires, and
// names exactly one conversation and one user; every call checks both.
import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

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

export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
    readonly ttlSeconds: number = TOKEN_TTL_SECONDS,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A token for one conversation and user; it never outlives `notAfterMs` (the conversation's end) when given. */
  async issue(conv: string, user: string, notAfterMs?: number): Promise<IssuedToken> {
    const iat = Math.floor(this.now() / 1000);
    const exp = notAfterMs === undefined ? iat + this.ttlSeconds : Math.min(iat + this.ttlSeconds, Math.floor(notAfterMs / 1000));
    const jti = randomBytes(9).toString('base64url');
    const token = await new SignJWT({ conv, user })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(this.key);
    return { token, expires_in: Math.max(0, exp - iat), id: jti, exp };
  }

  /** The claims of a token this bot signed that has not expired; null for anything else. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      // Only HS256 is accepted, so no "alg" a caller sends (none, RS256 with our secret as a key) is honoured.
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, currentDate: new Date(this.now()) });
      const { conv, user, iat, exp, jti } = payload;
      if (typeof conv !== 'string' || typeof user !== 'string' || typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string') return null;
      return { conv, user, iat, exp, jti };
    } catch {
      // Malformed, forged, expired or someone else's: all the same answer (403 TokenInvalid).
      return null;
    }
  }

  /** A value derived from the secret for another purpose (e.g. the connector path), stable across restarts. */
  derive(purpose: string): string {
    return createHmac('sha256', this.secret).update(`kvarterbot:${purpose}`).digest('base64url').slice(0, 32);
  }
}

/** The bearer token of a request, or null. */
export function bearer(header: unknown): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(String(header ?? '').trim());
  return m ? m[1] : null;
}
