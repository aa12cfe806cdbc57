// A real HTTP server speaking the OpenAI chat-completions protocol, for the translation of
// handoff messages: it "translates" from a small phrase book and keeps placeholders like ⟦1⟧.
// Intent requests (the understanding's fallback) get a 500, so the offline model decides.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TranslationRequest {
  to: string;
  text: string;
}

export class FakeOpenAi {
  readonly translations: TranslationRequest[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));

  constructor(private readonly phrases: Record<string, string>) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const json = JSON.parse(body || '{}');
      if (req.url !== '/v1/chat/completions' || json.response_format?.json_schema?.name !== 'kvarterbot_translation') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not here', type: 'server_error' } }));
        return;
      }
      const system: string = json.messages[0].content;
      const text: string = json.messages[1].content;
      const to = /to (\w+)\./.exec(system)?.[1] ?? '?';
      this.translations.push({ to, text });
      const translation = this.phrases[text] ?? `[${to}] ${text}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-test', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: 'fake-model',
          choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ translation }), refusal: null }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
        }),
      );
    });
  }
}
