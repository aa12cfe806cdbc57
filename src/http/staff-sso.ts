// Teams SSO for the staff API (issue 15): the tab sends the Entra ID token Teams gave it
// (authentication.getAuthToken) as `Authorization: Bearer`. Accepted only when the signature is
// the tenant's (its published JWKS), the issuer is that tenant's, the audience is our app, the
// token is current, it was issued for the tab's scope and, when a staff group is set, the user
// is in it. Anything else is simply "not this authenticator" (null): the guard answers 401.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { teamsAppIdUri, type Config } from '../config';
import type { Logger } from '../log';
import { errorFields } from '../log';
import { bearer, type StaffAuthenticator } from './staff-auth';

/** The delegated scope the tab's token must carry (README: "Expose an API"). */
export const SSO_SCOPE = 'access_as_user';
const CLOCK_TOLERANCE_S = 60;

export interface StaffSsoSettings {
  tenantId: string;
  /** Accepted `aud` values: the Application ID URI (v1 tokens) and the app id (v2 tokens). */
  audiences: string[];
  metadataUrl: string;
  groupId?: string;
}

/** The SSO settings from config, or null when SSO cannot be checked (no tenant or no app id/audience). */
export function staffSsoSettings(config: Config): StaffSsoSettings | null {
  const tenantId = config.TEAMS_TENANT_ID ?? config.MICROSOFT_APP_TENANT_ID;
  const audience = config.STAFF_SSO_AUDIENCE ?? teamsAppIdUri(config);
  if (!tenantId || !audience) return null;
  return {
    tenantId,
    audiences: [audience, ...(config.MICROSOFT_APP_ID ? [config.MICROSOFT_APP_ID] : [])],
    metadataUrl: config.STAFF_SSO_OPENID_METADATA_URL
      ?? `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`,
    groupId: config.STAFF_SSO_GROUP_ID,
  };
}

interface Metadata {
  issuer: string;
  jwks: ReturnType<typeof createRemoteJWKSet>;
}

export function ssoAuthenticator(settings: StaffSsoSettings, log: Logger): StaffAuthenticator {
  const slog = log.child({ mod: 'staff-sso' });
  let metadata: Promise<Metadata> | null = null;
  const loadMetadata = (): Promise<Metadata> => {
    metadata ??= (async () => {
      const res = await fetch(settings.metadataUrl, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`OpenID metadata answered ${res.status}`);
      const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (typeof doc.issuer !== 'string' || typeof doc.jwks_uri !== 'string') throw new Error('OpenID metadata without issuer or jwks_uri');
      return { issuer: doc.issuer.replace('{tenantid}', settings.tenantId), jwks: createRemoteJWKSet(new URL(doc.jwks_uri)) };
    })();
    // A failed fetch is tried again on the next request, not remembered.
    metadata.catch(() => (metadata = null));
    return metadata;
  };

  return async (req) => {
    const token = bearer(req);
    // A JWT has three parts; the static staff token has none of its dots.
    if (!token || token.split('.').length !== 3) return null;
    let meta: Metadata;
    try {
      meta = await loadMetadata();
    } catch (err) {
      slog.error('SSO metadata unavailable', errorFields(err));
      return null;
    }
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, meta.jwks, {
        // v2.0 tokens carry the metadata's issuer; v1.0 tokens (accessTokenAcceptedVersion 1) the sts one.
        issuer: [meta.issuer, `https://sts.windows.net/${settings.tenantId}/`],
        audience: settings.audiences,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'tid', 'oid'],
        algorithms: ['RS256'],
      }));
    } catch (err) {
      slog.info('SSO token refused', { code: (err as { code?: string }).code ?? 'invalid' });
      return null;
    }
    const refused = refusal(claims, settings);
    if (refused) {
      slog.info('SSO token refused', { code: refused });
      return null;
    }
    return { id: `sso:${String(claims.oid)}`, kind: 'sso', name: typeof claims.name === 'string' ? claims.name : undefined };
  };
}

/** Why valid-looking claims are still not staff, or null. */
export function refusal(claims: JWTPayload, settings: Pick<StaffSsoSettings, 'tenantId' | 'groupId'>): string | null {
  if (String(claims.tid).toLowerCase() !== settings.tenantId.toLowerCase()) return 'wrong_tenant';
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
  if (!scopes.includes(SSO_SCOPE)) return 'wrong_scope';
  if (settings.groupId) {
    const groups = Array.isArray(claims.groups) ? claims.groups.map(String) : [];
    if (!groups.some((g) => g.toLowerCase() === settings.groupId!.toLowerCase())) return 'not_in_group';
  }
  return null;
}
