// Replays the sign-up probe (test/understanding/fixtures/signup-probe.jsonl) through the real
// server and checks the prompt the bot ends on. `--half tune|test`, `--errors` lists misses.
import { readFileSync } from 'node:fs';
import { lastPrompt } from '../test/support/harness';
import { startEvalBot } from './eval/replay';

interface Probe { lang: string; half: 'tune' | 'test'; turns: string[]; expect: string }

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const half = args.includes('--half') ? args[args.indexOf('--half') + 1] : undefined;
  const errors = args.includes('--errors');
  const probes: Probe[] = readFileSync('test/understanding/fixtures/signup-probe.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const ev = await startEvalBot();
  const bot = ev.bot;
  const score: Record<string, [number, number]> = {};
  try {
    for (const p of probes) {
      if (half && p.half !== half) continue;
      const chat = bot.chat();
      let prompt: string | undefined;
      for (const turn of p.turns) prompt = lastPrompt(await chat.say(turn));
      const ok = p.expect.split("|").includes(prompt ?? "");
      const s = (score[p.half] ??= [0, 0]);
      s[1]++;
      if (ok) s[0]++;
      else if (errors) console.log(`${p.half} ${p.lang} ${JSON.stringify(p.turns)} → ${prompt} (expected ${p.expect})`);
    }
  } finally {
    await ev.close();
  }
  for (const [h, [ok, n]] of Object.entries(score)) console.log(`${h}: ${ok}/${n}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
