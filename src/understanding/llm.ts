// Optional LLM fallback on top of the offline understanding. Used only when configured, and
// only for messages the offline model is unsure about (confidence below its threshold, or
// out_of_scope). Personal data is masked before anything is sent; the reply must match a strict
// JSON schema and is validated with zod. Any timeout, HTTP error or invalid reply → the offline
// result. Emergencies are never delegated: the offline layer decides them on the spot.

import OpenAI from 'openai';
import { z } from 'zod';
import type { Understanding, ParseResult, Intent } from './index';
import { INTENTS } from './index';
import { SIGNUP_CATEGORIES } from '../domain/categories';
import { maskPersonalData } from './mask';
import { factsNotIn } from '../domain/knowledge';

export interface LlmOptions {
  apiKey?: string;
  /** OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1. */
  baseUrl?: string;
  model: string;
  /** Hard limit for one request (no retries). */
  timeoutMs: number;
  offline: Understanding;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export interface LlmParseHint {
  lang?: string;
  /** Names to mask before sending (the resident's, the children's). */
  names?: string[];
  /** The slot the bot's last question asked for: an answer to a name question is masked whole. */
  answering?: string;
}

export interface LlmUnderstanding {
  parse(text: string, hint?: LlmParseHint): Promise<ParseResult>;
}

/** The reply the model must produce (strict JSON schema). */
export function replySchema(languages: string[]) {
  const langs = (languages.length > 0 ? languages : ['da']) as [string, ...string[]];
  return z.strictObject({
    intent: z.enum(INTENTS as unknown as [Intent, ...Intent[]]),
    lang: z.enum(langs),
    confidence: z.number(),
    category: z.enum(SIGNUP_CATEGORIES).nullable(),
    language: z.enum(langs).nullable(),
  });
}

export function jsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  const js = z.toJSONSchema(schema) as Record<string, unknown>;
  delete js.$schema;
  return js;
}

function systemPrompt(languages: string[]): string {
  return [
    'You classify one chat message sent to kvarterbot, the assistant of a social-housing programme in',
    'Charlottekvarteret, Høje-Taastrup (Denmark). Parents ask what is on and sign up for the parents\' network',
    '(forældrenetværk), courses (kurser) and pocket-money jobs for 13–14-year-olds (lommepengejob); youth sign',
    'themselves up. Messages are in Danish, Arabic (any dialect, also Arabizi in Latin letters) or English.',
    'Personal data has been replaced by <name>, <phone>, <email>, <address>, <date> and <cpr>.',
    '',
    'Intents: greet; help (how the bot works); list_activities (what is on, no specific category);',
    'activity_info (about a category or activity: when, where, price, age); signup (for oneself or a child);',
    'my_registrations; cancel_registration; human (talk to or be called by staff, someone who speaks a language);',
    'change_language; privacy (stored data, deletion, consent); emergency (violence, abuse, self-harm,',
    'suicide, threats, forced marriage, a child in danger, not safe); smalltalk (thanks, bye, ok, how are',
    'you); out_of_scope (anything else).',
    `lang: the language of the message (${languages.join(', ')}; Arabizi is ar).`,
    `category: ${SIGNUP_CATEGORIES.slice(0, -1).join(', ')} or ${SIGNUP_CATEGORIES.at(-1)} if the message is about one, else null.`,
    'language: the language the user asks to switch to or asks for, else null.',
    'confidence: your probability (0..1) that the intent is right.',
    'Answer with the JSON object only.',
  ].join('\n');
}

type LlmLog = (event: string, fields: Record<string, unknown>) => void;

/**
 * One chat completion whose reply must be a JSON object of `schema` (structured output). Null when
 * the model fails, times out, or answers anything else; the reason is logged under `<event>_…`,
 * never the text.
 */
async function structuredReply<T>(
  client: OpenAI,
  opts: { model: string; timeoutMs: number },
  req: { name: string; system: string; user: string; schema: z.ZodType<T> },
  log: LlmLog,
  event: string,
): Promise<T | null> {
  const started = Date.now();
  try {
    const completion = await client.chat.completions.create(
      {
        model: opts.model,
        temperature: 0,
        messages: [
          { role: 'system', content: req.system },
          { role: 'user', content: req.user },
        ],
        response_format: { type: 'json_schema', json_schema: { name: req.name, strict: true, schema: jsonSchemaFor(req.schema) } },
      },
      { signal: AbortSignal.timeout(opts.timeoutMs), timeout: opts.timeoutMs, maxRetries: 0 },
    );
    const content = completion.choices[0]?.message?.content;
    if (typeof content !== 'string') {
      log(`${event}_invalid`, { ms: Date.now() - started, reason: 'no content' });
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      log(`${event}_invalid`, { ms: Date.now() - started, reason: 'not json' });
      return null;
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      log(`${event}_invalid`, { ms: Date.now() - started, reason: parsed.error.issues[0]?.message ?? 'schema' });
      return null;
    }
    log(`${event}_ok`, { ms: Date.now() - started });
    return parsed.data;
  } catch (e) {
    const err = e as { name?: string; status?: number; message?: string };
    const timeout = err.name === 'TimeoutError' || err.name === 'AbortError' || /timed? ?out|abort/i.test(err.message ?? '');
    log(timeout ? `${event}_timeout` : `${event}_error`, { ms: Date.now() - started, status: err.status, error: err.name });
    return null;
  }
}

export function createLlmUnderstanding(opts: LlmOptions): LlmUnderstanding {
  const log = opts.log ?? (() => undefined);
  const offline = opts.offline;
  const schema = replySchema(offline.languages);
  const client = new OpenAI({ apiKey: opts.apiKey || 'not-configured', baseURL: opts.baseUrl || undefined, timeout: opts.timeoutMs, maxRetries: 0 });
  const prompt = systemPrompt(offline.languages);

  function ask(masked: string): Promise<z.infer<typeof schema> | null> {
    return structuredReply(client, opts, { name: 'kvarterbot_intent', system: prompt, user: masked, schema }, log, 'llm');
  }


  return {
    async parse(text, hint) {
      const base = offline.parse(text, hint?.lang ? { lang: hint.lang } : undefined);
      const unsure = base.confidence < offline.threshold || base.intent === 'out_of_scope';
      if (base.intent === 'emergency' || !unsure) return base;
      const masked = maskPersonalData(text, { isKnownWord: (w) => offline.knownWord(w), names: hint?.names, answering: hint?.answering });
      // A hard deadline on top of the client's own timeout: the bot never waits longer.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), opts.timeoutMs + 50);
      });
      const reply = await Promise.race([ask(masked), deadline]);
      if (timer) clearTimeout(timer);
      if (!reply) return base;
      const confidence = Math.min(1, Math.max(0, Number.isFinite(reply.confidence) ? reply.confidence : 0.5));
      return {
        lang: offline.languages.includes(reply.lang) ? reply.lang : base.lang,
        intent: reply.intent,
        confidence,
        // Entities the text itself shows (phone, birth year, age, number, activity) stay offline.
        entities: {
          ...base.entities,
          category: base.entities.category ?? reply.category ?? undefined,
          language: base.entities.language ?? reply.language ?? undefined,
        },
        // A doubtful safety signal is the offline layer's to give; the LLM never decides danger.
        ...(base.safety ? { safety: base.safety } : {}),
      };
    },
  };
}

// ---- Answers beyond the catalogue (issue 13): retrieval-augmented, from the passages only.

/** One passage the model may answer from: a knowledge entry or a catalogue activity, by id. */
export interface Passage {
  id: string;
  text: string;
}

export interface LlmAnswer {
  text: string;
  /** The passage ids the answer is built on (all of them among the passages given). */
  sources: string[];
}

export interface LlmAnswerer {
  /** A checked answer, or null (not configured well, timeout, invalid, unsourced or inventing). */
  answer(question: string, lang: string, passages: Passage[], hint?: LlmParseHint): Promise<LlmAnswer | null>;
}

export const answerReplySchema = z.strictObject({
  /** False when the passages do not answer the question. */
  answerable: z.boolean(),
  answer: z.string().max(1500),
  sources: z.array(z.string()).max(5),
});

function answerPrompt(lang: string): string {
  return [
    'You answer one question from a resident of Charlottekvarteret, Høje-Taastrup (Denmark), for kvarterbot,',
    'the assistant of the neighbourhood\'s social housing plan. Answer ONLY from the numbered passages in the',
    'user message. Never add a fact that is not in them: no phone numbers, addresses, prices, times, dates,',
    'names or places of your own. If the passages do not answer the question, set answerable to false.',
    `Write the answer in the language with code "${lang}", short, plain and kind, addressing one person.`,
    'Personal data has been replaced by <name>, <phone> and <email>.',
    'sources: the ids of the passages you used (at least one when answerable).',
    'Answer with the JSON object only.',
  ].join('\n');
}

/** The question and the passages, as the model reads them. */
export function answerUserMessage(question: string, passages: Passage[]): string {
  return [`Question: ${question}`, '', 'Passages:', ...passages.map((p) => `[${p.id}] ${p.text}`)].join('\n');
}

export function createLlmAnswerer(opts: Omit<LlmOptions, 'offline'> & { isKnownWord?: (w: string) => boolean }): LlmAnswerer {
  const log = opts.log ?? (() => undefined);
  const client = new OpenAI({ apiKey: opts.apiKey || 'not-configured', baseURL: opts.baseUrl || undefined, timeout: opts.timeoutMs, maxRetries: 0 });

  function ask(question: string, lang: string, passages: Passage[]): Promise<z.infer<typeof answerReplySchema> | null> {
    const user = answerUserMessage(question, passages);
    return structuredReply(client, opts, { name: 'kvarterbot_answer', system: answerPrompt(lang), user, schema: answerReplySchema }, log, 'llm_answer');
  }


  return {
    async answer(question, lang, passages, hint) {
      if (!passages.length) return null;
      const masked = maskPersonalData(question, { isKnownWord: opts.isKnownWord, names: hint?.names });
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), opts.timeoutMs + 50);
      });
      const reply = await Promise.race([ask(masked, lang, passages), deadline]);
      if (timer) clearTimeout(timer);
      if (!reply || !reply.answerable || !reply.answer.trim()) return null;
      // Every source must be a passage we gave, and every number, name and place must be in them.
      const byId = new Map(passages.map((p) => [p.id, p.text]));
      const sources = [...new Set(reply.sources)];
      if (!sources.length || sources.some((s) => !byId.has(s))) {
        log('llm_answer_rejected', { reason: 'source' });
        return null;
      }
      const invented = factsNotIn(reply.answer, sources.map((s) => byId.get(s)!));
      if (invented.length) {
        log('llm_answer_rejected', { reason: 'fact', count: invented.length });
        return null;
      }
      return { text: reply.answer.trim(), sources };
    },
  };
}
