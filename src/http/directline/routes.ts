// The local Direct Line 3.0 endpoint: the subset Web Chat and botframework-directlinejs use, with
// polling (README, "Web chat"). A resident's message is echoed into the conversation (clients
// recognise their own message by it) and handed to the bot in this process (turn.ts), with or
// without MICROSOFT_APP_ID; the bot answers through its connector, a serviceUrl on this same
// server, and the answers are queued for the next poll. Token generation and conversation starts
// are rate-limited per client address; conversations are bounded (conversations.ts).
//
//   POST /v3/directline/tokens/generate              → { conversationId, token, expires_in }
//   POST /v3/directline/tokens/refresh               → the same, with a fresh token
//   POST /v3/directline/conversations                → 201 (started: the bot welcomes) or 200
//   GET  /v3/directline/conversations/:id            → resume (the client keeps its watermark)
//   GET  /v3/directline/conversations/:id/activities?watermark=n → { activities, watermark }
//   POST /v3/directline/conversations/:id/activities → { id }
//   POST /v3/directline/connector/:key/v3/conversations/:id/activities[/:replyTo] ← the bot's replies
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import { allow, clientIp, type RateLimiter } from '../rate-limit';
import { ConversationStore, newIdentity, type Activity, type Conversation, type ConversationLimits } from './conversations';
import { botActivity, clientActivity, startBody, watermark } from './schemas';
import { bearer, TokenSigner, type IssuedToken, type TokenClaims } from './tokens';
import type { TurnProcessor } from './turn';

export const DIRECTLINE_PATH = '/v3/directline';
const CHANNEL_ID = 'directline';
const BOT = { id: 'kvarterbot', role: 'bot' };

export interface DirectLineDeps {
  bot: TurnProcessor;
  signer: TokenSigner;
  limits?: Partial<ConversationLimits>;
  limiter: RateLimiter;
  /** How many proxies in front add X-Forwarded-For (src/http/rate-limit.ts). */
  trustProxy: number;
  log: Logger;
}

/** One activity a client posts, as kept: far below a conversation's bound, so one post cannot flush it. */
const MAX_CLIENT_ACTIVITY_CHARS = 16_384;

type ErrorCode = 'BadArgument' | 'MissingToken' | 'TokenInvalid' | 'NotFound' | 'MessageSizeTooBig' | 'ServiceUnavailable' | 'BotError';
const STATUS: Record<ErrorCode, number> = {
  BadArgument: 400, MissingToken: 401, TokenInvalid: 403, NotFound: 404, MessageSizeTooBig: 413, ServiceUnavailable: 503, BotError: 502,
};

function answer(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.header('cache-control', 'no-store');
  res.json(body);
}

/** Direct Line's error shape: `{ error: { code, message } }`. */
function fail(res: Response, code: ErrorCode, message: string): void {
  answer(res, STATUS[code], { error: { code, message } });
}

/** Where the bot reaches this server: the address it listens on (a wildcard means this machine). */
function ownUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

/** Drops what only the bot side needs (its connector address) before a client sees an activity. */
function forClient(activity: Activity): Activity {
  const { serviceUrl: _serviceUrl, ...rest } = activity;
  return rest;
}

export function addDirectLineRoutes(server: Server, deps: DirectLineDeps): ConversationStore {
  const log = deps.log.child({ mod: 'directline' });
  const store = new ConversationStore(deps.limits);
  const { signer, limiter } = deps;
  const connectorKey = signer.derive('directline-connector');
  const connectorPath = `${DIRECTLINE_PATH}/connector/${connectorKey}`;
  deps.bot.localConnector(connectorPath);
  const serviceUrl = () => `${ownUrl(server)}${connectorPath}`;
  const ipOf = (req: Request) => clientIp(req, deps.trustProxy);

  /** A token before the conversation exists (tokens/generate): it holds nothing. */
  const fresh = async (id: string, user: string) => {
    const { token, expires_in } = await signer.issue(id, user);
    return { conversationId: id, token, expires_in };
  };
  /** A new token for the conversation (signed first: nothing changes while it is being signed). */
  const nextToken = (c: Conversation) => signer.issue(c.id, c.user, store.endsAt(c));
  /** Makes an issued token the conversation's current one: the one it replaces stops working. */
  const renew = (c: Conversation, issued: IssuedToken) => {
    store.adopt(c, { token: issued.token, id: issued.id, exp: issued.exp });
    return { conversationId: c.id, token: issued.token, expires_in: issued.expires_in };
  };
  /** The conversation with its current token (resume, a repeated start): no new token is made. */
  const current = (c: Conversation) => {
    const now = c.current!;
    return { conversationId: c.id, token: now.token, expires_in: Math.max(0, now.exp - Math.floor(Date.now() / 1000)) };
  };

  /** The token's claims, or an answer: 401 without a token, 403 for a bad or expired one. */
  async function claimsOf(req: Request, res: Response): Promise<TokenClaims | null> {
    const token = bearer(req.headers.authorization);
    if (!token) {
      fail(res, 'MissingToken', 'an Authorization: Bearer <token> header is required');
      return null;
    }
    const claims = await signer.verify(token);
    if (!claims) fail(res, 'TokenInvalid', 'the token is invalid or has expired');
    return claims;
  }

  /** The conversation the request names, if the token opens it (another resident's never does). */
  async function conversationOf(req: Request, res: Response, named?: string, forRefresh = false): Promise<Conversation | null> {
    return (await conversationAndClaims(req, res, named, forRefresh))?.conversation ?? null;
  }

  async function conversationAndClaims(req: Request, res: Response, named?: string, forRefresh = false): Promise<{ conversation: Conversation; claims: TokenClaims } | null> {
    const claims = await claimsOf(req, res);
    if (!claims) return null;
    if (named !== undefined && named !== claims.conv) {
      fail(res, 'TokenInvalid', 'the token does not open this conversation');
      return null;
    }
    const conversation = store.get(claims.conv);
    if (!conversation) {
      fail(res, 'NotFound', 'the conversation has ended');
      return null;
    }
    return admitted(conversation, claims, res, forRefresh) ? { conversation, claims } : null;
  }

  /** 403 for a token a refresh replaced, and for any token once the conversation's tokens have ended. */
  function admitted(conversation: Conversation, claims: TokenClaims, res: Response, forRefresh = false): boolean {
    if (store.accepts(conversation, claims.jti, forRefresh)) return true;
    fail(res, 'TokenInvalid', 'the token was replaced by a newer one, or the conversation has reached its end');
    return false;
  }

  function toBot(conversation: Conversation, activity: Activity): Activity {
    return {
      ...activity,
      channelId: CHANNEL_ID,
      serviceUrl: serviceUrl(),
      from: { id: conversation.user, role: 'user' },
      recipient: BOT,
      conversation: { id: conversation.id },
    };
  }

  async function turn(conversation: Conversation, activity: Activity, ip: string): Promise<boolean> {
    try {
      await store.serialise(conversation, () => deps.bot.processDirect(activity, { ip }));
      return true;
    } catch (err) {
      log.error('turn failed', { conversationId: conversation.id, ...errorFields(err) });
      return false;
    }
  }

  server.post(`${DIRECTLINE_PATH}/tokens/generate`, async (req: Request, res: Response) => {
    // Open like Web Chat's own page: anyone may start a chat. The token is the only key to it, and
    // nothing is held for it until the client starts the conversation.
    if (!(await allow(limiter, 'directlineToken', ipOf(req), res))) return;
    const identity = newIdentity();
    answer(res, 200, await fresh(identity.conv, identity.user));
  });

  server.post(`${DIRECTLINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    // The new token becomes the only one: the one presented stops working (after a short grace
    // for requests already sent with it), and no refresh reaches past the conversation's end.
    const found = await conversationAndClaims(req, res, undefined, true);
    if (!found) return;
    const issued = await nextToken(found.conversation);
    // Another refresh may have replaced the presented token while this one was signed.
    if (admitted(found.conversation, found.claims, res, true)) answer(res, 200, renew(found.conversation, issued));
  });

  server.post(`${DIRECTLINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const claims = await claimsOf(req, res);
    if (!claims) return;
    const body = startBody.safeParse(req.body ?? undefined);
    if (!body.success) return fail(res, 'BadArgument', 'invalid locale');
    const known = store.get(claims.conv);
    if (known && !admitted(known, claims, res)) return;
    if (known?.started) return answer(res, 200, current(known));
    const ip = ipOf(req);
    if (!known && !(await allow(limiter, 'directlineConversation', ip, res))) return;
    const conversation = known ?? store.open(claims.conv, claims.user);
    if (!conversation) return fail(res, 'ServiceUnavailable', 'too many open conversations');
    if (conversation.started) return answer(res, 200, current(conversation));
    const issued = await nextToken(conversation);
    // A second start with the same token may have come first while this one was signed.
    if (conversation.started) return answer(res, 200, current(conversation));
    conversation.started = true;
    // The token the start answers with is the conversation's from now on (the client adopts it);
    // the one that started it gets the grace of a replaced token (a start the client retries).
    const presented = bearer(req.headers.authorization)!;
    store.adopt(conversation, { token: presented, id: claims.jti, exp: claims.exp });
    const started = renew(conversation, issued);
    // Direct Line tells the bot who joined; the bot's welcome is queued before the first poll.
    await turn(conversation, toBot(conversation, {
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      timestamp: new Date().toISOString(),
      membersAdded: [BOT, { id: conversation.user }],
      ...(body.data?.locale ? { locale: body.data.locale } : {}),
    }), ip);
    log.debug('conversation started', { conversationId: conversation.id });
    answer(res, 201, started);
  });

  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
    // Resume answers with the current token, not a new one: the page also looks at its
    // conversation this way every few seconds, and must not lose its token by looking.
    const conversation = await conversationOf(req, res, req.params.conversationId);
    if (conversation) answer(res, 200, current(conversation));
  });

  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = await conversationOf(req, res, req.params.conversationId);
    if (!conversation) return;
    const mark = watermark.safeParse(req.query?.watermark);
    if (!mark.success) return fail(res, 'BadArgument', 'invalid watermark');
    // Held as the JSON a poll sends (conversations.ts), so it is written as it is.
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(store.since(conversation, mark.data));
  });

  server.post(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = await conversationOf(req, res, req.params.conversationId);
    if (!conversation) return;
    const parsed = clientActivity.safeParse(req.body);
    if (!parsed.success) return fail(res, 'BadArgument', `invalid activity: ${parsed.error.issues[0]?.path.join('.')}`);
    const { type, text, textFormat, value, name, locale, channelData, entities } = parsed.data;
    const fields = { type, text, textFormat, value, name, locale, channelData, entities };
    const activity = toBot(conversation, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    if (JSON.stringify(activity).length > MAX_CLIENT_ACTIVITY_CHARS) return fail(res, 'MessageSizeTooBig', 'the activity is too large');
    // The echo: the client's own activity, with its id, in the list everyone polls.
    conversation.used = true;
    const echo = store.append(conversation, forClient(activity));
    const delivered = await turn(conversation, { ...activity, id: echo.id, timestamp: echo.timestamp }, ipOf(req));
    if (!delivered) return fail(res, 'BotError', 'the bot could not take the activity');
    answer(res, 200, { id: echo.id });
  });

  // The bot's side: botbuilder's connector client posts replies and proactive messages here.
  // The key in the path (derived from the secret, never shown to clients) keeps others out.
  const fromBot = async (req: Request, res: Response) => {
    const given = Buffer.from(String(req.params.key ?? ''));
    const wanted = Buffer.from(connectorKey);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return fail(res, 'NotFound', 'not found');
    const conversation = store.get(String(req.params.conversationId ?? ''));
    if (!conversation) return fail(res, 'NotFound', 'the conversation has ended');
    const parsed = botActivity.safeParse(req.body);
    if (!parsed.success) return fail(res, 'BadArgument', 'invalid activity');
    const reply = store.append(conversation, forClient({ ...parsed.data, conversation: { id: conversation.id } }));
    answer(res, 200, { id: reply.id });
  };
  server.post(`${DIRECTLINE_PATH}/connector/:key/v3/conversations/:conversationId/activities`, fromBot);
  server.post(`${DIRECTLINE_PATH}/connector/:key/v3/conversations/:conversationId/activities/:replyToId`, fromBot);

  return store;
}
