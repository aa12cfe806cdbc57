// Which Teams channel gets the handoff threads: the one the app was installed into (or moved to
// with "@Kvarterbot brug denne kanal"), kept in the Setting table so every instance agrees; before
// that, STAFF_TEAMS_CHANNEL_ID. Only the staff tenant counts: anyone can upload an app package with
// our bot id into their own Teams, and their team must never receive residents' requests.
import type { Config } from '../../config';
import type { SettingsRepository } from '../../domain/handoffs';
import { staffChannelSchema, type StaffChannel } from './teams';

const KEY = 'teams.staffChannel';

export class StaffChannels {
  constructor(private readonly settings: SettingsRepository, private readonly config: Config) {}

  /** The tenant staff belong to: configured, else the one the channel was first learnt from. */
  async tenant(): Promise<string | undefined> {
    return this.config.TEAMS_TENANT_ID ?? this.config.MICROSOFT_APP_TENANT_ID ?? (await this.stored())?.tenantId;
  }

  /** True when an activity from this tenant may act as staff. */
  async trusts(tenantId: string | undefined): Promise<boolean> {
    const wanted = await this.tenant();
    return !wanted || wanted === tenantId;
  }

  async current(): Promise<StaffChannel | null> {
    const stored = await this.stored();
    if (stored) return stored;
    if (!this.config.STAFF_TEAMS_CHANNEL_ID) return null;
    return {
      channelId: this.config.STAFF_TEAMS_CHANNEL_ID,
      serviceUrl: this.config.STAFF_TEAMS_SERVICE_URL,
      tenantId: this.config.TEAMS_TENANT_ID ?? this.config.MICROSOFT_APP_TENANT_ID,
      botId: this.config.MICROSOFT_APP_ID ? `28:${this.config.MICROSOFT_APP_ID}` : undefined,
    };
  }

  async use(channel: StaffChannel): Promise<void> {
    await this.settings.set(KEY, JSON.stringify(channel));
  }

  /** The app was removed from a team: forget its channel if it was the staff channel. */
  async forgetTeam(teamId: string): Promise<boolean> {
    const stored = await this.stored();
    if (!stored || stored.teamId !== teamId) return false;
    await this.settings.delete(KEY);
    return true;
  }

  private async stored(): Promise<StaffChannel | null> {
    const raw = await this.settings.get(KEY);
    if (!raw) return null;
    const parsed = staffChannelSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }
}
