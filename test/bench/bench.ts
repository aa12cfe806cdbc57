// npm run bench: drives /api/messages over HTTP as a channel would and compares kvarterbot with
// a bare botbuilder echo bot measured in the same run, interleaved (machines here are noisy).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { FakeConnector } from '../support/fake-connector';
import { migrate } from '../../src/store/migrate';
import { startNodeProcess } from '../support/server-process';

const root = path.resolve(__dirname, '..', '..');
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200);
const TURNS = 5;
const CONCURRENCY = 32;
/**
 * Interleaved rounds (each ≥ 32 conversations), an even number so each bot goes first equally often:
 * what one process does after a burst (GC) lands in the other's round, so the order must balance.
 */
const ROUNDS = 4;
const WARMUP_CONVERSATIONS = Number(process.env.BENCH_WARMUP ?? 40);

const scripts = [
  ['hej', 'hvilke aktiviteter er der?', 'parent-network', 'hvornår er der forældrenetværk', 'tak'],
  ['مرحبا', 'ما هي النشاطات الموجودة؟', 'pocket-money-job', 'ما هو عمل مصروف الجيب؟', 'شكرا'],
  ['hello', "what's on for teenagers?", 'youth-platform', 'where does the parents network meet', 'bye'],
  ['hej', 'skift sprog', 'en', 'show me the activities', 'thanks'],
  // A person asked for, an emergency, nonsense: the bot must keep answering every turn (it once fell silent here).
  ['hej', 'jeg vil tale med en medarbejder', 'hvilke aktiviteter er der?', 'ok', 'tak'],
  ['hi', 'my dad hits me', 'I want to talk to someone', 'what activities are there?', '👍'],
  ['?', 'asdfgh qwerty', '1', '2012', 'blå elefanter danser tango'],
  ['مرحبا', 'أريد التكلم مع موظف', 'متى تجتمع شبكة الأهالي', 'و وين؟', 'شكرا'],
];

interface Target { name: string; child: ChildProcess; url: string; latencies: number[]; errors: number; silent: number; busyMs: number; replies: number; replyBytes: number; cpuMs: number; driverCpuMs: number }

async function startTarget(name: string, args: string[], env: Record<string, string>): Promise<Target> {
  const proc = await startNodeProcess(args, env, { compiled: true });
  return { name, child: proc.child, url: proc.url, latencies: [], errors: 0, silent: 0, busyMs: 0, replies: 0, replyBytes: 0, cpuMs: 0, driverCpuMs: 0 };
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function conversation(t: Target, connector: FakeConnector, script: string[]): Promise<void> {
  const connectorUrl = connector.url;
  const conv = `bench-${randomUUID()}`;
  const user = `u-${randomUUID()}`;
  for (const text of script) {
    const body = JSON.stringify({
      type: 'message', id: randomUUID(), channelId: 'webchat', serviceUrl: connectorUrl, text,
      from: { id: user }, recipient: { id: 'bot' }, conversation: { id: conv },
    });
    const started = performance.now();
    const seen = connector.received.length;
    try {
      const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status !== 200) t.errors++;
      // Replies are posted before the HTTP answer ends the turn: a turn with none left the resident in silence.
      else if (!connector.received.slice(seen).some((r) => r.conversationId === conv)) t.silent++;
    } catch {
      t.errors++;
    }
    t.latencies.push(performance.now() - started);
  }
}

async function drive(t: Target, connector: FakeConnector, count: number): Promise<void> {
  const before = connector.received.length;
  const cpuBefore = cpuMs(t.child.pid!);
  const driverBefore = cpuMs(process.pid);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        await conversation(t, connector, scripts[i % scripts.length]);
      }
    }),
  );
  t.busyMs += performance.now() - started;
  t.replies += connector.received.length - before;
  for (const r of connector.received.slice(before)) t.replyBytes += JSON.stringify(r.activity).length;
  t.cpuMs += cpuMs(t.child.pid!) - cpuBefore;
  t.driverCpuMs += cpuMs(process.pid) - driverBefore;
}

/** What `npm start` runs after building (package.json): node's flags and the entry, so the bench measures production. */
function npmStartCommand(): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  const run = start.split('&&').at(-1)!.trim().split(/\s+/);
  if (run[0] !== 'node') throw new Error(`npm start should end with a node command: ${start}`);
  return run.slice(1);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvarterbot-bench-'));
  const databaseUrl = `file:${path.join(dir, 'bench.db')}`;
  await migrate(databaseUrl);
  const connector = await new FakeConnector().start();
  // BENCH_PROFILE=dir writes CPU profiles of both bot processes there (open them in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const bot = await startTarget('kvarterbot', [...profile, ...npmStartCommand()], { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' });
  const echo = await startTarget('echo bot', [...profile, 'dist/test/bench/echo-bot.js'], {});
  if (profile.length) console.log(`CPU profiles: kvarterbot pid ${bot.child.pid}, echo bot pid ${echo.child.pid}`);
  try {
    // Warm-up (a server runs for days: measure it with its code compiled by the JIT, not while it is
    // still being compiled), then interleaved rounds so both see the same machine conditions.
    for (const t of [bot, echo]) await drive(t, connector, WARMUP_CONVERSATIONS);
    for (const t of [bot, echo]) Object.assign(t, { latencies: [], errors: 0, silent: 0, busyMs: 0, replies: 0, replyBytes: 0, cpuMs: 0, driverCpuMs: 0 });
    connector.received.length = 0;
    const roundRatios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const rate = new Map<Target, number>();
      for (const t of r % 2 ? [echo, bot] : [bot, echo]) {
        const [turns, busy] = [t.latencies.length, t.busyMs];
        await drive(t, connector, Math.ceil(CONVERSATIONS / ROUNDS));
        rate.set(t, (t.latencies.length - turns) / (t.busyMs - busy));
      }
      roundRatios.push(rate.get(bot)! / rate.get(echo)!);
    }
    const rows = [bot, echo].map((t) => ({
      name: t.name,
      turns: t.latencies.length,
      turnsPerSec: (t.latencies.length / t.busyMs) * 1000,
      p50: pct(t.latencies, 50), p95: pct(t.latencies, 95), p99: pct(t.latencies, 99),
      rssMb: peakRssMb(t.child.pid!),
      errors: t.errors,
      silent: t.silent,
      repliesPerTurn: t.replies / t.latencies.length,
      replyBytes: t.replyBytes / Math.max(1, t.replies),
      cpuPerTurn: t.cpuMs / t.latencies.length,
      driverCpuPerTurn: t.driverCpuMs / t.latencies.length,
    }));
    console.log(`\n${CONVERSATIONS} conversations × ${TURNS} turns, ${CONCURRENCY} at once, SQLite, ${os.cpus().length} cores\n`);
    console.log('target       turns  turns/s   p50 ms  p95 ms  p99 ms  peak RSS MB  errors  replies/turn  bytes/reply  CPU ms/turn (driver)');
    for (const r of rows) {
      console.log(`${r.name.padEnd(12)} ${String(r.turns).padStart(5)}  ${r.turnsPerSec.toFixed(0).padStart(7)}  ${r.p50.toFixed(1).padStart(7)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)}  ${r.rssMb.toFixed(0).padStart(11)}  ${String(r.errors).padStart(6)}  ${r.repliesPerTurn.toFixed(2).padStart(12)}  ${r.replyBytes.toFixed(0).padStart(11)}  ${r.cpuPerTurn.toFixed(2).padStart(11)} (${r.driverCpuPerTurn.toFixed(2)})`);
    }
    const [k, e] = rows;
    const checks = [
      [`throughput ≥ 60 % of echo (${((k.turnsPerSec / e.turnsPerSec) * 100).toFixed(0)} %)`, k.turnsPerSec >= 0.6 * e.turnsPerSec],
      [`p99 ≤ 2 × echo (${(k.p99 / e.p99).toFixed(2)} ×)`, k.p99 <= 2 * e.p99],
      [`peak RSS ≤ 300 MB (${k.rssMb.toFixed(0)} MB)`, k.rssMb <= 300],
      [`zero errors (${k.errors})`, k.errors === 0],
      [`every turn answered (${k.silent} silent)`, k.silent === 0],
    ] as const;
    console.log(`\nthroughput of kvarterbot / echo bot, round by round: ${roundRatios.map((x) => `${(x * 100).toFixed(0)} %`).join(', ')}\n`);
    for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
    try {
      // Loaded only now, so the understanding is not in the driver's memory while it drives the bots.
      const { benchUnderstanding } = require('./understanding-bench') as typeof import('./understanding-bench');
      console.log('\nunderstanding (in-process):', await benchUnderstanding());
    } catch (err) {
      console.log('\nunderstanding bench unavailable:', (err as Error).message);
    }
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    bot.child.kill('SIGINT');
    echo.child.kill('SIGINT');
    await connector.stop();
  }
}

void main();
