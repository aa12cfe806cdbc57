// The CloudAdapter: anonymous when MICROSOFT_APP_ID is unset (local use only), JWT-validated when set.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';

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
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions, credentialsFactory));
}
