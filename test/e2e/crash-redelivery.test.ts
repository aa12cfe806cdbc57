// The channel's retry after a crash in the middle of the confirming turn (issue 11, finding 9). The
// real entry point runs as a child process; the connector holds the bot's confirmation, so the turn
// hangs after the registration was written, and the process is killed with SIGKILL there. Started
// again on the same database, the redelivered confirming message (same activity id) runs once the
// dead turn's lease ran out: one registration, and the resident gets the confirmation.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb } from '../../src/store/prisma';
import { freshDatabaseUrl, type DbKind } from '../support/db';
import { FakeConnector } from '../support/fake-connector';
import { Chat, lastPrompt, texts, type BotUnderTest } from '../support/harness';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const STAFF_TOKEN = 'crash-redelivery-staff-token-0123456789';
const LEASE_MS = 2000;

/**
 * In front of the fake connector: while `holding`, the bot's messages are kept unanswered (the bot's
 * turn waits for them, as on a slow channel); `letGo` passes them on.
 */
class HoldingConnector {
  holding = false;
  private held: { path: string; method: string; body: string; res: http.ServerResponse }[] = [];
  private arrived: (() => void)[] = [];
  private server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const message = req.method === 'POST' && /\/activities/.test(req.url ?? '') && JSON.parse(body || '{}').type === 'message';
      if (this.holding && message) {
        this.held.push({ path: req.url ?? '', method: req.method!, body, res });
        this.arrived.splice(0).forEach((f) => f());
        return;
      }
      void this.pass(req.url ?? '', req.method!, body, res);
    });
  });
  url = '';

  constructor(readonly inner: FakeConnector) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves when the bot has sent a message that is being held. */
  nextHeld(): Promise<void> {
    return new Promise((resolve) => this.arrived.push(resolve));
  }

  async letGo(): Promise<void> {
    this.holding = false;
    await Promise.all(this.held.splice(0).map((h) => this.pass(h.path, h.method, h.body, h.res)));
  }

  private async pass(path: string, method: string, body: string, res: http.ServerResponse): Promise<void> {
    const answer = await fetch(this.inner.url + path, { method, headers: { 'content-type': 'application/json' }, body: body || undefined });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(await answer.text());
  }

  async stop(): Promise<void> {
    this.held.splice(0).forEach((h) => h.res.destroy());
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function registrationsNamed(url: string, name: string): Promise<{ referenceCode: string }[]> {
  const res = await fetch(`${url}/api/staff/registrations?activity=parent-network`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
  expect(res.status).toBe(200);
  const { registrations } = (await res.json()) as { registrations: { participantName: string; referenceCode: string }[] };
  return registrations.filter((r) => r.participantName === name);
}

/** Posts an activity; the answer comes when the turn ends (or the connection dies with the process). */
function post(url: string, activity: Record<string, unknown>): Promise<number> {
  return fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then(
    (r) => r.status,
    () => 0,
  );
}

describe.each<DbKind>(['sqlite', 'postgres'])('crash in the confirming turn on %s', (kind) => {
  let fake: FakeConnector;
  let connector: HoldingConnector;
  let proc: ServerProcess | undefined;
  let target: { url: string; connector: { url: string; messages: FakeConnector['messages'] } };

  async function start(databaseUrl: string): Promise<void> {
    proc = await startServerProcess({ DATABASE_URL: databaseUrl, STAFF_API_TOKEN: STAFF_TOKEN, ACTIVITY_LEASE_MS: String(LEASE_MS) });
    target.url = proc.url;
  }

  /** A resident at the parents' network summary, the next message being the confirming "yes". */
  async function atConfirm(name: string): Promise<Chat> {
    const chat = new Chat(target as unknown as BotUnderTest, {});
    expect(lastPrompt(await chat.say('tilmeld mig forældrenetværk'))).toBe('consent');
    expect(lastPrompt(await chat.tap('yes'))).toBe('name');
    expect(lastPrompt(await chat.say(name))).toBe('phone');
    expect(lastPrompt(await chat.say('12 34 56 78'))).toBe('confirm');
    return chat;
  }

  beforeEach(async () => {
    fake = await new FakeConnector().start();
    connector = await new HoldingConnector(fake).start();
    target = { url: '', connector: { url: connector.url, messages: (c) => fake.messages(c) } };
  });
  afterEach(async () => {
    await proc?.kill('SIGKILL');
    proc = undefined;
    await connector.stop();
    await fake.stop();
  });

  test('kill -9 after the registration was written: the redelivery confirms it once', async () => {
    const databaseUrl = await freshDatabaseUrl(kind);
    await start(databaseUrl);
    const chat = await atConfirm('Mette Hansen');
    const confirming = chat.activity({ text: 'yes', value: 'yes' });

    connector.holding = true;
    const held = connector.nextHeld();
    const firstTry = post(proc!.url, confirming);
    await held;
    await proc!.kill('SIGKILL');
    proc = undefined;
    expect(await firstTry).toBe(0);
    // The turn died after its transaction: the registration is there, the resident was not told.
    const { db, fast } = createDb(databaseUrl);
    try {
      expect(await db.registration.count({ where: { participantName: 'Mette Hansen' } })).toBe(1);
    } finally {
      fast?.close();
      await db.$disconnect();
    }
    expect(chat.replies()).toEqual([]);

    connector.holding = false;
    await start(databaseUrl);
    // The channel's retry: the same activity, same id. It waits for the dead turn's lease, then runs.
    expect(await post(proc!.url, confirming)).toBe(200);
    const confirmation = texts(chat.replies());
    const code = /Dit nummer: ([A-Z2-9]{6})/.exec(confirmation)?.[1];
    expect(code).toBeDefined();
    expect(await registrationsNamed(proc!.url, 'Mette Hansen')).toEqual([expect.objectContaining({ referenceCode: code })]);

    // A further retry of the finished turn is a duplicate: nothing sent, nothing stored.
    expect(await post(proc!.url, confirming)).toBe(200);
    expect(chat.replies()).toEqual([]);
    expect(await registrationsNamed(proc!.url, 'Mette Hansen')).toHaveLength(1);
  }, 120_000);

  test('a duplicate while the first turn is still running is not processed twice', async () => {
    await start(await freshDatabaseUrl(kind));
    const chat = await atConfirm('Ali Hassan');
    const confirming = chat.activity({ text: 'yes', value: 'yes' });

    connector.holding = true;
    const held = connector.nextHeld();
    const firstTry = post(proc!.url, confirming);
    await held;
    // The first turn is alive (it renews its lease): the duplicate waits past one lease, then is dropped.
    const started = Date.now();
    expect(await post(proc!.url, confirming)).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE_MS);
    await connector.letGo();
    expect(await firstTry).toBe(200);

    const replies = chat.replies();
    expect(replies.filter((r) => /Dit nummer: [A-Z2-9]{6}/.test(r.text ?? ''))).toHaveLength(1);
    expect(await registrationsNamed(proc!.url, 'Ali Hassan')).toHaveLength(1);
  }, 120_000);
});
