// Request bodies, parsed at the edge.
import { z } from 'zod';

/** Real channel ids are far shorter (Teams' thread ids are the longest, ~100); ids are logged and stored. */
export const MAX_ID_LENGTH = 256;
/** No lone surrogates: they cannot be stored (Prisma refuses them) nor put in a URL (encodeURIComponent throws). */
const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
/** Ids are stored, logged and put into URLs: well-formed and without control characters. */
const id = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(WELL_FORMED, 'must be well-formed Unicode')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Where the bot sends its replies: a channel's https address. Plain http only to this machine
 * (the Emulator, tests' fake connectors, the local Direct Line): never another host, another
 * scheme (file:, ftp:, gopher:), or credentials in the URL.
 */
export const serviceUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  }, 'must be an https: URL (http: only for this machine)');

/**
 * An account's fields as the Bot Connector's serializer types them. The reply's recipient and
 * conversation are copied from the activity, so a wrong type here (e.g. `isGroup: "yes"`) made
 * every reply of the turn fail to serialise: the turn crashed instead of being refused.
 */
const name = z.string().max(1024).nullish();
const properties = z.looseObject({}).nullish();
/** An account is a few short fields; a handoff stores the whole of it (its conversation reference). */
const MAX_ACCOUNT_CHARS = 4096;
const small = (v: unknown) => JSON.stringify(v).length <= MAX_ACCOUNT_CHARS;
const accountShape = { id, name, aadObjectId: name, role: z.string().max(64).nullish(), properties };
const account = z.looseObject(accountShape).refine(small, `at most ${MAX_ACCOUNT_CHARS} characters as JSON`);
/**
 * botbuilder sends the conversation id as a header (x-ms-conversation-id) with every reply, and a
 * header holds no Arabic letters or control characters: such an id broke every reply of the turn.
 * Channels' conversation ids are ASCII (Teams' thread ids, GUIDs, numbers).
 */
const conversationId = id.regex(/^[\x20-\x7e]+$/, 'printable ASCII only');
const conversation = z
  .looseObject({ ...accountShape, id: conversationId, isGroup: z.boolean().nullish(), conversationType: z.string().max(64).nullish(), tenantId: name })
  .refine(small, `at most ${MAX_ACCOUNT_CHARS} characters as JSON`);
/** Members in a conversationUpdate: the bot reads each one's id. */
const members = z.array(z.looseObject({ id: z.string().max(MAX_ID_LENGTH) })).max(1000).nullish();

/** The part of a Bot Framework activity the bot relies on; everything else passes through. */
export const activityBody = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.optional(),
  replyToId: id.optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl,
  from: account,
  recipient: account.optional(),
  conversation,
  text: z.string().max(5000).regex(WELL_FORMED, 'must be well-formed Unicode').optional(),
  locale: z.string().max(20).optional(),
  membersAdded: members,
  membersRemoved: members,
  reactionsAdded: z.array(z.looseObject({ type: z.string().max(64) })).max(100).nullish(),
  reactionsRemoved: z.array(z.looseObject({ type: z.string().max(64) })).max(100).nullish(),
});

export const parseBody = z.object({
  text: z.string().min(1).max(2000),
  lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
});
