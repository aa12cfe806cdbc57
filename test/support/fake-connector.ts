// A fake Bot Connector service on 127.0.0.1: receives what the bot sends to a channel,
// the way Azure Bot Service / Teams would (the routes botbuilder's ConnectorClient calls).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, any>;
  authorization?: string;
}

export class FakeConnector {
  readonly received: Received[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Messages (not typing indicators) sent into one conversation, in order. */
  messages(conversationId: string): Record<string, any>[] {
    return this.received.filter((r) => r.conversationId === conversationId && r.activity.type === 'message').map((r) => r.activity);
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
      if (req.method === 'POST' && parts.length === 2) {
        const id = `19:staff@thread.tacv2;messageid=${Date.now()}${++this.seq}`;
        this.received.push({ method: 'CREATE', conversationId: id, activity: json.activity ?? {}, authorization: req.headers.authorization });
        return answer(201, { id, activityId: id.split('=')[1] });
      }
      if (parts[3] === 'activities') {
        const id = `act-${++this.seq}`;
        this.received.push({
          method: req.method ?? 'POST', conversationId: parts[2], replyToId: parts[4], activity: json, authorization: req.headers.authorization,
        });
        return answer(200, { id });
      }
      if (req.method === 'GET' && parts[3] === 'members') return answer(200, []);
      answer(404, { error: 'not found' });
    });
  }
}
