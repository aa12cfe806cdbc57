// Who may use /api/staff/*: one place for every staff route. Today the static STAFF_API_TOKEN
// (scripts, local use); Teams SSO (Entra ID tokens) plugs in as another authenticator (issue 15).
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { AuditEvent, AuditLog } from '../domain/audit';

export interface StaffIdentity {
  /** Stable id for the audit trail: the SSO object id, or "token" for the static token. */
  id: string;
  kind: 'token' | 'sso';
  /** A display name when the token carries one (never written to the audit trail). */
  name?: string;
}

/** Null when the request carries no valid staff credential. Never throws. */
export type StaffAuthenticator = (req: Request) => Promise<StaffIdentity | null>;

/** The Bearer credential of a request: exactly "Bearer <token>" (a bare token or another scheme is not accepted). */
export function bearer(req: Request): string | null {
  const m = /^Bearer (\S+)$/i.exec(String(req.headers.authorization ?? ''));
  return m ? m[1] : null;
}

/** The static STAFF_API_TOKEN, compared in constant time. */
export function staticTokenAuthenticator(token: string | undefined): StaffAuthenticator {
  return async (req) => {
    if (!token) return null;
    const given = bearer(req);
    if (!given) return null;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b) ? { id: 'token', kind: 'token' } : null;
  };
}

/** The first authenticator that accepts the request wins. */
export function anyOf(...authenticators: StaffAuthenticator[]): StaffAuthenticator {
  return async (req) => {
    for (const a of authenticators) {
      const who = await a(req).catch(() => null);
      if (who) return who;
    }
    return null;
  };
}

/** A JSON answer for staff: never cached (it may hold personal data). */
export function sendNoStore(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.header('cache-control', 'no-store');
  res.json(body);
}

export interface StaffGuard {
  /** The staff member, or null after answering 401 (the route then returns). */
  require(req: Request, res: Response): Promise<StaffIdentity | null>;
  /** A route handler that runs only for staff, with who is asking; anyone else gets the 401. */
  route(handle: (req: Request, res: Response, who: StaffIdentity) => Promise<void>): (req: Request, res: Response) => Promise<void>;
  /** Writes an audit entry for this staff member (who, what, which record; never personal data). */
  audit(who: StaffIdentity, event: Omit<AuditEvent, 'actor'>): Promise<void>;
}

export function staffGuard(authenticate: StaffAuthenticator, audit: AuditLog): StaffGuard {
  const guard: StaffGuard = {
    async require(req, res) {
      const who = await authenticate(req).catch(() => null);
      if (who) return who;
      sendNoStore(res, 401, { error: 'unauthorised' });
      return null;
    },
    route(handle) {
      return async (req, res) => {
        const who = await guard.require(req, res);
        if (who) await handle(req, res, who);
      };
    },
    async audit(who, event) {
      await audit.record({ ...event, actor: who.id });
    },
  };
  return guard;
}
