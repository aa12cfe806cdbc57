// The CloudAdapter: anonymous when MICROSOFT_APP_ID is unset (local use only), JWT-validated when set.
// Either way the local Direct Line (web chat) hands its activities in in-process (localTurnAuth) and
// gets the replies on its own connector address on this server, which needs no Azure token.
import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config';

/**
 * botbuilder 4.23 lets jsonwebtoken's errors for a bad signature or a not-yet-valid token escape
 * as 500; a request with a forged token is unauthorised, so it gets 401 here.
 */
class StrictCloudAdapter extends CloudAdapter {
  override processActivity(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
  override processActivity(auth: AuthenticateRequestResult, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
  override async processActivity(auth: string | AuthenticateRequestResult, activity: Activity, logic: (ctx: TurnContext) => Promise<void>) {
    try {
      return await super.processActivity(auth as string, activity, logic);
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError') throw new AuthenticationError('Unauthorized. Invalid token.', 401);
      throw err;
    }
  }

  /** A turn whose authentication the caller has done (the local Direct Line, see createAdapter). */
  async processAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    await this.processActivity(auth, activity, logic);
  }
}

/** At most this many clients are kept (service URLs come from activities; a few in practice). */
const MAX_CLIENTS = 64;

/** Keeps what is made per key (a promise that fails is forgotten); starts over when full, so odd keys cannot pile up. */
class BoundedCache<V> {
  private readonly items = new Map<string, V>();
  get(key: string, make: () => V): V {
    let v = this.items.get(key);
    if (v === undefined) {
      if (this.items.size >= MAX_CLIENTS) this.items.clear();
      const made = make();
      if (made instanceof Promise) made.catch(() => this.items.get(key) === made && this.items.delete(key));
      this.items.set(key, made);
      v = made;
    }
    return v;
  }
}

/** The bot's app id in a request's claims (audience from a channel, appid from the Emulator), as botbuilder reads it. */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/**
 * The local Direct Line's connector: a loopback address whose path carries a key derived from the
 * Direct Line secret (src/http/directline). Replies go there without credentials: it is this
 * server, not a Bot Framework channel, and the bot's Azure token must never be asked for or sent.
 */
export class LocalConnector {
  private path: string | null = null;
  /** Set once the Direct Line routes know their key. */
  set(path: string): void {
    this.path = path;
  }
  owns(serviceUrl: string): boolean {
    if (!this.path) return false;
    try {
      const url = new URL(serviceUrl);
      const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
      return url.protocol === 'http:' && loopback && url.pathname.replace(/\/$/, '') === this.path && !url.search;
    } catch {
      return false;
    }
  }
  client(serviceUrl: string): ConnectorClient {
    const noCredentials = { signRequest: async <T>(request: T) => request };
    return new ConnectorClient(noCredentials, { baseUri: serviceUrl });
  }
}

/** One ConnectorClient per service URL and audience, reused by every turn (with its token cache). */
class ReusingConnectorFactory extends ConnectorFactory {
  private readonly clients = new BoundedCache<Promise<ConnectorClient>>();
  constructor(private readonly inner: ConnectorFactory, private readonly local: LocalConnector) {
    super();
  }
  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (this.local.owns(serviceUrl)) return this.clients.get(`local\u0000${serviceUrl}`, async () => this.local.client(serviceUrl));
    return this.clients.get(`${serviceUrl}\u0000${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * botbuilder builds a new ConnectorClient (an HTTP pipeline, credentials) and a UserTokenClient for
 * every incoming activity: ~0.35 ms and much garbage a turn. They hold no per-turn state, so they are
 * made once per bot app id and service URL; authentication itself is unchanged and runs every time.
 */
class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly factories = new BoundedCache<ReusingConnectorFactory>();
  private readonly tokenClients = new BoundedCache<Promise<UserTokenClient>>();
  constructor(private readonly inner: BotFrameworkAuthentication, private readonly local: LocalConnector) {
    super();
  }
  private factoryFor(claims: ClaimsIdentity, make: () => ConnectorFactory): ReusingConnectorFactory {
    return this.factories.get(appIdOf(claims), () => new ReusingConnectorFactory(make(), this.local));
  }
  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    const inner = result.connectorFactory;
    return inner ? { ...result, connectorFactory: this.factoryFor(result.claimsIdentity, () => inner) } : result;
  }
  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }
  createConnectorFactory(claims: ClaimsIdentity): ConnectorFactory {
    return this.factoryFor(claims, () => this.inner.createConnectorFactory(claims));
  }
  createUserTokenClient(claims: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claims), () => this.inner.createUserTokenClient(claims));
  }
  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }
  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

export interface BotAdapter {
  adapter: CloudAdapter;
  local: LocalConnector;
  /**
   * The local Direct Line's turn: its own token was checked by the caller in this process, so the
   * adapter gets what it would have concluded from a valid channel token (the bot as audience).
   * Replies go to the Direct Line's connector (see LocalConnector).
   */
  processLocal(activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
}

export function createAdapter(config: Config, credentialsFactory?: ServiceClientCredentialsFactory): BotAdapter {
  const settings: Partial<ConfigurationBotFrameworkAuthenticationOptions> & Record<string, unknown> = {};
  if (config.MICROSOFT_APP_ID) {
    settings.MicrosoftAppId = config.MICROSOFT_APP_ID;
    settings.MicrosoftAppPassword = config.MICROSOFT_APP_PASSWORD;
    settings.MicrosoftAppTenantId = config.MICROSOFT_APP_TENANT_ID;
    settings.MicrosoftAppType = config.MICROSOFT_APP_TYPE;
  }
  if (config.BOT_OPENID_METADATA_URL) {
    // Setting any endpoint switches botbuilder to "parameterised" mode where no defaults remain,
    // so the public Azure values are all given here, with the metadata URL replaced.
    Object.assign(settings, {
      ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
      ToBotFromEmulatorOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    });
  }
  const local = new LocalConnector();
  const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions, credentialsFactory), local);
  // The bot is the audience, as in a channel's token; no caller id (it is no Azure channel).
  const appId = config.MICROSOFT_APP_ID ?? '';
  const claims = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
  const adapter = new StrictCloudAdapter(auth);
  return {
    adapter,
    local,
    processLocal: (activity, logic) =>
      adapter.processAuthenticated(
        { audience: AuthenticationConstants.ToChannelFromBotOAuthScope, claimsIdentity: claims, connectorFactory: auth.createConnectorFactory(claims) },
        activity,
        logic,
      ),
  };
}
