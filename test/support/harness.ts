// Starts the real server (port 0, a fresh database, a fake Bot Connector) and gives tests a
// `chat` that speaks the Bot Framework activity protocol over HTTP.
import { randomUUID } from 'node:crypto';
import { startApp, type App, type AppOptions } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { freshDatabaseUrl, type DbKind } from './db';
import { FakeConnector } from './fake-connector';

export interface BotUnderTest {
  app: App;
  url: string;
  connector: FakeConnector;
  databaseUrl: string;
  config: Config;
  chat(opts?: ChatOptions): Chat;
  /** Stops the server and starts a new one on the same database, as after a crash. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface ChatOptions {
  userId?: string;
  conversationId?: string;
  channelId?: string;
  locale?: string;
}

export async function startBot(opts: { db?: DbKind; env?: Record<string, string>; databaseUrl?: string; app?: AppOptions } = {}): Promise<BotUnderTest> {
  const connector = await new FakeConnector().start();
  const databaseUrl = opts.databaseUrl ?? (await freshDatabaseUrl(opts.db ?? 'sqlite'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', ...opts.env });
  let app: App;
  try {
    app = await startApp(config, opts.app);
  } catch (err) {
    await connector.stop(); // nothing may be left running (an open server keeps jest from exiting)
    throw err;
  }
  const bot: BotUnderTest = {
    get app() {
      return app;
    },
    get url() {
      return app.url;
    },
    connector,
    databaseUrl,
    config,
    chat: (o = {}) => new Chat(bot, o),
    async restart() {
      await app.close();
      app = await startApp(config, opts.app);
    },
    async close() {
      await app.close();
      await connector.stop();
    },
  };
  return bot;
}

export class Chat {
  readonly userId: string;
  readonly conversationId: string;
  readonly channelId: string;
  private seen = 0;
  locale?: string;

  constructor(private readonly bot: BotUnderTest, o: ChatOptions) {
    this.userId = o.userId ?? `user-${randomUUID()}`;
    this.conversationId = o.conversationId ?? `conv-${randomUUID()}`;
    this.channelId = o.channelId ?? 'webchat';
    this.locale = o.locale;
  }

  activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'message',
      id: `act-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: this.channelId,
      serviceUrl: this.bot.connector.url,
      from: { id: this.userId, name: 'Resident' },
      recipient: { id: 'kvarterbot', name: 'Kvarterbot' },
      conversation: { id: this.conversationId },
      ...(this.locale ? { locale: this.locale } : {}),
      ...extra,
    };
  }

  /** Posts an activity and returns the bot's new messages (the HTTP call ends after the turn). */
  async send(activity: Record<string, unknown>): Promise<Record<string, any>[]> {
    const res = await fetch(`${this.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
    return this.replies();
  }

  say(text: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
    return this.send(this.activity({ text, ...extra }));
  }

  /** Taps a button: sends its stable value, as web chat's messageBack does. */
  tap(value: string): Promise<Record<string, any>[]> {
    return this.send(this.activity({ text: value, value }));
  }

  join(): Promise<Record<string, any>[]> {
    return this.send(
      this.activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: this.userId }, { id: 'kvarterbot' }] }),
    );
  }

  /** Messages received since the last call. */
  replies(): Record<string, any>[] {
    const all = this.bot.connector.messages(this.conversationId);
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }
}

/** What staff see of one activity's registrations (GET /api/staff/registrations, with the staff token). */
export async function staffRegistrations(bot: BotUnderTest, token: string, activity: string): Promise<Record<string, any>[]> {
  const res = await fetch(`${bot.url}/api/staff/registrations?activity=${encodeURIComponent(activity)}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /api/staff/registrations answered ${res.status}`);
  return ((await res.json()) as { registrations: Record<string, any>[] }).registrations;
}

export function texts(replies: Record<string, any>[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

export function lastPrompt(replies: Record<string, any>[]): string | undefined {
  return [...replies].reverse().find((r) => r.channelData?.prompt)?.channelData.prompt;
}

export function buttons(replies: Record<string, any>[]): { title: string; value: string }[] {
  const last = [...replies].reverse().find((r) => r.suggestedActions?.actions?.length);
  return (last?.suggestedActions.actions ?? []).map((a: any) => ({ title: a.title, value: a.value }));
}

/** POSTs any activity to /api/messages, a malformed one too: the status and the parsed body. */
export async function postActivity(bot: BotUnderTest, activity: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
