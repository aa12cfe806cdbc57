import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLlmUnderstanding, LlmUnderstanding } from '../../src/understanding/llm';
import { understanding } from './helpers';

type Mode = 'good' | 'slow' | 'error' | 'invalid' | 'wrong-schema';

interface Received {
  url: string;
  body: string;
  json: { model: string; messages: Array<{ role: string; content: string }>; response_format: { type: string; json_schema: { strict: boolean; schema: Record<string, unknown> } } };
}

/** A real HTTP server speaking the OpenAI chat-completions protocol. */
class FakeOpenAi {
  mode: Mode = 'good';
  slowMs = 15000;
  reply: Record<string, unknown> = { intent: 'signup', lang: 'da', confidence: 0.9, category: 'course', language: null };
  received: Received[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private sockets = new Set<import('node:net').Socket>();
  port = 0;

  async start(): Promise<void> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      this.received.push({ url: req.url, body, json: JSON.parse(body) });
      const send = (content: string): void => {
        const payload = {
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: 'fake-model',
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 },
        };
        res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
      };
      switch (this.mode) {
        case 'good':
          send(JSON.stringify(this.reply));
          break;
        case 'slow':
          setTimeout(() => {
            if (!res.destroyed) send(JSON.stringify(this.reply));
          }, this.slowMs);
          break;
        case 'error':
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
          break;
        case 'invalid':
          send('this is not json {');
          break;
        case 'wrong-schema':
          send(JSON.stringify({ intent: 'dance', lang: 'da', confidence: 2 }));
          break;
      }
    });
  }
}

describe('LLM fallback', () => {
  const offline = understanding();
  const fake = new FakeOpenAi();
  // Generous: a loaded 2-core CI machine can take a while over the first real request.
  const TIMEOUT = 5000;
  let llm: LlmUnderstanding;
  const events: Array<{ event: string; fields: Record<string, unknown> }> = [];
  // Something the offline model cannot place: low confidence or out_of_scope.
  const UNCLEAR = 'Jeg hedder Ahmed Hassan, ring på 28 91 44 10 om det der med onsdagsholdet';

  beforeAll(async () => {
    await fake.start();
    llm = createLlmUnderstanding({
      apiKey: 'test-key',
      baseUrl: fake.baseUrl,
      model: 'fake-model',
      timeoutMs: TIMEOUT,
      offline,
      log: (event, fields) => events.push({ event, fields }),
    });
    // The client loads parts of itself on its first request; do that before anything is measured.
    await llm.parse(UNCLEAR);
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.mode = 'good';
    fake.received = [];
    events.length = 0;
  });

  it('the test message is one the offline model is unsure about', () => {
    const r = offline.parse(UNCLEAR);
    expect(r.confidence < offline.threshold || r.intent === 'out_of_scope').toBe(true);
  });

  it('resolves a low-confidence message with the model and keeps offline entities', async () => {
    const r = await llm.parse(UNCLEAR);
    expect(fake.received).toHaveLength(1);
    expect(r.intent).toBe('signup');
    expect(r.confidence).toBeCloseTo(0.9);
    expect(r.entities.category).toBe('course');
    expect(r.entities.phone).toBe('+4528914410'); // from the text, never from the model
    expect(events.map((e) => e.event)).toContain('llm_ok');
  });

  it('sends a strict JSON-schema request in the OpenAI format', async () => {
    await llm.parse(UNCLEAR);
    const req = fake.received[0].json;
    expect(req.model).toBe('fake-model');
    expect(req.messages[0].role).toBe('system');
    expect(req.messages[1].role).toBe('user');
    expect(req.response_format.type).toBe('json_schema');
    expect(req.response_format.json_schema.strict).toBe(true);
    const schema = req.response_format.json_schema.schema as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['intent', 'lang', 'confidence', 'category', 'language']));
    expect(schema.additionalProperties).toBe(false);
  });

  it('never sends phone numbers or names', async () => {
    const messages: Array<[string, string[]]> = [
      [UNCLEAR, []],
      ['Sara Jensen here, +45 22 33 44 55, about the thing on wednesday', ['Sara Jensen']],
      ['Omar og jeg tænker på det med onsdag, sara@example.dk', ['Omar']],
    ];
    for (const [text, names] of messages) {
      const r = offline.parse(text);
      expect(r.confidence < offline.threshold || r.intent === 'out_of_scope').toBe(true);
      await llm.parse(text, { names });
    }
    expect(fake.received.length).toBe(3);
    for (const r of fake.received) {
      const digits = r.body.replace(/[^0-9]/g, '');
      for (const phone of ['28914410', '22334455']) expect(digits).not.toContain(phone);
      for (const name of ['Ahmed', 'Hassan', 'Sara', 'Jensen', 'Omar', 'sara@example.dk']) expect(r.body).not.toContain(name);
      expect(r.body).toMatch(/<name>|<phone>|<email>/);
    }
  });

  it('does not call the model when the offline model is confident', async () => {
    const r = await llm.parse('jeg vil gerne tilmelde mig forældrenetværket');
    expect(fake.received).toHaveLength(0);
    expect(r.intent).toBe('signup');
  });

  it('never delegates emergencies', async () => {
    const r = await llm.parse('min far slår mig');
    expect(fake.received).toHaveLength(0);
    expect(r.intent).toBe('emergency');
  });

  it('falls back to the offline result within the timeout when the model is slow', async () => {
    fake.mode = 'slow';
    const started = Date.now();
    const r = await llm.parse(UNCLEAR);
    const took = Date.now() - started;
    expect(took).toBeLessThan(TIMEOUT + 1000);
    expect(r).toEqual(offline.parse(UNCLEAR));
    expect(events.map((e) => e.event)).toContain('llm_timeout');
  });

  it('falls back on HTTP 500', async () => {
    fake.mode = 'error';
    const r = await llm.parse(UNCLEAR);
    expect(fake.received).toHaveLength(1); // no retries
    expect(r).toEqual(offline.parse(UNCLEAR));
    expect(events.map((e) => e.event)).toContain('llm_error');
  });

  it('falls back when the content is not JSON', async () => {
    fake.mode = 'invalid';
    const r = await llm.parse(UNCLEAR);
    expect(r).toEqual(offline.parse(UNCLEAR));
    expect(events.map((e) => e.event)).toContain('llm_invalid');
  });

  it('falls back when the JSON does not match the schema', async () => {
    fake.mode = 'wrong-schema';
    const r = await llm.parse(UNCLEAR);
    expect(r).toEqual(offline.parse(UNCLEAR));
    expect(events.map((e) => e.event)).toContain('llm_invalid');
  });

  it('falls back when nothing listens', async () => {
    const dead = createLlmUnderstanding({ baseUrl: 'http://127.0.0.1:9/v1', model: 'x', timeoutMs: 300, offline });
    const r = await dead.parse(UNCLEAR);
    expect(r).toEqual(offline.parse(UNCLEAR));
  });
});
