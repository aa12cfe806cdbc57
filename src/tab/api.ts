// Calls to the staff API with the current credential: the Teams SSO token (fetched from Teams for
// each call; teams-js caches it) or the static staff token typed in outside Teams.

export type Credential = { kind: 'token'; token: string } | { kind: 'sso'; get: () => Promise<string> };

export class ApiError extends Error {
  /** `details`: numbers the API gives with the error (the seats taken), for the sentence staff read. */
  constructor(readonly status: number, readonly code: string, readonly details: Record<string, unknown> = {}) {
    super(`${status} ${code}`);
  }
}

let credential: Credential | null = null;

export function setCredential(c: Credential | null): void {
  credential = c;
}

async function authorization(): Promise<string> {
  if (!credential) throw new ApiError(401, 'unauthorised');
  return `Bearer ${credential.kind === 'token' ? credential.token : await credential.get()}`;
}

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(path, {
    method,
    headers: { authorization: await authorization(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { error?: string; taken?: number };
    // A 400 is a field to fix ('invalid'), unless the API names a rule (a closed day in the past, too long a closure).
    const rule = res.status === 400 && data.error && !data.error.startsWith('invalid') ? data.error : null;
    const code = res.status === 404 && !data.error ? 'notAvailable' : rule ?? (res.status === 400 ? 'invalid' : String(data.error ?? res.status));
    throw new ApiError(res.status, code, typeof data.taken === 'number' ? { taken: data.taken } : {});
  }
  return res;
}

export const api = {
  signedIn: () => credential !== null,
  get: async <T = unknown>(path: string): Promise<T> => (await call('GET', path)).json() as Promise<T>,
  post: async <T = unknown>(path: string, body: unknown = {}): Promise<T> => (await call('POST', path, body)).json() as Promise<T>,
  put: async <T = unknown>(path: string, body: unknown): Promise<T> => (await call('PUT', path, body)).json() as Promise<T>,
  del: async <T = unknown>(path: string): Promise<T> => (await call('DELETE', path)).json() as Promise<T>,
  /** Fetches a file with the credential and hands it to the browser as a download. */
  async download(path: string, filename: string): Promise<void> {
    const blob = await (await call('GET', path)).blob();
    const url = URL.createObjectURL(blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
