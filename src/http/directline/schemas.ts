// What a Direct Line client may send, parsed at the edge. Who sent it (from), where it goes
// (conversation, recipient) and its id are never taken from the client: the token decides.
import { z } from 'zod';

const locale = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/);

/** POST /conversations: Direct Line clients send `{ user: { id }, locale }`; only the locale is used. */
export const startBody = z.looseObject({ locale: locale.optional() }).optional();

/** POST /conversations/:id/activities: a message or an event (web chat's language switch). */
export const clientActivity = z.looseObject({
  type: z.enum(['message', 'event']),
  text: z.string().max(5000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  // A tapped button (messageBack) carries its stable value here.
  value: z.unknown().optional(),
  name: z.string().max(100).optional(),
  locale: locale.optional(),
  // Web Chat matches its own message in the echo by channelData.clientActivityID.
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  // File upload is not offered by the local endpoint.
  attachments: z.array(z.unknown()).max(0).optional(),
});
export type ClientActivity = z.infer<typeof clientActivity>;

/** "" (the first poll) or the number of activities already seen. */
export const watermark = z.union([z.literal(''), z.string().regex(/^\d{1,9}$/)]).optional().transform((w) => (w ? Number(w) : 0));

/** What the bot sends to its connector: an activity; the parts a client must not see are dropped. */
export const botActivity = z.looseObject({ type: z.string().min(1).max(50) });
