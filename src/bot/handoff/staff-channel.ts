// Which Teams channel gets the handoff threads, and who may change it. Residents' names,
// registrations and transcripts go there, and what is written there reaches residents as the
// programme's words, so the channel is hard to move:
//   - STAFF_TEAMS_CHANNEL_ID set: that channel, always; no activity moves or forgets it.
//   - STAFF_TEAMS_TEAM_ID set: only installs and "@Kvarterbot brug denne kanal" from that team count.
//   - neither: the first install in the staff tenant sets it (kept in the Setting table so every
//     instance agrees); the staff team may move it between its own channels; another team needs a
//     one-time code that only the server log shows ("@Kvarterbot brug denne kanal <code>").
// Only the staff tenant counts at all: anyone can upload an app package with our bot id into their
// own Teams, and their team must never receive residents' requests.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config';
import type { SettingsRepository } from '../../domain/handoffs';
import type { Logger } from '../../log';
import { staffChannelSchema, type StaffChannel } from './teams';

const KEY = 'teams.staffChannel';
const PENDING_KEY = 'teams.staffChannel.pending';
/** How long a move code printed in the log can be typed. */
export const MOVE_CODE_TTL_MS = 15 * 60_000;
/** Eight digits: the same on every keyboard and in every script staff write in. */
export const MOVE_CODE = /^\d{8}$/;

const pendingSchema = z.object({ channel: staffChannelSchema, codeHash: z.string(), expiresAt: z.number() });

/** Why a channel was not made the staff channel. `confirm`: a code was printed in the server log. */
export type ChannelRefusal = 'pinned' | 'otherTeam' | 'confirm';
export type ChannelClaim = { ok: true } | { ok: false; reason: ChannelRefusal };

const hash = (code: string) => createHash('sha256').update(`kvarterbot:staff-channel:${code}`).digest();
const sameChannel = (a: StaffChannel, b: StaffChannel) => a.channelId === b.channelId && a.teamId === b.teamId && a.tenantId === b.tenantId;

export class StaffChannels {
  private readonly log?: Logger;
  constructor(private readonly settings: SettingsRepository, private readonly config: Config, log?: Logger, private readonly now: () => number = Date.now) {
    this.log = log?.child({ mod: 'staff-channel' });
  }

  /** The tenant staff belong to: configured, else the one the channel was first learnt from. */
  async tenant(): Promise<string | undefined> {
    return this.config.TEAMS_TENANT_ID ?? this.config.MICROSOFT_APP_TENANT_ID ?? (await this.stored())?.tenantId;
  }

  /** True when an activity from this tenant may act as staff. */
  async trusts(tenantId: string | undefined): Promise<boolean> {
    const wanted = await this.tenant();
    return !wanted || wanted === tenantId;
  }

  /** True when config fixes the channel. */
  get pinned(): boolean {
    return !!this.config.STAFF_TEAMS_CHANNEL_ID;
  }

  async current(): Promise<StaffChannel | null> {
    if (this.config.STAFF_TEAMS_CHANNEL_ID) {
      return {
        channelId: this.config.STAFF_TEAMS_CHANNEL_ID,
        serviceUrl: this.config.STAFF_TEAMS_SERVICE_URL,
        tenantId: this.config.TEAMS_TENANT_ID ?? this.config.MICROSOFT_APP_TENANT_ID,
        teamId: this.config.STAFF_TEAMS_TEAM_ID,
        botId: this.config.MICROSOFT_APP_ID ? `28:${this.config.MICROSOFT_APP_ID}` : undefined,
      };
    }
    return this.stored();
  }

  /**
   * An install in a channel, or "@Kvarterbot brug denne kanal [code]" typed there: makes it the staff
   * channel when the rules above allow it. Refused with `confirm` means a code is now in the log.
   */
  async claim(channel: StaffChannel, code?: string): Promise<ChannelClaim> {
    if (this.pinned) return { ok: false, reason: 'pinned' };
    const team = this.config.STAFF_TEAMS_TEAM_ID;
    if (team && channel.teamId !== team) return { ok: false, reason: 'otherTeam' };
    const stored = await this.stored();
    const staffTeam = !!team || !stored || (!!stored.teamId && stored.teamId === channel.teamId);
    if (staffTeam || (code !== undefined && (await this.confirmed(channel, code)))) {
      await this.settings.set(KEY, JSON.stringify(channel));
      await this.settings.delete(PENDING_KEY);
      return { ok: true };
    }
    if (code === undefined) await this.offerCode(channel);
    return { ok: false, reason: 'confirm' };
  }

  /** The app was removed from a team: forget its channel if it was the (learnt) staff channel. */
  async forgetTeam(teamId: string): Promise<boolean> {
    if (this.pinned) return false;
    const stored = await this.stored();
    if (!stored || stored.teamId !== teamId) return false;
    await this.settings.delete(KEY);
    return true;
  }

  /** A new one-time code for moving the channel here, shown only in the server log. */
  private async offerCode(channel: StaffChannel): Promise<void> {
    // Teams sends two activities for one install: the code from the first stays good.
    const current = pendingSchema.safeParse(safeJson((await this.settings.get(PENDING_KEY)) ?? ''));
    if (current.success && current.data.expiresAt > this.now() && sameChannel(current.data.channel, channel)) return;
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const pending = { channel, codeHash: hash(code).toString('base64'), expiresAt: this.now() + MOVE_CODE_TTL_MS };
    await this.settings.set(PENDING_KEY, JSON.stringify(pending));
    // The code is the confirmation that someone with access to the server wants this; it is no personal data.
    this.log?.warn('staff channel move asked from another team: to confirm, write "@Kvarterbot brug denne kanal <code>" in that channel', {
      code,
      channel: channel.channelId.slice(0, 80),
      team: channel.teamId?.slice(0, 80),
      expiresInMinutes: MOVE_CODE_TTL_MS / 60_000,
    });
  }

  /** True for the pending code, typed in the channel it was made for, in time. One try: a wrong code is spent. */
  private async confirmed(channel: StaffChannel, code: string): Promise<boolean> {
    const raw = await this.settings.get(PENDING_KEY);
    if (!raw) return false;
    await this.settings.delete(PENDING_KEY);
    const parsed = pendingSchema.safeParse(safeJson(raw));
    if (!parsed.success || parsed.data.expiresAt < this.now() || !sameChannel(parsed.data.channel, channel)) return false;
    const wanted = Buffer.from(parsed.data.codeHash, 'base64');
    const given = hash(code);
    return MOVE_CODE.test(code) && wanted.length === given.length && timingSafeEqual(wanted, given);
  }

  private async stored(): Promise<StaffChannel | null> {
    const raw = await this.settings.get(KEY);
    if (!raw) return null;
    const parsed = staffChannelSchema.safeParse(safeJson(raw));
    return parsed.success ? parsed.data : null;
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
