// The local Direct Line 3.0 endpoint: the subset Web Chat and botframework-directlinejs use, with
// polling (README, "Web chat"). A resident's message is echoed into the conversation (clients
// recognise their own message by it) and handed to the bot's adapter; the bot answers through
// its connector, a serviceUrl on this same server, and the answers are queued for the next poll.
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
import { ConversationStore, type Activity, type Conversation } from './conversations';
import { botActivity, clientActivity, startBody, watermark } from './schemas';
import { bearer, TokenSigner, type TokenClaims } from './tokens';
import { runTurn, type TurnProcessor } from './turn';

export const DIRECTLINE_PATH = '/v3/directline';
const CHANNEL_ID = 'directline';
const BOT = { id: 'kvarterbot', role: 'bot' };

export interface DirectLineDeps {
  bot: TurnProcessor;
  signer: TokenSigner;
  conversations?: ConversationStore;
  log: Logger;
}

type ErrorCode = 'BadArgument' | 'MissingToken' | 'TokenInvalid' | 'NotFound' | 'ServiceUnavailable' | 'BotError';
const STATUS: Record<ErrorCode, number> = { BadArgument: 400, MissingToken: 401, TokenInvalid: 403, NotFound: 404, ServiceUnavailable: 503, BotError: 502 };

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
  const store = deps.conversations ?? new ConversationStore();
  const { signer } = deps;
  const connectorKey = signer.derive('directline-connector');
  const serviceUrl = () => `${ownUrl(server)}${DIRECTLINE_PATH}/connector/${connectorKey}`;

  const session = (c: Conversation) => ({ conversationId: c.id, ...signer.issue(c.id, c.user) });

  /** The token's claims, or an answer: 401 without a token, 403 for a bad or expired one. */
  function claimsOf(req: Request, res: Response): TokenClaims | null {
    const token = bearer(req.headers.authorization);
    if (!token) {
      fail(res, 'MissingToken', 'an Authorization: Bearer <token> header is required');
      return null;
    }
    const claims = signer.verify(token);
    if (!claims) fail(res, 'TokenInvalid', 'the token is invalid or has expired');
    return claims;
  }

  /** The conversation the request names, if the token opens it (another resident's never does). */
  function conversationOf(req: Request, res: Response, named?: string): Conversation | null {
    const claims = claimsOf(req, res);
    if (!claims) return null;
    if (named !== undefined && named !== claims.conv) {
      fail(res, 'TokenInvalid', 'the token does not open this conversation');
      return null;
    }
    const conversation = store.get(claims.conv);
    if (!conversation) fail(res, 'NotFound', 'the conversation has ended');
    return conversation ?? null;
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

  async function turn(conversation: Conversation, activity: Activity): Promise<boolean> {
    try {
      const status = await store.serialise(conversation, () => runTurn(deps.bot, activity));
      if (status < 400) return true;
      log.error('bot refused the activity', { conversationId: conversation.id, status });
    } catch (err) {
      log.error('turn failed', { conversationId: conversation.id, ...errorFields(err) });
    }
    return false;
  }

  server.post(`${DIRECTLINE_PATH}/tokens/generate`, async (_req: Request, res: Response) => {
    // Open like Web Chat's own page: anyone may start a chat. The token is the only key to it.
    const conversation = store.create();
    if (!conversation) return fail(res, 'ServiceUnavailable', 'too many open conversations');
    answer(res, 200, session(conversation));
  });

  server.post(`${DIRECTLINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const conversation = conversationOf(req, res);
    if (conversation) answer(res, 200, session(conversation));
  });

  server.post(`${DIRECTLINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const conversation = conversationOf(req, res);
    if (!conversation) return;
    const body = startBody.safeParse(req.body ?? undefined);
    if (!body.success) return fail(res, 'BadArgument', 'invalid locale');
    if (conversation.started) return answer(res, 200, session(conversation));
    conversation.started = true;
    // Direct Line tells the bot who joined; the bot's welcome is queued before the first poll.
    await turn(conversation, toBot(conversation, {
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      timestamp: new Date().toISOString(),
      membersAdded: [BOT, { id: conversation.user }],
      ...(body.data?.locale ? { locale: body.data.locale } : {}),
    }));
    log.debug('conversation started', { conversationId: conversation.id });
    answer(res, 201, session(conversation));
  });

  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const conversation = conversationOf(req, res, req.params.conversationId);
    if (conversation) answer(res, 200, session(conversation));
  });

  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = conversationOf(req, res, req.params.conversationId);
    if (!conversation) return;
    const mark = watermark.safeParse(req.query?.watermark);
    if (!mark.success) return fail(res, 'BadArgument', 'invalid watermark');
    const page = store.since(conversation, mark.data);
    answer(res, 200, { activities: page.activities.map(forClient), watermark: page.watermark });
  });

  server.post(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = conversationOf(req, res, req.params.conversationId);
    if (!conversation) return;
    const parsed = clientActivity.safeParse(req.body);
    if (!parsed.success) return fail(res, 'BadArgument', `invalid activity: ${parsed.error.issues[0]?.path.join('.')}`);
    const { type, text, textFormat, value, name, locale, channelData, entities } = parsed.data;
    const fields = { type, text, textFormat, value, name, locale, channelData, entities };
    const activity = toBot(conversation, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    // The echo: the client's own activity, with its id, in the list everyone polls.
    const echo = store.append(conversation, forClient(activity));
    const delivered = await turn(conversation, { ...activity, id: echo.id, timestamp: echo.timestamp });
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
