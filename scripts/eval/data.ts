// The evaluation sets of one part (test/eval/README.md), parsed and checked before anything runs:
// a typo in a data file is named with its file and line, never scored as the bot's failure.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { validatePattern } from './checks';

const lang = z.enum(['da', 'ar', 'en']);
const pattern = z.string().min(1).superRefine((p, ctx) => {
  try {
    validatePattern(p);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

const expectSchema = z
  .object({
    lang: lang.optional(),
    anyOf: z.array(pattern).optional(),
    allOf: z.array(pattern).optional(),
    noneOf: z.array(pattern).optional(),
    emergency: z.boolean().optional(),
    handoff: z.boolean().nullable().optional(),
  })
  .strict();

const turnSchema = z
  .object({ say: z.string().optional(), tap: z.string().optional(), expect: expectSchema.default({}) })
  .strict()
  .refine((t) => (t.say === undefined) !== (t.tap === undefined), 'a turn has exactly one of "say" and "tap"');

const dialogueSchema = z
  .object({
    id: z.string().min(1),
    lang,
    persona: z.string().optional(),
    channel: z.enum(['webchat', 'sms']).default('webchat'),
    join: z.boolean().default(true),
    turns: z.array(turnSchema).min(1),
    end: z
      .object({
        registrations: z.array(z.object({ activity: z.string().min(1), name: z.string().min(1) }).strict()).optional(),
        none: z.boolean().optional(),
      })
      .strict()
      .optional(),
    replyLang: lang.optional(),
  })
  .strict();

const everydaySchema = z.object({ text: z.string().min(1), lang, after: z.array(z.string()).optional() }).passthrough();
const disclosureSchema = everydaySchema.extend({ kind: z.string().min(1) });
const messageSchema = z
  .object({
    text: z.string().min(1),
    lang,
    intent: z.string().min(1),
    entities: z.object({ category: z.string().optional(), language: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export type Dialogue = z.infer<typeof dialogueSchema>;
export type Turn = Dialogue['turns'][number];
export type Everyday = z.infer<typeof everydaySchema>;
export type Disclosure = z.infer<typeof disclosureSchema>;
export type Message = z.infer<typeof messageSchema>;

export interface PartData {
  name: string;
  dir: string;
  dialogues: Dialogue[];
  everyday: Everyday[];
  disclosures: Disclosure[];
  messages: Message[];
}

function issues(where: string, err: z.ZodError): string {
  return err.issues.map((i) => `${where}${i.path.length ? ` at ${i.path.join('.')}` : ''}: ${i.message}`).join('\n');
}

function readJsonl<T>(file: string, schema: z.ZodType<T>, problems: string[]): T[] {
  if (!fs.existsSync(file)) return [];
  const out: T[] = [];
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim() || line.trim().startsWith('//')) return;
      const where = `${file}:${i + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        problems.push(`${where}: not JSON`);
        return;
      }
      const parsed = schema.safeParse(raw);
      if (parsed.success) out.push(parsed.data);
      else problems.push(issues(where, parsed.error));
    });
  return out;
}

/** A part folder, or null when it has none of the four files. Throws listing every data problem. */
export function loadPart(name: string, dir: string): PartData | null {
  const files = ['dialogues.json', 'everyday.jsonl', 'disclosures.jsonl', 'messages.jsonl'];
  if (!files.some((f) => fs.existsSync(path.join(dir, f)))) return null;
  const problems: string[] = [];
  const dialogues: Dialogue[] = [];
  const dFile = path.join(dir, 'dialogues.json');
  if (fs.existsSync(dFile)) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(dFile, 'utf8'));
    } catch (err) {
      problems.push(`${dFile}: not JSON (${(err as Error).message})`);
    }
    if (raw !== undefined) {
      if (!Array.isArray(raw)) problems.push(`${dFile}: must be an array of conversations`);
      else
        raw.forEach((c, i) => {
          const parsed = dialogueSchema.safeParse(c);
          const label = `${dFile} [${i}${typeof (c as { id?: unknown })?.id === 'string' ? ` ${(c as { id: string }).id}` : ''}]`;
          if (parsed.success) dialogues.push(parsed.data);
          else problems.push(issues(label, parsed.error));
        });
      const seen = new Set<string>();
      for (const d of dialogues) {
        if (seen.has(d.id)) problems.push(`${dFile}: duplicate id ${d.id}`);
        seen.add(d.id);
      }
    }
  }
  const part: PartData = {
    name,
    dir,
    dialogues,
    everyday: readJsonl(path.join(dir, 'everyday.jsonl'), everydaySchema, problems),
    disclosures: readJsonl(path.join(dir, 'disclosures.jsonl'), disclosureSchema, problems),
    messages: readJsonl(path.join(dir, 'messages.jsonl'), messageSchema, problems),
  };
  if (problems.length) throw new Error(`data problems in part "${name}":\n${problems.join('\n')}`);
  return part;
}

export function loadMessages(file: string): Message[] {
  const problems: string[] = [];
  const out = readJsonl(file, messageSchema, problems);
  if (problems.length) throw new Error(problems.join('\n'));
  return out;
}
