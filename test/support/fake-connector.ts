// A fake Bot Connector service on 127.0.0.1: receives what the bot sends to a channel,
// the way Azure Bot Service / Teams would (the routes botbuilder's ConnectorClient calls).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  /** POST (send/reply), PUT (update of `replyToId`), or CREATE (a new conversation, e.g. a Teams channel thread). */
  method: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, any>;
  authorization?: string;
  /** CREATE only: the ConversationParameters' channelData (Teams: `channel.id`, `tenant.id`). */
  channelData?: Record<string, any>;
  /** The id the connector gave the activity. */
  id?: string;
}

export class FakeConnector {
  readonly received: Received[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private seq = 0;
  url = '';
  /** Per conversation: the next this many messages sent to it are answered 500 (a channel that is down), then 200 again. */
  readonly failNext = new Map<string, number>();
  /** New conversations (Teams channel threads) are answered after this many ms: a slow Teams. */
  createDelayMs = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Messages (not typing indicators, not updates) sent into one conversation, in order. */
  messages(conversationId: string): Record<string, any>[] {
    return this.received
      .filter((r) => r.conversationId === conversationId && r.method !== 'PUT' && r.activity.type === 'message')
      .map((r) => r.activity);
  }

  /** Conversations the bot created (Teams: new threads in a channel), in order. */
  created(): Received[] {
    return this.received.filter((r) => r.method === 'CREATE');
  }

  /** Updates (PUT) of one activity in a conversation, in order. */
  updates(conversationId: string, activityId: string): Record<string, any>[] {
    return this.received.filter((r) => r.method === 'PUT' && r.conversationId === conversationId && r.replyToId === activityId).map((r) => r.activity);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parts = (req.url ?? '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
      // parts: v3, conversations, {id}, activities, {replyTo}
      const json = body ? JSON.parse(body) : {};
      const answer = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return answer(404, { error: 'not found' });
      if (req.method === 'POST' && parts.length === 2 && this.createDelayMs > 0) {
        const wait = this.createDelayMs;
        this.createDelayMs = 0;
        setTimeout(() => this.answerCreate(req, res, json), wait);
        return;
      }
      if (req.method === 'POST' && parts.length === 2) return this.answerCreate(req, res, json);
      if (parts[3] === 'activities') {
        const failing = this.failNext.get(parts[2]) ?? 0;
        if (req.method === 'POST' && failing > 0) {
          this.failNext.set(parts[2], failing - 1);
          return answer(500, { error: { code: 'ServiceError', message: 'down' } });
        }
        const id = req.method === 'PUT' ? parts[4] : `act-${++this.seq}`;
        this.received.push({
          method: req.method ?? 'POST', conversationId: parts[2], replyToId: parts[4], activity: json, authorization: req.headers.authorization, id,
        });
        return answer(200, { id });
      }
      if (req.method === 'GET' && parts[3] === 'members') return answer(200, []);
      answer(404, { error: 'not found' });
    });
  }

  private answerCreate(req: http.IncomingMessage, res: http.ServerResponse, json: any): void {
    // Teams answers a new channel thread with `<channel id>;messageid=<id of the first post>`.
    const messageId = `${Date.now()}${++this.seq}`;
    const channel = json.channelData?.channel?.id ?? '19:staff@thread.tacv2';
    const id = `${channel};messageid=${messageId}`;
    this.received.push({
      method: 'CREATE', conversationId: id, activity: json.activity ?? {}, authorization: req.headers.authorization,
      channelData: json.channelData, id: messageId,
    });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, activityId: messageId, serviceUrl: this.url }));
  }
}
