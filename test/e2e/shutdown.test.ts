// Stopping and starting the server can never hang: a chat page polling over keep-alive
// connections (Direct Line polls every second) must not keep a deploy or restart waiting, and a
// port that is taken is an error at start, not a silent wait.
import net from 'node:net';
import { startBot } from '../support/harness';

jest.setTimeout(60_000);

/**
 * A phone on a slow line: one keep-alive connection, each request's headers sent in two parts a
 * moment apart, so the connection is nearly always busy (Node's close() only cuts idle ones).
 */
function slowPoller(url: string) {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  const state = { answered: 0, closedByServer: false, said: [] as string[] };
  let buffer = '';
  const ask = () => {
    if (socket.destroyed) return;
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    setTimeout(() => !socket.destroyed && socket.write('\r\n'), 30);
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (;;) {
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = buffer.slice(0, headEnd);
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < headEnd + 4 + length) return;
      state.answered++;
      state.said.push(/^connection: *(.*)$/im.exec(head)?.[1] ?? '');
      buffer = buffer.slice(headEnd + 4 + length);
      setTimeout(ask, 5);
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => (state.closedByServer = true));
  socket.on('connect', ask);
  return { state, stop: () => socket.destroy() };
}

test('the server closes while pages keep polling it over keep-alive connections, and a restart comes up on the same database', async () => {
  const bot = await startBot();
  const pollers = Array.from({ length: 4 }, () => slowPoller(bot.url));
  try {
    // Every poller has had answers, so each holds a keep-alive connection that is busy now and then.
    while (pollers.some((p) => p.state.answered < 3)) await new Promise((r) => setTimeout(r, 10));
    const before = bot.url;
    await bot.restart();
    expect(bot.url).not.toBe(before);
    // Each connection is ended by the old server, at most after one last answer that says so
    // (the test's timeout is the deadline: before the fix they were served for ever).
    while (!pollers.every((p) => p.state.closedByServer)) await new Promise((r) => setTimeout(r, 20));
    expect(pollers.flatMap((p) => p.state.said.slice(3))).not.toContain('keep-alive');
    // The new server answers.
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
  } finally {
    pollers.forEach((p) => p.stop());
    await bot.close();
  }
});

test('a port that is already taken makes the start fail with the reason, and nothing is left running', async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as net.AddressInfo;
  try {
    await expect(startBot({ env: { PORT: String(port) } })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  } finally {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
  }
});
