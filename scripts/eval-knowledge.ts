// The knowledge evaluation (issue 13): practical and out-of-scope questions residents ask
// (test/eval/knowledge/{dev,heldout}.jsonl, da/ar/en), each sent as the first message of a new
// chat to POST /api/messages of the real server. Scored from what the resident reads
// (test/eval/knowledge/score.ts): the right entry, or for a fact nobody has set an honest "don't
// know yet" with a person offered; never crisis numbers, never a handoff nobody asked for, never a
// number, time or name that is in no source.
//
//   npm run eval:knowledge -- [--part dev|fresh|sealed|fresh2|sealed2|fresh3|fresh4|heldout] [--errors] [--show-heldout] [--llm good|invents|cites-missing|slow]
//
// Parts: dev (tuned on), fresh (written later, fresh, by whoever worked on the ranker; tuned on),
// sealed (written with fresh, never read after writing), fresh2 and sealed2 (a second round written
// the same way by the next helper, on the kinds of misses), fresh3 (a third round, scored before
// the ranker changes that came with it), fresh4 (a fourth round, likewise) and heldout (never read). --errors lists
// the misses of dev and fresh; the sealed and held-out parts' only with --show-heldout (whoever
// tunes the ranker and the entries must not read them). --llm runs the same set with the retrieval-augmented
// LLM path on, against a fake OpenAI-compatible server with the given behaviour.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { showsCrisisNumber } from './eval/checks';
import { migrate } from '../src/store/migrate';
import { startBot, type BotUnderTest } from '../test/support/harness';
import { FakeOpenAi, type FakeAnswers } from '../test/support/fake-openai';
import { identify, isRight, readEvalSet, sessionNumbers, sourceCorpus, unsupported, type EvalLine } from '../test/eval/knowledge/score';

const TARGET = 0.9;

const PARTS = ['dev', 'fresh', 'sealed', 'fresh2', 'sealed2', 'fresh3', 'fresh4', 'heldout'] as const;
type Part = (typeof PARTS)[number];
/** Parts whose misses may be read by whoever tunes the ranker and the entries. */
const OPEN_PARTS: readonly Part[] = ['dev', 'fresh', 'fresh2', 'fresh3', 'fresh4'];
const isPart = (x: string | undefined): x is Part => (PARTS as readonly (string | undefined)[]).includes(x);

interface Args {
  parts: Part[];
  errors: boolean;
  showHeldout: boolean;
  llm?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { parts: [], errors: false, showHeldout: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (a === '--part' && isPart(next)) args.parts.push(argv[++i] as Part);
    else if (a === '--errors') args.errors = true;
    else if (a === '--show-heldout') args.showHeldout = true;
    else if (a === '--llm') args.llm = argv[++i];
    else {
      console.error(`unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!args.parts.length) args.parts = [...PARTS];
  return args;
}

interface Outcome {
  line: EvalLine;
  right: boolean;
  keys: string[];
  emergency: boolean;
  handoff: boolean;
  invented: string[];
  reply: string;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '–');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let stopLlm: (() => Promise<void>) | undefined;
  const env: Record<string, string> = {};
  if (args.llm) {
    const fake = await new FakeOpenAi({}, { answers: args.llm as FakeAnswers }).start();
    env.OPENAI_BASE_URL = fake.baseUrl;
    env.OPENAI_API_KEY = 'eval';
    env.OPENAI_TIMEOUT_MS = '1500';
    stopLlm = () => fake.stop();
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kvarterbot-eval-knowledge-'));
  const databaseUrl = `file:${path.join(tmp, 'eval.db')}`;
  await migrate(databaseUrl);
  // Always-open office hours: replies do not depend on the clock.
  const bot: BotUnderTest = await startBot({ databaseUrl, env: { LOG_LEVEL: 'error', OFFICE_HOURS: 'mon-sun 00:00-24:00', ...env } });
  let failed = false;
  try {
    const activities = (await (await fetch(`${bot.url}/api/activities?lang=da`)).json()) as { activities: { sessions: { startsAt: string; endsAt: string }[] }[] };
    const corpus = sourceCorpus([sessionNumbers(activities.activities.flatMap((a) => a.sessions)).join(' ')]);
    for (const part of args.parts) {
      const lines = readEvalSet(part);
      const outcomes: Outcome[] = [];
      // One at a time, so a handoff row belongs to the question just asked.
      for (const line of lines) {
        const chat = bot.chat({ userId: `eval-${randomUUID()}` });
        const before = await bot.app.db.handoff.count();
        const replies = await chat.say(line.text);
        const seen = identify(replies, line.lang);
        const reply = replies.map((r) => r.text ?? '').join('\n');
        outcomes.push({
          line,
          right: isRight(line, seen),
          keys: seen.keys,
          emergency: showsCrisisNumber(reply),
          handoff: (await bot.app.db.handoff.count()) > before,
          invented: unsupported(reply, corpus, line.text),
          reply,
        });
      }
      console.log(`\n== ${part} (${lines.length} questions${args.llm ? `, LLM: ${args.llm}` : ''})`);
      console.log('lang   n   right      emergency  handoff  invented');
      for (const lang of ['da', 'ar', 'en', 'all']) {
        const o = outcomes.filter((x) => lang === 'all' || x.line.lang === lang);
        const right = o.filter((x) => x.right).length;
        const em = o.filter((x) => x.emergency).length;
        const ho = o.filter((x) => x.handoff).length;
        const inv = o.filter((x) => x.invented.length).length;
        const ok = right / Math.max(1, o.length) >= TARGET && em === 0 && inv === 0;
        if (!ok) failed = true;
        console.log(`${lang.padEnd(4)} ${String(o.length).padStart(3)}   ${pct(right, o.length).padEnd(9)}  ${String(em).padEnd(9)}  ${String(ho).padEnd(7)}  ${String(inv).padEnd(8)} ${ok ? 'PASS' : 'FAIL'}`);
      }
      if (args.errors && (OPEN_PARTS.includes(part) || args.showHeldout)) {
        for (const x of outcomes.filter((o) => !o.right || o.emergency || o.invented.length)) {
          console.log(`- [${x.line.lang}] ${x.line.text}\n    expected ${x.line.expect.join('|')}, got ${x.keys.join(', ') || '(nothing)'}${x.invented.length ? `, invented ${x.invented.join(' ')}` : ''}\n    ${x.reply.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
      }
    }
  } finally {
    await bot.close();
    await stopLlm?.();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
