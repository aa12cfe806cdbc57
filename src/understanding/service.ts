// Wires the understanding for the app: the offline model always, the LLM on top when configured.
import type { Config } from '../config';
import type { Catalogue } from '../domain/catalogue';
import type { Logger } from '../log';
import { loadUnderstanding, type ParseResult } from './index';
import { createLlmUnderstanding } from './llm';

export interface UnderstandingService {
  threshold: number;
  languages: string[];
  /** `names` and `answering` only matter to the LLM fallback: what it masks before sending (mask.ts). */
  parse(text: string, hint?: { lang?: string; names?: string[]; answering?: string }): Promise<ParseResult>;
  /** True for words the intent model knows (the maskers use it to tell names from words). */
  knownWord(word: string): boolean;
}

export async function createUnderstandingService(
  config: Config,
  deps: { localesDir: string; catalogue: Catalogue; log: Logger },
): Promise<UnderstandingService> {
  const offline = loadUnderstanding({ localesDir: deps.localesDir });
  const activities = await deps.catalogue.all();
  offline.setActivities(activities.map((a) => ({ id: a.id, names: Object.values(a.texts).map((t) => t.title) })));
  const log = deps.log.child({ mod: 'understanding' });
  const llm =
    config.OPENAI_API_KEY || config.OPENAI_BASE_URL
      ? createLlmUnderstanding({
          apiKey: config.OPENAI_API_KEY,
          baseUrl: config.OPENAI_BASE_URL,
          model: config.OPENAI_MODEL,
          timeoutMs: config.OPENAI_TIMEOUT_MS,
          offline,
          log: (event, fields) => log.info(event, fields),
        })
      : null;
  return {
    threshold: offline.threshold,
    languages: offline.languages,
    knownWord: (word) => offline.knownWord(word),
    parse: llm ? (text, hint) => llm.parse(text, hint) : async (text, hint) => offline.parse(text, hint),
  };
}
