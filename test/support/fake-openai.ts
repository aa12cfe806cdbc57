// A real HTTP server speaking the OpenAI chat-completions protocol, for the translation of
// handoff messages: it "translates" from a small phrase book and keeps placeholders like ⟦1⟧.
// Intent requests (the understanding's fallback) get a 500, so the offline model decides.
// Knowledge answers (kvarterbot_answer) follow `answers`: "good" answers with the first passage it
// was given and cites it; "invents" adds a phone number no passage holds; "cites-missing" cites an
// entry it was not given; "slow" answers well but after `slowMs` (longer than any bot timeout).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TranslationRequest {
  to: string;
  text: string;
}

export type FakeAnswers = 'good' | 'invents' | 'cites-missing' | 'slow' | 'none';

export class FakeOpenAi {
  readonly translations: TranslationRequest[] = [];
  /** Every message sent to the model, whatever the request (intents, translations, answers): what left the machine. */
  readonly sent: string[] = [];
  /** What the model was sent for knowledge answers (the question, masked, and the passages). */
  readonly answerRequests: string[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly phrases: Record<string, string>,
    private readonly opts: { answers?: FakeAnswers; slowMs?: number } = {},
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const json = JSON.parse(body || '{}');
      for (const m of json.messages ?? []) if (m.role === 'user' && typeof m.content === 'string') this.sent.push(m.content);
      if (req.url === '/v1/chat/completions' && json.response_format?.json_schema?.name === 'kvarterbot_answer' && (this.opts.answers ?? 'none') !== 'none') {
        this.answer(json.messages[1].content as string, res);
        return;
      }
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

  /** A knowledge answer as the configured model would give it. */
  private answer(user: string, res: http.ServerResponse): void {
  this.answerRequests.push(user);
  // Passages come as "[id] text" lines after "Passages:".
  const first = /^\[([^\]]+)\] (.*)$/m.exec(user.split('Passages:')[1] ?? '');
  const mode = this.opts.answers ?? 'none';
  const reply = !first
    ? { answerable: false, answer: '', sources: [] }
    : mode === 'invents'
      ? { answerable: true, answer: `${first[2]} Ring på 44 55 66 77.`, sources: [first[1]] }
      : mode === 'cites-missing'
        ? { answerable: true, answer: first[2], sources: ['no-such-entry'] }
        : { answerable: true, answer: first[2], sources: [first[1]] };
  const send = () => {
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-test', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: 'fake-model',
        choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(reply), refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
      }),
    );
  };
  if (mode !== 'slow') return send();
  const t = setTimeout(() => {
    this.timers.delete(t);
    send();
  }, this.opts.slowMs ?? 30_000);
  this.timers.add(t);
  }
}
