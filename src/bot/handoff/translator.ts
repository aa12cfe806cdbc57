// Translation between staff (Danish) and a resident, when an OpenAI-compatible model is configured
// (OPENAI_API_KEY / OPENAI_BASE_URL, as for the understanding). Everything personal the masker finds
// (src/understanding/mask.ts: the names the bot knows about the resident, names after "my name is",
// phones, e-mails, addresses, CPR numbers, dates) is replaced by placeholders before the text leaves
// and put back after; the reply must match a strict JSON schema. Any failure → null, and the message
// passes untranslated.
import OpenAI from 'openai';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import { findPersonalData, type MaskOptions } from '../../understanding/mask';

export interface Translator {
  /** `residentId`: whose handoff it is, so the names the bot knows about them are kept from the model too. */
  translate(text: string, from: string, to: string, residentId?: string): Promise<string | null>;
}

export interface TranslatorOptions {
  /** Words the intent model knows (never taken for a name). */
  isKnownWord?: (normalisedWord: string) => boolean;
  /** The names stored about a resident (their first name, their registrations' names). */
  namesOf?: (residentId: string) => Promise<string[]>;
}

const reply = z.strictObject({ translation: z.string().min(1) });
const responseFormat = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'kvarterbot_translation',
    strict: true,
    schema: { type: 'object', properties: { translation: { type: 'string' } }, required: ['translation'], additionalProperties: false },
  },
};

/** Replaces personal data by ⟦1⟧, ⟦2⟧ …; `restore` puts it back (null if the model lost one). */
export function protect(text: string, opts: MaskOptions = {}): { masked: string; restore: (s: string) => string | null } {
  const kept: string[] = [];
  let masked = '';
  let at = 0;
  for (const span of findPersonalData(text, opts)) {
    kept.push(text.slice(span.start, span.end));
    masked += `${text.slice(at, span.start)}⟦${kept.length}⟧`;
    at = span.end;
  }
  masked += text.slice(at);
  return {
    masked,
    restore: (s) => {
      if (kept.some((_, i) => !s.includes(`⟦${i + 1}⟧`))) return null;
      return s.replace(/⟦(\d+)⟧/g, (_, n: string) => kept[Number(n) - 1] ?? '');
    },
  };
}

function languageName(code: string): string {
  return new Intl.DisplayNames('en', { type: 'language' }).of(code) ?? code;
}

export function createTranslator(config: Config, log: Logger, opts: TranslatorOptions = {}): Translator | null {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return null;
  const client = new OpenAI({ apiKey: config.OPENAI_API_KEY || 'not-configured', baseURL: config.OPENAI_BASE_URL || undefined, maxRetries: 0 });
  // A chat message may be longer than an intent question: twice the understanding's limit.
  const timeout = config.OPENAI_TIMEOUT_MS * 2;
  const l = log.child({ mod: 'translate' });

  return {
    async translate(text, from, to, residentId) {
      if (from === to || !text.trim()) return null;
      const started = Date.now();
      try {
        const names = residentId && opts.namesOf ? await opts.namesOf(residentId) : [];
        const { masked, restore } = protect(text, { isKnownWord: opts.isKnownWord, names });
        const completion = await client.chat.completions.create(
          {
            model: config.OPENAI_MODEL,
            temperature: 0,
            messages: [
              {
                role: 'system',
                content: [
                  `Translate the user's chat message from ${languageName(from)} to ${languageName(to)}.`,
                  'It is a message between a resident and a social worker of a social-housing programme in Høje-Taastrup, Denmark.',
                  'Keep the tone, keep names, and keep placeholders like ⟦1⟧ exactly as they are. Write plain, simple words.',
                  'Answer with the JSON object only: {"translation": "..."}.',
                ].join('\n'),
              },
              { role: 'user', content: masked },
            ],
            response_format: responseFormat,
          },
          { signal: AbortSignal.timeout(timeout), timeout, maxRetries: 0 },
        );
        const content = completion.choices[0]?.message?.content;
        const parsed = typeof content === 'string' ? reply.safeParse(JSON.parse(content)) : null;
        const restored = parsed?.success ? restore(parsed.data.translation) : null;
        l.info(restored ? 'translated' : 'translation_invalid', { ms: Date.now() - started, from, to });
        return restored;
      } catch (err) {
        l.warn('translation_failed', { ms: Date.now() - started, error: (err as Error)?.name, status: (err as { status?: number }).status });
        return null;
      }
    },
  };
}
