// Raw HTTP requests for what fetch will not send: a body that lies about its encoding, a
// multipart upload, odd paths such as /web-chat/__proto__. Resolves with the answer even when
// the server closes the connection while the body is still being sent.
import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<RawAnswer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path, method, headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text: all.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413, 415) and close before the whole body is sent: that is not a failure.
    req.on('error', (err) => setTimeout(() => reject(err), 200));
    if (body !== undefined) req.write(body);
    req.end();
  });
}
