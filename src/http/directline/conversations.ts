// The local Direct Line's conversations, in memory: who the resident is (a user id bound into the
// token), the activities both sides wrote, numbered so a watermark says "everything after n".
// In memory on purpose: a conversation lives as long as the page that holds its token; the
// bot's own state (dialogs, residents, registrations, a handoff's transcript) is in the database.
// Several instances behind a load balancer need Azure Direct Line (README).
//
// Bounded (issue 11, finding 7): a conversation is made only when a client starts it (a token
// alone holds nothing here), at most `maxConversations` at once; each keeps its newest
// activities within `maxActivities` and `maxBytes` (older ones are let go; a client that polls
// keeps seeing everything new). Activities are kept as the JSON text a poll sends, so what is
// counted is what is held: a JS string of n characters takes up to 2n bytes.
import { randomBytes } from 'node:crypto';

// Tokens (issue 11, finding 11): a started conversation knows its current token. A refresh makes
// the new token current and the one it replaced stops working (after a few seconds' grace for the
// requests already on their way, and never for another refresh: a refresh chain cannot fork);
// a token older than the current one is refused. Tokens of a conversation never outlive
// `maxAgeMs` from its start: no refresh goes beyond, so a chain cannot run forever.

export type Activity = Record<string, unknown> & { id?: string };

interface Held {
  json: string;
  bytes: number;
}

export interface Conversation {
  readonly id: string;
  readonly user: string;
  /** Set by POST /conversations: the bot has been told the resident joined. */
  started: boolean;
  /** The resident has posted at least once (until then an idle conversation goes soon). */
  used: boolean;
  lastUsed: number;
  /** When it was made (started): its tokens end `maxAgeMs` after this. */
  readonly createdAt: number;
  /** The token that opens it now (set when started), and the one it replaced with when. */
  current?: { token: string; id: string; exp: number };
  previousId?: string;
  replacedAt: number;
  /** Activities after `dropped` (older ones were let go to bound memory), in order. */
  readonly held: Held[];
  bytes: number;
  dropped: number;
  /** Turns run one at a time per conversation, in the order the resident sent them. */
  turns: Promise<unknown>;
}

export interface ConversationLimits {
  maxConversations: number;
  maxActivities: number;
  /** Bytes of activities one conversation keeps (at least the newest activity is always kept). */
  maxBytes: number;
  /** A conversation nobody polled or wrote to for this long is forgotten (tokens last 30 minutes). */
  idleMs: number;
  /** The same for a conversation the resident never wrote in (a page opened and left). */
  unusedIdleMs: number;
  /** A conversation's tokens end this long after its start, however often they were refreshed. */
  maxAgeMs: number;
  /** How long the token a refresh replaced still reads and writes (requests already sent with it). */
  tokenGraceMs: number;
}

export const DEFAULT_LIMITS: ConversationLimits = {
  maxConversations: 5_000,
  maxActivities: 300,
  maxBytes: 256 * 1024,
  idleMs: 3600_000,
  unusedIdleMs: 10 * 60_000,
  maxAgeMs: 24 * 3600_000,
  tokenGraceMs: 15_000,
};

/** What one held activity costs besides its text (the array slot, the record). */
const OVERHEAD_BYTES = 64;

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

/** A token's conversation and user ids, made before (and without) any conversation in memory. */
export function newIdentity(): { conv: string; user: string } {
  return { conv: randomId(18), user: `dl_${randomId(12)}` };
}

export class ConversationStore {
  private readonly byId = new Map<string, Conversation>();
  private lastSweep = 0;
  readonly limits: ConversationLimits;

  constructor(limits: Partial<ConversationLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get size(): number {
    return this.byId.size;
  }

  /** Bytes held by every conversation's activities. */
  get bytes(): number {
    let total = 0;
    for (const c of this.byId.values()) total += c.bytes;
    return total;
  }

  /** The conversation a token names, made when first started; null when the store is full of recent ones. */
  open(id: string, user: string): Conversation | null {
    const existing = this.get(id);
    if (existing) return existing;
    this.sweep();
    if (this.byId.size >= this.limits.maxConversations) return null;
    const conversation: Conversation = {
      id, user, started: false, used: false, lastUsed: this.now(), createdAt: this.now(), replacedAt: 0, held: [], bytes: 0, dropped: 0, turns: Promise.resolve(),
    };
    this.byId.set(id, conversation);
    return conversation;
  }

  get(id: string): Conversation | undefined {
    const conversation = this.byId.get(id);
    if (!conversation) return undefined;
    if (this.expired(conversation, this.now())) {
      this.byId.delete(id);
      return undefined;
    }
    conversation.lastUsed = this.now();
    return conversation;
  }

  /** When the conversation's tokens end (ms since the epoch). */
  endsAt(conversation: Conversation): number {
    return conversation.createdAt + this.limits.maxAgeMs;
  }

  /**
   * Whether a token (by its id) opens the conversation now: before the start any token naming it
   * does; after, the current one, and the one a refresh replaced for `tokenGraceMs` (not to refresh).
   */
  accepts(conversation: Conversation, tokenId: string, forRefresh = false): boolean {
    if (this.now() >= this.endsAt(conversation)) return false;
    if (!conversation.current || tokenId === conversation.current.id) return true;
    return !forRefresh && tokenId === conversation.previousId && this.now() - conversation.replacedAt <= this.limits.tokenGraceMs;
  }

  /** Makes `token` the conversation's current one; the current one (if any) is replaced. */
  adopt(conversation: Conversation, token: { token: string; id: string; exp: number }): void {
    if (conversation.current && conversation.current.id !== token.id) {
      conversation.previousId = conversation.current.id;
      conversation.replacedAt = this.now();
    }
    conversation.current = token;
  }

  /** Adds an activity with the next id ("<conversation>|0000007") and a timestamp, and returns it. */
  append(conversation: Conversation, activity: Activity): Activity & { id: string; timestamp: string } {
    const seq = conversation.dropped + conversation.held.length + 1;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    const stored = { ...activity, id, timestamp: typeof activity.timestamp === 'string' ? activity.timestamp : new Date(this.now()).toISOString() };
    const json = JSON.stringify(stored);
    const bytes = 2 * json.length + OVERHEAD_BYTES;
    conversation.held.push({ json, bytes });
    conversation.bytes += bytes;
    while (conversation.held.length > 1 && (conversation.held.length > this.limits.maxActivities || conversation.bytes > this.limits.maxBytes)) {
      conversation.bytes -= conversation.held.shift()!.bytes;
      conversation.dropped++;
    }
    return stored;
  }

  /** The activities after the watermark as a poll's JSON body (`{ activities, watermark }`). */
  since(conversation: Conversation, watermark: number): string {
    const total = conversation.dropped + conversation.held.length;
    const from = Math.max(0, watermark - conversation.dropped);
    const activities = conversation.held.slice(from).map((h) => h.json);
    return `{"activities":[${activities.join(',')}],"watermark":${JSON.stringify(String(total))}}`;
  }

  /** Runs `turn` after the conversation's earlier turns have finished. */
  serialise<T>(conversation: Conversation, turn: () => Promise<T>): Promise<T> {
    const next = conversation.turns.then(turn, turn);
    conversation.turns = next.catch(() => undefined);
    return next;
  }

  private expired(c: Conversation, now: number): boolean {
    return now - c.lastUsed > (c.used ? this.limits.idleMs : this.limits.unusedIdleMs);
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000 && this.byId.size < this.limits.maxConversations) return;
    this.lastSweep = now;
    for (const [id, c] of this.byId) if (this.expired(c, now)) this.byId.delete(id);
  }
}
