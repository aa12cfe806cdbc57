// botbuilder Storage for the bot's conversation state, on the database through StateRepository
// (plain SQL on the hot path, see docs/decisions/002), so a restart or a second instance continues the same
// conversation. Optimistic concurrency: an item read with an eTag is written only if nobody
// wrote it since; '*' or no eTag overwrites (botbuilder's MemoryStorage semantics).
import type { Storage, StoreItems } from 'botbuilder';
import type { ActivityClaim } from '../store/processed-activities';
import type { StateRepository } from '../store/state-repository';

export class BotStateStorage implements Storage {
  /** A turn's state object (what BotState.get returns and saveChanges writes) → the claim to finish with it. */
  private readonly finishing = new WeakMap<object, ActivityClaim>();

  constructor(private readonly repo: StateRepository) {}

  /**
   * Saves a turn's changed state and marks its activity done in one transaction. False when nothing
   * was written that way (state unchanged, or no state loaded): the caller marks the claim done itself.
   */
  async saveFinishing(state: object | undefined, claim: ActivityClaim, save: () => Promise<void>): Promise<boolean> {
    if (!state) {
      await save();
      return false;
    }
    this.finishing.set(state, claim);
    try {
      await save();
    } finally {
      this.finishing.delete(state);
    }
    return claim.settled;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const docs = await this.repo.read(keys);
    const items: StoreItems = {};
    for (const [key, doc] of docs) items[key] = { ...JSON.parse(doc.data), eTag: doc.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string };
      const expected = eTag === undefined || eTag === '*' ? undefined : eTag;
      const claim = item && expected === undefined ? this.finishing.get(item) : undefined;
      claim?.settle();
      const next = await this.repo.write(key, JSON.stringify(data), expected, claim);
      // botbuilder keeps using the same object: give it the new eTag for the next write this turn.
      if (item && typeof item === 'object') (item as { eTag?: string }).eTag = next;
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.repo.delete(keys);
  }
}
