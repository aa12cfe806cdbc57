// The channel layer's face to the rest of the app: process an HTTP request as a Bot Framework turn.
import type { CloudAdapter, Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../log';
import { errorFields } from '../log';
import { createAdapter } from './adapter';
import { Kvarterbot, type BotDeps } from './kvarterbot';
import { createHandoffDesk, type HandoffDesk } from './handoff';
import type { HandoffRepository, SettingsRepository } from '../domain/handoffs';
import { turnInfoOrNull } from '../../dialogs/turn';

export interface BotHandler {
  process(req: unknown, res: unknown): Promise<void>;
  adapter: CloudAdapter;
  /** The Teams handoff (absent when no handoff storage was given). */
  handoff?: HandoffDesk;
}

export function createBot(
  config: Config,
  deps: BotDeps,
  credentialsFactory?: ServiceClientCredentialsFactory,
  handoffStores?: { handoffs: HandoffRepository; settings: SettingsRepository },
): BotHandler {
  const adapter = createAdapter(config, credentialsFactory);
  const handoff = handoffStores
    ? createHandoffDesk(config, { ...deps, ...handoffStores, isEmergency: async (text, lang) => (await deps.parse(text, { lang })).intent === 'emergency' }, adapter)
    : undefined;
  const bot = new Kvarterbot({ ...deps, handoff });
  const log: Logger = deps.log.child({ mod: 'bot' });

  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    log.error('turn failed', { activityId: ctx.activity.id?.slice(0, 64), channelId: ctx.activity.channelId, ...errorFields(err) });
    const lang = turnInfoOrNull(ctx)?.lang ?? deps.i18n.fallback;
    try {
      await ctx.sendActivity(deps.i18n.t(lang, 'common:errors.turn'));
    } catch (sendErr) {
      log.error('apology failed', errorFields(sendErr));
    }
  };

  return {
    adapter,
    handoff,
    process: (req, res) => adapter.process(req as BotRequest, res as BotResponse, (ctx) => bot.run(ctx)),
  };
}
