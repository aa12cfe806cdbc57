// Replays test/understanding/fixtures/questions-probe.jsonl through the real server: each message in
// a fresh conversation (after its `after` messages), checked like the conversation eval (anyOf
// patterns at a word start; `short`: no clarifying question). Prints pass rates per half and
// language; `--errors` lists the failures (probe sentences are ours, not eval data).
//   node --require tsx/cjs scripts/probe-questions.ts [--errors] [--half tune|test]
import fs from 'node:fs';
import path from 'node:path';
import { matches, readableTurn } from './eval/checks';
import { startEvalBot } from './eval/replay';

interface Probe { kind: string; lang: string; say: string; after?: string[]; anyOf?: string[]; noneOf?: string[]; short?: boolean; half: string }

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showErrors = args.includes('--errors');
  const halfArg = args.includes('--half') ? args[args.indexOf('--half') + 1] : undefined;
  const file = path.join(__dirname, '../test/understanding/fixtures/questions-probe.jsonl');
  const probes: Probe[] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const ev = await startEvalBot();
  const bot = ev.bot;
  const score = new Map<string, { ok: number; n: number }>();
  try {
    for (const p of probes) {
      if (halfArg && p.half !== halfArg) continue;
      const chat = bot.chat();
      for (const a of p.after ?? []) await chat.say(a);
      const replies = await chat.say(p.say);
      const text = readableTurn(replies);
      const prompt = [...replies].reverse().find((r) => r.channelData?.prompt)?.channelData.prompt;
      const problems: string[] = [];
      if (!replies.length) problems.push('silent');
      if (p.anyOf?.length && !p.anyOf.some((x) => matches(text, x))) problems.push('anyOf');
      if (p.noneOf?.some((x) => matches(text, x))) problems.push('noneOf');
      if (p.short && prompt === 'clarify') problems.push('clarify');
      for (const key of [`${p.half} ${p.lang}`, `${p.half} all`]) {
        const s = score.get(key) ?? { ok: 0, n: 0 };
        s.n++;
        if (!problems.length) s.ok++;
        score.set(key, s);
      }
      if (showErrors && problems.length) {
        console.log(`✗ [${p.half} ${p.kind} ${p.lang}] ${(p.after ?? []).join(' / ')}${p.after ? ' → ' : ''}${p.say}  (${problems.join(',')}; prompt=${prompt})`);
        console.log(`    ${text.replace(/\n/g, ' ⏎ ').slice(0, 260)}`);
      }
    }
  } finally {
    await ev.close();
  }
  for (const [k, s] of [...score].sort()) console.log(`${k.padEnd(10)} ${s.ok}/${s.n} ${((100 * s.ok) / s.n).toFixed(0)}%`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
