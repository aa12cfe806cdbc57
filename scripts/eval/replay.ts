// Replays the sets over HTTP against the real server: the test harness (fresh SQLite, fake Bot
// Connector), a staff channel on a second fake connector (a Teams service) so every handoff thread
// is seen, and the staff API for what ended up registered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { migrate } from '../../src/store/migrate';
import { FakeConnector, type Received } from '../../test/support/fake-connector';
import { startBot, type BotUnderTest, type Chat } from '../../test/support/harness';
import { checkTurn, fold, readableTurn, showsCrisisNumber, type TurnVerdict } from './checks';
import type { Dialogue, Disclosure, Everyday, Message } from './data';

type Json = Record<string, any>;

const STAFF_CHANNEL = '19:eval-staff@thread.tacv2';
const TURN_TIMEOUT_MS = 30_000;

export interface EvalBot {
  bot: BotUnderTest;
  staff: FakeConnector;
  token: string;
  /** CREATEs seen on the staff connector that no handoff row could be tied to (counted for the turn that saw them). */
  unattributed: number;
  close(): Promise<void>;
}

/** Every file under a folder, for a fingerprint of the migrations. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * A migrated empty SQLite database, kept in the temp folder per version of the migrations: running
 * Prisma's CLI takes seconds on a busy machine, copying a file does not.
 */
async function migratedTemplate(): Promise<string> {
  const migrations = path.join(__dirname, '..', '..', 'prisma', 'sqlite', 'migrations');
  const hash = createHash('sha256');
  for (const f of filesUnder(migrations).sort()) hash.update(path.relative(migrations, f)).update(fs.readFileSync(f));
  const template = path.join(os.tmpdir(), `kvarterbot-eval-template-${hash.digest('hex').slice(0, 16)}.db`);
  if (!fs.existsSync(template)) {
    const building = `${template}.${process.pid}.tmp`;
    await migrate(`file:${building}`);
    fs.renameSync(building, template);
  }
  return template;
}

/** Starts the bot as `npm start` would, minus the LLM: always-open office hours keep replies independent of the clock. */
export async function startEvalBot(opts: { officeHours?: string } = {}): Promise<EvalBot> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kvarterbot-eval-'));
  const file = path.join(tmp, 'eval.db');
  fs.copyFileSync(await migratedTemplate(), file);
  const databaseUrl = `file:${file}`;
  const staff = await new FakeConnector().start();
  // Long enough for any minimum length the staff API may require.
  const token = randomBytes(32).toString('hex');
  const bot = await startBot({
    databaseUrl,
    env: {
      LOG_LEVEL: 'error',
      STAFF_API_TOKEN: token,
      STAFF_TEAMS_CHANNEL_ID: STAFF_CHANNEL,
      STAFF_TEAMS_SERVICE_URL: staff.url,
      TEAMS_TENANT_ID: 'eval-tenant',
      OFFICE_HOURS: opts.officeHours ?? 'mon-sun 00:00-24:00',
      // Every resident of the eval writes from 127.0.0.1: per-IP limits are for the open internet, not this replay.
      RATE_LIMIT_PARSE_PER_IP: '100000/60',
      RATE_LIMIT_HANDOFFS_PER_IP: '100000/60',
    },
  });
  const ev: EvalBot = {
    bot,
    staff,
    token,
    unattributed: 0,
    async close() {
      await bot.close();
      await staff.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return ev;
}

/** Owner (channel user id) of a staff thread, through the handoff row that points at it. */
async function threadOwner(ev: EvalBot, conversationId: string): Promise<string | undefined> {
  // The card is posted before the row records its thread: give a concurrent turn a moment to finish.
  for (let i = 0; i < 20; i++) {
    try {
      const row = await ev.bot.app.db.handoff.findFirst({
        where: { staffConversationId: conversationId },
        select: { resident: { select: { channelUserId: true } } },
      });
      if (row) return row.resident.channelUserId;
    } catch {
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

interface StaffTraffic {
  /** A new thread in the staff channel for this resident. */
  opened: boolean;
  /** A post into a thread of this resident's already open handoff (an escalation while one is open). */
  posted: boolean;
}

async function staffTraffic(ev: EvalBot, chat: Chat, entries: Received[]): Promise<StaffTraffic> {
  let opened = false;
  let posted = false;
  for (const r of entries) {
    if (r.method === 'PUT') continue;
    const owner = await threadOwner(ev, r.conversationId);
    if (owner === undefined && r.method === 'CREATE') {
      ev.unattributed++;
      opened = true;
    } else if (owner === chat.userId) {
      if (r.method === 'CREATE') opened = true;
      else posted = true;
    }
  }
  return { opened, posted };
}

export interface Observed {
  replies: Json[];
  opened: boolean;
  posted: boolean;
  error?: string;
}

async function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer in ${TURN_TIMEOUT_MS / 1000} s`)), TURN_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** One turn: what the resident got back and what reached the staff channel meanwhile. */
async function turn(ev: EvalBot, chat: Chat, send: () => Promise<Json[]>): Promise<Observed> {
  const before = ev.staff.received.length;
  let replies: Json[] = [];
  let error: string | undefined;
  try {
    replies = await withTimeout(send(), 'turn');
  } catch (err) {
    error = (err as Error).message.split('\n')[0].slice(0, 200);
    replies = chat.replies();
  }
  const traffic = await staffTraffic(ev, chat, ev.staff.received.slice(before));
  return { replies, ...traffic, error };
}

function newChat(ev: EvalBot, channel: string): Chat {
  return ev.bot.chat({ userId: `eval-${randomUUID()}`, channelId: channel });
}

export interface TurnResult {
  index: number;
  said: string;
  tapped: boolean;
  /** The slot the bot asked for just before this turn (channelData.prompt), or 'none'. */
  awaiting: string;
  /** What the understanding makes of the message alone (POST /api/parse, no hint), for aggregates. */
  parsedAs?: string;
  verdict: TurnVerdict;
  error?: string;
}

export interface EndResult {
  ok: boolean;
  failed: string[];
}

export interface DialogueResult {
  id: string;
  lang: string;
  channel: string;
  turns: TurnResult[];
  end?: EndResult;
  clean: boolean;
}

interface StaffRow {
  referenceCode?: string;
  status?: string;
  activityId?: string;
  participantName?: string | null;
}

async function staffRegistrations(ev: EvalBot): Promise<StaffRow[]> {
  const res = await fetch(`${ev.bot.url}/api/staff/registrations`, { headers: { authorization: `Bearer ${ev.token}` } });
  if (res.status !== 200) throw new Error(`GET /api/staff/registrations answered ${res.status}`);
  const body = (await res.json()) as { registrations?: StaffRow[] };
  return body.registrations ?? [];
}

/**
 * The staff API does not say whose a registration is, so each row is tied to a resident through
 * its reference code: the database's owner when it can be read, else the codes this conversation
 * was shown. Cancelled rows do not count.
 */
async function registrationsOf(ev: EvalBot, chat: Chat, shownText: string): Promise<StaffRow[]> {
  const rows = (await staffRegistrations(ev)).filter((r) => r.status !== 'cancelled');
  const codes = rows.map((r) => r.referenceCode).filter((c): c is string => Boolean(c));
  let owners: Map<string, string> | undefined;
  try {
    const owned = await ev.bot.app.db.registration.findMany({
      where: { referenceCode: { in: codes } },
      select: { referenceCode: true, resident: { select: { channelUserId: true } } },
    });
    owners = new Map(owned.map((o) => [o.referenceCode, o.resident.channelUserId]));
  } catch {
    owners = undefined;
  }
  const shown = shownText.toUpperCase();
  return rows.filter((r) => (owners ? owners.get(r.referenceCode ?? '') === chat.userId : Boolean(r.referenceCode && shown.includes(r.referenceCode))));
}

async function checkEnd(ev: EvalBot, chat: Chat, end: NonNullable<Dialogue['end']>, shownText: string): Promise<EndResult> {
  const failed: string[] = [];
  let mine: StaffRow[];
  try {
    mine = await registrationsOf(ev, chat, shownText);
  } catch (err) {
    return { ok: false, failed: [`end: ${(err as Error).message}`] };
  }
  for (const want of end.registrations ?? []) {
    const hit = mine.some((r) => r.activityId === want.activity && fold(r.participantName ?? '').includes(fold(want.name)));
    if (!hit) failed.push(`end: no registration ${want.activity} for "${want.name}"`);
  }
  if (end.none && mine.length) failed.push(`end: ${mine.length} registration(s), want none (${mine.map((r) => r.activityId).join(', ')})`);
  return { ok: failed.length === 0, failed };
}

async function parsedIntent(ev: EvalBot, text: string): Promise<string> {
  if (!text.trim()) return 'empty';
  const res = await fetch(`${ev.bot.url}/api/parse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: text.slice(0, 2000) }) });
  if (res.status !== 200) return `http ${res.status}`;
  const p = (await res.json()) as { intent?: string; confidence?: number };
  return `${p.intent ?? '?'}${(p.confidence ?? 0) < 0.45 ? ' (unsure)' : ''}`;
}

export async function runDialogue(ev: EvalBot, d: Dialogue): Promise<DialogueResult> {
  const chat = newChat(ev, d.channel === 'sms' ? 'sms' : 'webchat');
  if (d.join) await turn(ev, chat, () => chat.join());
  const defaultLang = d.replyLang ?? d.lang;
  const turns: TurnResult[] = [];
  const shown: string[] = [];
  let awaiting = 'none';
  for (const [index, t] of d.turns.entries()) {
    const seen = await turn(ev, chat, () => (t.tap !== undefined ? chat.tap(t.tap) : chat.say(t.say ?? '')));
    const verdict = checkTurn(t.expect, defaultLang, { replies: seen.replies, handoff: seen.opened });
    if (seen.error) verdict.failed.unshift(`error: ${seen.error}`);
    verdict.ok = verdict.failed.length === 0;
    shown.push(verdict.text);
    const parsedAs = verdict.ok || t.tap !== undefined ? undefined : await parsedIntent(ev, t.say ?? '');
    turns.push({ index, said: t.tap !== undefined ? `[tap ${t.tap}]` : (t.say ?? ''), tapped: t.tap !== undefined, awaiting, parsedAs, verdict, error: seen.error });
    awaiting = [...seen.replies].reverse().find((r) => r.channelData?.prompt)?.channelData.prompt ?? 'none';
  }
  const end = d.end ? await checkEnd(ev, chat, d.end, shown.join('\n')) : undefined;
  return { id: d.id, lang: d.lang, channel: d.channel, turns, end, clean: turns.every((t) => t.verdict.ok) && (end?.ok ?? true) };
}

export interface SingleResult {
  kind: 'everyday' | 'disclosure';
  index: number;
  lang: string;
  text: string;
  after: number;
  disclosureKind?: string;
  answered: boolean;
  numbers: boolean;
  handoff: boolean;
  /** The turn posted into this resident's already open handoff thread. */
  postedToOpenThread: boolean;
  reply: string;
  error?: string;
}

export async function runSingle(ev: EvalBot, kind: SingleResult['kind'], line: Everyday | Disclosure, index: number): Promise<SingleResult> {
  const chat = newChat(ev, 'webchat');
  await turn(ev, chat, () => chat.join());
  for (const earlier of line.after ?? []) await turn(ev, chat, () => chat.say(earlier));
  const seen = await turn(ev, chat, () => chat.say(line.text));
  const reply = readableTurn(seen.replies);
  return {
    kind,
    index,
    lang: line.lang,
    text: line.text,
    after: line.after?.length ?? 0,
    disclosureKind: 'kind' in line ? String(line.kind) : undefined,
    answered: seen.replies.length > 0,
    numbers: showsCrisisNumber(reply),
    handoff: seen.opened,
    postedToOpenThread: seen.posted,
    reply,
    error: seen.error,
  };
}

export interface ParseResult {
  index: number;
  line: Message;
  intent?: string;
  category?: string;
  lang?: string;
  error?: string;
}

export async function runParse(ev: EvalBot, line: Message, index: number): Promise<ParseResult> {
  try {
    const res = await fetch(`${ev.bot.url}/api/parse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: line.text }),
    });
    if (res.status !== 200) return { index, line, error: `POST /api/parse answered ${res.status}` };
    const got = (await res.json()) as { intent?: string; lang?: string; entities?: { category?: string } };
    return { index, line, intent: got.intent, category: got.entities?.category, lang: got.lang };
  } catch (err) {
    return { index, line, error: (err as Error).message };
  }
}

/** Runs `fn` over `items` with at most `n` at a time, keeping the order of the results. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  return out;
}
