// The channel layer's face to the rest of the app: process an HTTP request as a Bot Framework turn.
import type { Activity, CloudAdapter, Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../log';
import { errorFields } from '../log';
import { createAdapter } from './adapter';
import { routeBotbuilderConsole } from './console-guard';
import { Kvarterbot, type BotDeps } from './kvarterbot';
import { createHandoffDesk, type HandoffDesk } from './handoff';
import type { HandoffRepository, SettingsRepository } from '../domain/handoffs';
import { turnInfoOrNull } from '../../dialogs/turn';
import { TurnLimits, type TakeLimit, type TurnOrigin } from './turn-limits';
import { ProactiveNotifier } from './proactive';
import type { NoticeOutbox } from '../domain/notices';

export interface BotHandler {
  /** POST /api/messages: the channel's token is checked (when MICROSOFT_APP_ID is set). */
  process(req: unknown, res: unknown): Promise<void>;
  /**
   * The local Direct Line's turn, in this process: the caller has checked its own token, so no
   * channel token is asked for; replies go to `activity.serviceUrl`, its connector (set with `localConnector`).
   */
  processDirect(activity: Record<string, unknown>, origin: TurnOrigin): Promise<void>;
  /** The path of the local Direct Line's connector (replies there need no Azure token). */
  localConnector(path: string): void;
  adapter: CloudAdapter;
  /** The Teams handoff (absent when no handoff storage was given). */
  handoff?: HandoffDesk;
  /** Proactive messages to residents (absent without an outbox): the domain's Notifier port. */
  notifier?: ProactiveNotifier;
}

export function createBot(
  config: Config,
  deps: BotDeps,
  credentialsFactory?: ServiceClientCredentialsFactory,
  handoffStores?: { handoffs: HandoffRepository; settings: SettingsRepository },
  take?: TakeLimit,
  outbox?: NoticeOutbox,
): BotHandler {
  const { adapter, local, processLocal } = createAdapter(config, credentialsFactory);
  const notifier = outbox
    ? new ProactiveNotifier({ adapter, appId: config.MICROSOFT_APP_ID ?? '', outbox, i18n: deps.i18n, catalogue: deps.catalogue, log: deps.log, now: deps.now, retryMs: config.NOTICE_RETRY_SECONDS * 1000 })
    : undefined;
  const handoff = handoffStores
    ? createHandoffDesk(config, { ...deps, ...handoffStores, isEmergency: async (text, lang) => (await deps.parse(text, { lang })).intent === 'emergency' }, adapter)
    : undefined;
  const bot = new Kvarterbot({ ...deps, handoff, notifier });
  const log: Logger = deps.log.child({ mod: 'bot' });
  // botbuilder prints rejected tokens and other errors to the console itself, whatever LOG_LEVEL says.
  routeBotbuilderConsole(deps.log);

  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    log.error('turn failed', { activityId: ctx.activity.id?.slice(0, 64), channelId: ctx.activity.channelId, ...errorFields(err) });
    const lang = turnInfoOrNull(ctx)?.lang ?? deps.i18n.fallback;
    try {
      await ctx.sendActivity(deps.i18n.t(lang, 'common:errors.turn'));
    } catch (sendErr) {
      log.error('apology failed', errorFields(sendErr));
    }
  };

  const limits = take
    ? new TurnLimits({ take, i18n: deps.i18n, residents: deps.residents, handoffs: handoffStores?.handoffs, staffLanguage: config.STAFF_LANGUAGE, log })
    : null;
  const run = (origin: TurnOrigin) => async (ctx: TurnContext) => {
    if (!limits || (await limits.admit(ctx, origin))) await bot.run(ctx);
  };

  return {
    adapter,
    handoff,
    notifier,
    // A channel's request says nothing about the resident's address (it comes from the channel).
    process: (req, res) => adapter.process(req as BotRequest, res as BotResponse, run({})),
    processDirect: (activity, origin) => processLocal(activity as Partial<Activity> as Activity, run(origin)),
    localConnector: (path) => local.set(path),
  };
}
