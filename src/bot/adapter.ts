// The CloudAdapter: anonymous when MICROSOFT_APP_ID is unset (local use only), JWT-validated when set.
import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
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
}

export function createAdapter(config: Config, credentialsFactory?: ServiceClientCredentialsFactory): CloudAdapter {
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
  return new StrictCloudAdapter(new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions, credentialsFactory));
}
