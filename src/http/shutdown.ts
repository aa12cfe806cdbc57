// Starting and stopping the HTTP server so that neither can hang.
//
// Node's server.close() stops accepting and closes the connections idle at that moment, but a
// keep-alive connection that was busy then stays open once its response is sent, and a polling
// chat page (Direct Line polls every second) keeps reusing it: close() then never finishes, and a
// deploy or restart waits for ever. So once closing, every answer says "Connection: close", idle
// connections are swept until the server is closed, and after a grace period the rest are cut.
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';

/**
 * Listens on port/host; rejects (instead of waiting for ever) when the port cannot be had.
 * `errors` is where the server's errors surface: restify re-emits its http server's on itself.
 */
export function listen(server: Server, port: number, host: string, errors: EventEmitter = server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const failed = (err: Error) => reject(err);
    errors.once('error', failed);
    server.listen(port, host, () => {
      errors.off('error', failed);
      resolve();
    });
  });
}

export interface Closer {
  /** Stops accepting, lets requests in flight finish within graceMs, then cuts what is left. */
  close(graceMs: number): Promise<void>;
}

/** Call before listening: from then on the server can always be closed in bounded time. */
export function closable(server: Server): Closer {
  let closing = false;
  server.prependListener('request', (_req, res) => {
    if (closing && !res.headersSent) res.setHeader('connection', 'close');
  });
  return {
    close(graceMs) {
      closing = true;
      return new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
      });
    },
  };
}
