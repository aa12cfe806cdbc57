// Headers every answer carries. Pages set their own, fuller Content-Security-Policy (web-chat.ts,
// legal-pages.ts), each with frame-ancestors 'none': no page of ours may be framed by another site,
// so nobody can dress our chat in their page. (The staff tab, when it comes, is the one page Teams
// may frame: its policy names Teams' domains in frame-ancestors instead.)
import type { Next, Request, Response } from 'restify';

/** For answers that are not pages (JSON, files): nothing to run, nothing to frame. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(_req: Request, res: Response, next: Next): void {
  res.header('x-content-type-options', 'nosniff');
  res.header('referrer-policy', 'no-referrer');
  res.header('x-frame-options', 'DENY');
  res.header('content-security-policy', DEFAULT_CSP);
  next();
}
