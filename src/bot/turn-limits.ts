// Rate limits inside a turn (issue 11, finding 8). A resident who writes faster than anyone can
// read is told once, kindly and in their language, to wait; the messages after that in the same
// window are dropped without an answer. Opening a handoff is counted per resident and, for web
// chat, per client address (the gate dialogs/handoff.ts asks); one already open is never refused.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { HandoffRepository } from '../domain/handoffs';
import type { ResidentRepository } from '../domain/residents';
import type { I18n } from '../i18n';
import type { Logger } from '../log';
import { setHandoffGate } from '../../dialogs/handoff-gate';

export type TurnLimitName = 'message' | 'handoff' | 'handoffIp';
export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; first: boolean };
export type TakeLimit = (name: TurnLimitName, key: string) => Promise<LimitVerdict>;

/** Where a turn came from: the client's address when the bot can know it (web chat, anonymous mode). */
export interface TurnOrigin {
  ip?: string;
}

export interface TurnLimitDeps {
  take: TakeLimit;
  i18n: I18n;
  residents: ResidentRepository;
  handoffs?: HandoffRepository;
  /** Staff in Teams are answered in this language. */
  staffLanguage: string;
  log: Logger;
}

const COUNTED: readonly string[] = [ActivityTypes.Message, ActivityTypes.Event];

export class TurnLimits {
  constructor(private readonly d: TurnLimitDeps) {}

  /** False when the turn must not run (too many messages); the first refused one gets a kind reply. */
  async admit(ctx: TurnContext, origin: TurnOrigin): Promise<boolean> {
    const a = ctx.activity;
    setHandoffGate(ctx, () => this.mayOpenHandoff(ctx, origin));
    if (!COUNTED.includes(a.type)) return true;
    const verdict = await this.d.take('message', [a.channelId, a.conversation?.id, a.from?.id].join('\n'));
    if (verdict.ok) return true;
    this.d.log.info('rate limited', { limit: 'message', channelId: a.channelId, first: verdict.first });
    if (verdict.first) {
      const lang = await this.language(ctx);
      await ctx.sendActivity({ type: ActivityTypes.Message, text: this.d.i18n.t(lang, 'common:rateLimit.messages'), locale: lang });
    }
    return false;
  }

  private async mayOpenHandoff(ctx: TurnContext, origin: TurnOrigin): Promise<boolean> {
    const a = ctx.activity;
    if (await this.d.handoffs?.openFor(a.channelId, a.from.id)) return true;
    const checks: [TurnLimitName, string][] = [['handoff', `${a.channelId}\n${a.from.id}`]];
    if (origin.ip) checks.push(['handoffIp', origin.ip]);
    for (const [name, key] of checks) {
      const verdict = await this.d.take(name, key);
      if (!verdict.ok) {
        this.d.log.info('rate limited', { limit: name, channelId: a.channelId });
        return false;
      }
    }
    return true;
  }

  /** The resident's language (stored, else the channel's locale, else the default). */
  private async language(ctx: TurnContext): Promise<string> {
    const a = ctx.activity;
    if (a.channelId === 'msteams') return this.d.staffLanguage;
    const resident = await this.d.residents.findOrCreate(a.channelId, a.from.id);
    const locale = a.locale?.slice(0, 2).toLowerCase();
    if (resident.language && this.d.i18n.languages.includes(resident.language)) return resident.language;
    return locale && this.d.i18n.languages.includes(locale) ? locale : this.d.i18n.fallback;
  }
}
