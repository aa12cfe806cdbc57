// The key that signs the local Direct Line's tokens. DIRECTLINE_SECRET when set; otherwise one is
// generated on first start and kept in the database's Setting table, so every instance on the
// same database signs alike and the connector address the bot stores for proactive replies stays
// the same after a restart. (The conversations themselves are in memory: conversations.ts.)
import { randomBytes } from 'node:crypto';

export interface SettingStore {
  read(key: string): Promise<string | null>;
  /** Stores a value; rejects when the key already exists. */
  create(key: string, value: string): Promise<void>;
}

export const SECRET_SETTING = 'directline.secret';

export async function directLineSecret(configured: string | undefined, settings: SettingStore): Promise<string> {
  if (configured) return configured;
  const stored = await settings.read(SECRET_SETTING);
  if (stored) return stored;
  const fresh = randomBytes(32).toString('base64url');
  try {
    await settings.create(SECRET_SETTING, fresh);
    return fresh;
  } catch (err) {
    // Another instance started at the same moment and stored its own: use that one.
    const winner = await settings.read(SECRET_SETTING);
    if (winner) return winner;
    throw err;
  }
}
