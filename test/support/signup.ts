// Whole sign-ups in the chat, for the tests that need a resident with a registration before they
// check something else: the parents' network (forældrenetværk, the shortest) and a dated session of
// the parents' course.
import { lastPrompt, type Chat } from './harness';

type Replies = Record<string, any>[];

export interface Joiner {
  name: string;
  phone: string;
  /** The first message; Danish unless given. */
  ask?: string;
}

/** Asks to join the parents' network, agrees to what is kept, gives name and phone; returns the summary to confirm. */
export async function fillParentNetwork(chat: Chat, who: Joiner): Promise<Replies> {
  await chat.say(who.ask ?? 'tilmeld mig forældrenetværk');
  await chat.tap('yes');
  await chat.say(who.name);
  return chat.say(who.phone);
}

/** The same, confirmed; returns the confirmation. */
export async function joinParentNetwork(chat: Chat, who: Joiner): Promise<Replies> {
  await fillParentNetwork(chat, who);
  return chat.tap('yes');
}

/** Signs up for one session of the parents' course by its buttons (consent only if not given before); returns the confirmation. */
export async function joinCourseSession(chat: Chat, sessionId: string, who: Joiner): Promise<Replies> {
  await chat.tap('signup:parent-course-ready-for-school');
  await chat.tap(sessionId);
  const consentOrName = await chat.tap('yes');
  if (lastPrompt(consentOrName) === 'consent') await chat.tap('yes');
  await chat.say(who.name);
  await chat.say(who.phone);
  return chat.tap('yes');
}
