// Request bodies, read by us instead of restify's bodyParser: every route that takes a body takes
// JSON, so nothing else is read (415), nothing is ever written to disk (restify's multipart
// parser kept uploads in the temp folder), a compressed body is inflated with its stream errors
// handled (a body that is not what its Content-Encoding says was an uncaught exception: 400),
// and the size limit counts the inflated bytes, so a small gzip bomb cannot grow past it (413).
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { Next, Request, Response } from 'restify';

/** Why a body was refused, as HTTP says it. */
export type BodyRefusal = { status: 400 | 413 | 415; code: 'invalid_body' | 'body_too_large' | 'unsupported_media_type' | 'unsupported_encoding' };

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
/** A plain HTML form's body: taken only where a page posts one (the guardian's page works without script). */
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const refuse = (status: BodyRefusal['status'], code: BodyRefusal['code']): BodyRefusal => ({ status, code });

function inflater(encoding: string): Transform | null | undefined {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/** True when the request says it carries a body (a length above 0, or chunks). */
function announcesBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Reads a JSON body of at most `limit` bytes after inflation. Resolves with the parsed value
 * (undefined for no body) or a refusal; never rejects, and every stream's errors are handled.
 */
export function readJsonBody(req: IncomingMessage, limit: number, formAllowed = false): Promise<{ ok: true; value: unknown } | ({ ok: false } & BodyRefusal)> {
  return new Promise((resolve) => {
    let settled = false;
    let inflate: Transform | null | undefined = null;
    const done = (result: { ok: true; value: unknown } | ({ ok: false } & BodyRefusal)) => {
      if (settled) return;
      settled = true;
      if (!result.ok) {
        inflate?.destroy();
        // Whatever is still arriving is discarded, not buffered.
        req.unpipe();
        req.resume();
      }
      resolve(result);
    };
    const fail = (r: BodyRefusal) => done({ ok: false, ...r });

    if (!announcesBody(req)) return done({ ok: true, value: undefined });
    const type = String(req.headers['content-type'] ?? '').trim();
    const form = formAllowed && FORM_TYPE.test(type);
    if (!form && !JSON_TYPE.test(type)) return fail(refuse(415, 'unsupported_media_type'));
    if (Number(req.headers['content-length'] ?? 0) > limit) return fail(refuse(413, 'body_too_large'));
    inflate = inflater(String(req.headers['content-encoding'] ?? '').trim().toLowerCase());
    if (inflate === undefined) return fail(refuse(415, 'unsupported_encoding'));

    const chunks: Buffer[] = [];
    let raw = 0;
    let size = 0;
    req.on('error', () => fail(refuse(400, 'invalid_body')));
    req.on('aborted', () => fail(refuse(400, 'invalid_body')));
    req.on('data', (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > limit) fail(refuse(413, 'body_too_large'));
    });
    const source = inflate ? req.pipe(inflate) : req;
    source.on('error', () => fail(refuse(400, 'invalid_body')));
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) return fail(refuse(413, 'body_too_large'));
      chunks.push(chunk);
    });
    source.on('end', () => {
      if (settled) return;
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) return done({ ok: true, value: undefined });
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        done({ ok: true, value: form ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text) });
      } catch {
        fail(refuse(400, 'invalid_body'));
      }
    });
  });
}

/** Restify middleware: `req.body` is the parsed JSON (or undefined); a refusal answers and stops the chain. */
export function jsonBodies(limit: number, formPaths: readonly string[] = []): (req: Request, res: Response, next: Next) => void {
  return (req, res, next) => {
    if (!METHODS_WITH_BODY.has(req.method ?? '')) return next();
    const formAllowed = formPaths.some((p) => req.path().startsWith(p));
    void readJsonBody(req, limit, formAllowed).then((result) => {
      if (result.ok) {
        req.body = result.value;
        return next();
      }
      res.status(result.status);
      // A refused body may still be arriving: the connection is not reused for the next request.
      res.header('connection', 'close');
      // The local Direct Line answers in Direct Line's error shape, everything else in ours.
      if (req.path().startsWith('/v3/directline/')) res.json({ error: { code: 'BadArgument', message: result.code } });
      else res.json({ error: result.code });
      return next(false);
    });
  };
}
