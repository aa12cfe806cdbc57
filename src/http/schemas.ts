// Request bodies, parsed at the edge.
import { z } from 'zod';

/** The part of a Bot Framework activity the bot relies on; everything else passes through. */
export const activityBody = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }).optional(),
  conversation: z.looseObject({ id: z.string().min(1) }),
  text: z.string().max(5000).optional(),
  locale: z.string().max(20).optional(),
});

export const parseBody = z.object({
  text: z.string().min(1).max(2000),
  lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
});
