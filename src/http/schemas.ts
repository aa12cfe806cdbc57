// Request bodies, parsed at the edge.
import { z } from 'zod';

/** Real channel ids are far shorter (Teams' thread ids are the longest, ~100); ids are logged and stored. */
export const MAX_ID_LENGTH = 256;
const id = z.string().min(1).max(MAX_ID_LENGTH);

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

/** The part of a Bot Framework activity the bot relies on; everything else passes through. */
export const activityBody = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.optional(),
  replyToId: id.optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl,
  from: z.looseObject({ id }),
  recipient: z.looseObject({ id }).optional(),
  conversation: z.looseObject({ id }),
  text: z.string().max(5000).optional(),
  locale: z.string().max(20).optional(),
});

export const parseBody = z.object({
  text: z.string().min(1).max(2000),
  lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
});
