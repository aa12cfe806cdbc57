// The local Direct Line's conversations, in memory: who the resident is (a user id bound into the
// token), the activities both sides wrote, numbered so a watermark says "everything after n".
// In memory on purpose: a conversation lives as long as the page that holds its token; the
// bot's own state (dialogs, residents, registrations) is in the database. Several instances
// behind a load balancer need Azure Direct Line (README).
import { randomBytes } from 'node:crypto';

export type Activity = Record<string, unknown> & { id?: string };

export interface Conversation {
  readonly id: string;
  readonly user: string;
  /** Set by POST /conversations: the bot has been told the resident joined. */
  started: boolean;
  lastUsed: number;
  /** Activities after `dropped` (older ones were let go to bound memory), in order. */
  readonly activities: Activity[];
  dropped: number;
  /** Turns run one at a time per conversation, in the order the resident sent them. */
  turns: Promise<unknown>;
}

export interface ConversationLimits {
  maxConversations: number;
  maxActivities: number;
  /** A conversation nobody used for this long is forgotten. */
  idleMs: number;
}

export const DEFAULT_LIMITS: ConversationLimits = { maxConversations: 20_000, maxActivities: 1_000, idleMs: 24 * 3600_000 };

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

export class ConversationStore {
  private readonly byId = new Map<string, Conversation>();
  private lastSweep = 0;

  constructor(private readonly limits: ConversationLimits = DEFAULT_LIMITS, private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.byId.size;
  }

  /** A new conversation (not started yet), or null when the store is full of recent ones. */
  create(): Conversation | null {
    this.sweep();
    if (this.byId.size >= this.limits.maxConversations) return null;
    const conversation: Conversation = {
      id: randomId(18),
      user: `dl_${randomId(12)}`,
      started: false,
      lastUsed: this.now(),
      activities: [],
      dropped: 0,
      turns: Promise.resolve(),
    };
    this.byId.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): Conversation | undefined {
    const conversation = this.byId.get(id);
    if (conversation) conversation.lastUsed = this.now();
    return conversation;
  }

  /** Adds an activity with the next id ("<conversation>|0000007") and a timestamp, and returns it. */
  append(conversation: Conversation, activity: Activity): Activity & { id: string; timestamp: string } {
    const seq = conversation.dropped + conversation.activities.length + 1;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    const stored = { ...activity, id, timestamp: typeof activity.timestamp === 'string' ? activity.timestamp : new Date(this.now()).toISOString() };
    conversation.activities.push(stored);
    if (conversation.activities.length > this.limits.maxActivities) {
      conversation.activities.shift();
      conversation.dropped++;
    }
    return stored;
  }

  /** Activities after the watermark, and the watermark to ask with next time. */
  since(conversation: Conversation, watermark: number): { activities: Activity[]; watermark: string } {
    const total = conversation.dropped + conversation.activities.length;
    const from = Math.max(0, watermark - conversation.dropped);
    return { activities: conversation.activities.slice(from), watermark: String(total) };
  }

  /** Runs `turn` after the conversation's earlier turns have finished. */
  serialise<T>(conversation: Conversation, turn: () => Promise<T>): Promise<T> {
    const next = conversation.turns.then(turn, turn);
    conversation.turns = next.catch(() => undefined);
    return next;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000 && this.byId.size < this.limits.maxConversations) return;
    this.lastSweep = now;
    for (const [id, c] of this.byId) {
      // A token that was never used to start a conversation is dead after its lifetime.
      const idle = c.started ? this.limits.idleMs : Math.min(this.limits.idleMs, 3600_000);
      if (now - c.lastUsed > idle) this.byId.delete(id);
    }
  }
}
