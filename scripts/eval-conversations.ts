// The conversation evaluation (test/eval/README.md): replays every part's dialogues, everyday
// messages and disclosures over HTTP against the real server, scores single messages through
// /api/parse, and prints figures per part and language with the targets as PASS/FAIL.
//
//   npm run eval -- [--part dev|heldout|heldout-b…] [--only <id prefix>] [--errors] [--show-heldout]
//                   [--json <file>] [--dir <folder>] [--nlu <file>|--no-nlu] [--concurrency 6]
//
// Every folder named heldout* is a held-out part of its own (written by another author), scored
// alone and, when there are several, also combined ("heldout (all)"). --errors lists the dev part's
// failures; the held-out parts' only with --show-heldout, because whoever tunes the bot must not
// read them.
import fs from 'node:fs';
import path from 'node:path';
import { loadMessages, loadPart, type PartData } from './eval/data';
import { combinedHeldout, isHeldout, partNames } from './eval/parts';
import { pool, runDialogue, runParse, runSingle, startEvalBot, type EvalBot } from './eval/replay';
import { failureKinds, failureListing, figures, summaryTable, targetsTable, type PartFigures, type PartResults } from './eval/report';

const ROOT = path.join(__dirname, '..');

interface Args {
  dir: string;
  parts?: string[];
  only?: string;
  errors: boolean;
  showHeldout: boolean;
  json?: string;
  nlu?: string;
  concurrency: number;
  officeHours?: string;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(
    'usage: npm run eval -- [--part dev|heldout|heldout-b…] [--only <id prefix>] [--errors] [--show-heldout] [--json <file>]\n' +
      '                      [--dir <folder>] [--nlu <file> | --no-nlu] [--concurrency <n>] [--office-hours "<spec>"]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    dir: path.join(ROOT, 'test', 'eval'),
    errors: false,
    showHeldout: false,
    nlu: path.join(ROOT, '..', 'shared', 'eval', 'nlu-dev.jsonl'),
    concurrency: 6,
  };
  const value = (i: number, name: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) usage(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dir') args.dir = path.resolve(value(++i, a));
    else if (a === '--part') (args.parts ??= []).push(value(++i, a));
    else if (a === '--only') args.only = value(++i, a);
    else if (a === '--errors') args.errors = true;
    else if (a === '--show-heldout') args.showHeldout = true;
    else if (a === '--json') args.json = path.resolve(value(++i, a));
    else if (a === '--nlu') args.nlu = path.resolve(value(++i, a));
    else if (a === '--no-nlu') args.nlu = undefined;
    else if (a === '--concurrency') args.concurrency = Math.max(1, Number(value(++i, a)) || 1);
    else if (a === '--office-hours') args.officeHours = value(++i, a);
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  return args;
}

const hidden = isHeldout;

/** The parts under `dir` (dev/, heldout*), or `dir` itself as one part when it holds the files. */
function loadParts(args: Args): PartData[] {
  const parts: PartData[] = [];
  const wanted = (name: string) => !args.parts || args.parts.includes(name);
  const problems: string[] = [];
  const tryLoad = (name: string, dir: string) => {
    try {
      const part = loadPart(name, dir);
      if (part) parts.push(part);
    } catch (err) {
      const message = (err as Error).message;
      // A held-out problem is reported by count only: its text would show the data.
      problems.push(hidden(name) && !args.showHeldout ? `part "${name}": ${message.split('\n').length - 1} data problem(s) (details with --show-heldout)` : message);
    }
  };
  const names = partNames(args.dir);
  for (const name of names) if (wanted(name)) tryLoad(name, path.join(args.dir, name));
  if (!parts.length && !problems.length && !names.some((n) => fs.existsSync(path.join(args.dir, n)))) {
    tryLoad(path.basename(args.dir), args.dir);
  }
  if (problems.length) {
    // The other parts still run; the exit code says something was not scored.
    console.error(`${problems.join('\n')}\nthese parts are not scored until their data is fixed\n`);
    process.exitCode = 1;
  }
  return parts;
}

async function runPart(ev: EvalBot, part: PartData, args: Args): Promise<PartResults> {
  const t0 = performance.now();
  const dialogues = args.only ? part.dialogues.filter((d) => d.id.startsWith(args.only!)) : part.dialogues;
  const everyday = args.only ? [] : part.everyday;
  const disclosures = args.only ? [] : part.disclosures;
  const messages = args.only ? [] : part.messages;
  console.error(
    `${part.name}: ${dialogues.length} dialogues (${dialogues.reduce((n, d) => n + d.turns.length, 0)} turns), ` +
      `${everyday.length} everyday, ${disclosures.length} disclosures, ${messages.length} messages`,
  );
  // Conversations are independent: one queue, several at a time.
  type Job = () => Promise<void>;
  const results: PartResults = { part: part.name, dialogues: [], singles: [], parses: [], ms: 0 };
  const jobs: Job[] = [
    ...dialogues.map((d, i) => async () => {
      results.dialogues[i] = await runDialogue(ev, d);
    }),
    ...disclosures.map((line, i) => async () => {
      results.singles[i] = await runSingle(ev, 'disclosure', line, i);
    }),
    ...everyday.map((line, i) => async () => {
      results.singles[disclosures.length + i] = await runSingle(ev, 'everyday', line, i);
    }),
  ];
  let done = 0;
  await pool(jobs, args.concurrency, async (job) => {
    await job();
    if (++done % 50 === 0 && process.stderr.isTTY) process.stderr.write(`  ${done}/${jobs.length}\r`);
  });
  results.parses = await pool(messages, args.concurrency, (m, i) => runParse(ev, m, i));
  results.ms = performance.now() - t0;
  return results;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const parts = loadParts(args);
  const nlu = args.nlu && !args.only && fs.existsSync(args.nlu) && (!args.parts || args.parts.includes('dev')) ? loadMessages(args.nlu) : [];
  if (!parts.length && !nlu.length) usage(process.exitCode ? 'nothing to score' : `no data: none of ${partNames(args.dir).map((n) => path.join(args.dir, n)).join(', ')} has a set`);

  const t0 = performance.now();
  const ev = await startEvalBot({ officeHours: args.officeHours });
  const results: PartResults[] = [];
  try {
    for (const part of parts) results.push(await runPart(ev, part, args));
    if (nlu.length) {
      const t = performance.now();
      const parses = await pool(nlu, args.concurrency, (m, i) => runParse(ev, m, i));
      results.push({ part: 'nlu-dev', dialogues: [], singles: [], parses, ms: performance.now() - t });
    }
  } finally {
    await ev.close();
  }
  const all = combinedHeldout(results);
  const figs: PartFigures[] = [...results.map(figures), ...(all ? [figures(all)] : [])];

  console.log(`\nConversation evaluation — ${((performance.now() - t0) / 1000).toFixed(0)} s, concurrency ${args.concurrency}\n`);
  console.log(summaryTable(figs));
  console.log('\nTargets: turns ≥ 95 %, no silent turn, intent ≥ 95 %, recall (numbers + handoff) 100 %, false alarms ≤ 0.5 %\n');
  console.log(targetsTable(figs));
  if (ev.unattributed) console.log(`\nnote: ${ev.unattributed} staff thread(s) could not be tied to a resident and were counted for the turn that saw them`);

  console.log('\nFailed checks by kind (aggregates only):');
  for (const r of results) console.log(failureKinds(r));

  if (args.errors) {
    for (const r of results) {
      if (hidden(r.part) && !args.showHeldout) {
        console.log(`\n${r.part}: failures not shown (--show-heldout); tune on dev only`);
        continue;
      }
      const listing = failureListing(r);
      console.log(`\nFailures — ${r.part}${listing ? '' : ': none'}`);
      if (listing) console.log(listing);
    }
  }

  if (args.json) {
    const failures = Object.fromEntries(
      results.filter((r) => !hidden(r.part) || args.showHeldout).map((r) => [r.part, failureListing(r).split('\n').filter(Boolean)]),
    );
    fs.mkdirSync(path.dirname(args.json), { recursive: true });
    fs.writeFileSync(args.json, `${JSON.stringify({ generatedAt: new Date().toISOString(), concurrency: args.concurrency, parts: figs, failures }, null, 2)}\n`);
    console.log(`\nfigures written to ${args.json}`);
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
