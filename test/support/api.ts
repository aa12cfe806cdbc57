// Calls the HTTP API as a script or the staff tab would: JSON in and out, the staff bearer token
// unless the call passes another (or null for none).
export type ApiCall = (method: string, path: string, body?: unknown, token?: string | null) => Promise<{ status: number; body: any }>;

export function apiCaller(baseUrl: () => string, defaultToken: string): ApiCall {
  return async (method, path, body, token = defaultToken) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
}
