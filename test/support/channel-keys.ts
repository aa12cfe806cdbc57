// What the Bot Framework channel's side of authentication looks like, on 127.0.0.1: an OpenID
// metadata document and its JWKS (standing in for login.botframework.com), a signer for channel
// tokens, and an Azure AD stand-in that records where the bot's own outbound token would go.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { ServiceClientCredentialsFactory } from 'botframework-connector';

export const CHANNEL_ISSUER = 'https://api.botframework.com';
const KID = 'local-key-1';

export interface ChannelKeys {
  /** For BOT_OPENID_METADATA_URL. */
  metadataUrl: string;
  /** A channel token signed with the published key. */
  sign(claims: Record<string, unknown>): Promise<string>;
  /** The same claims signed with a key the metadata does not publish. */
  signWithOtherKey(claims: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startChannelKeys(): Promise<ChannelKeys> {
  const good = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(good.publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  const server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const signer = (key: CryptoKey) => (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).setIssuer(CHANNEL_ISSUER).setIssuedAt().setExpirationTime('10m').sign(key);
  return {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`,
    sign: signer(good.privateKey as CryptoKey),
    signWithOtherKey: signer(other.privateKey as CryptoKey),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Stands in for Azure AD, which cannot run here: signs with a fixed token and records each URL it signed for. */
export class RecordingCredentials extends ServiceClientCredentialsFactory {
  readonly signed: string[] = [];

  constructor(private readonly appId: string) {
    super();
  }

  async isValidAppId(appId: string) {
    return appId === this.appId;
  }

  async isAuthenticationDisabled() {
    return false;
  }

  async createCredentials() {
    return {
      signRequest: async (request: { url: string; headers: { set(k: string, v: string): void } }) => {
        this.signed.push(request.url);
        request.headers.set('authorization', 'Bearer azure-token');
        return request;
      },
    } as never;
  }
}
