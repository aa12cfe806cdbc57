// A 13-year-old signs up alone for a pocket-money job and is given what a parent needs to say yes
// (issue 14): used by the chat tests and the parent's page in the browser.
import { buttons, lastPrompt, texts, type Chat } from './harness';

/** What the child was given for the parent. */
export interface Invite { code: string; token: string; url: string; path: string; reference: string }

export async function childSignsUpAlone(chat: Chat, name: string): Promise<Invite> {
  const session = await chat.say('jeg er 13 og vil gerne have et lommepengejob');
  expect(lastPrompt(session)).toBe('session');
  await chat.tap(buttons(session)[0].value);
  await chat.tap('yes');
  await chat.say(name);
  await chat.say('31 32 33 34');
  await chat.say('Maria Jensen');
  await chat.say('41 42 43 44');
  const done = texts(await chat.tap('yes'));
  expect(done).toMatch(/Fordi du er under 15 år, skal en af dine forældre sige ja/);
  const url = /(http:\/\/\S+(\/guardian\/([A-Za-z0-9_-]{43})))/.exec(done);
  const code = /skrive denne kode til mig her i chatten: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(done);
  const reference = /Dit nummer: ([A-Z2-9]{6})/.exec(done);
  expect(url && code && reference).toBeTruthy();
  return { url: url![1], path: url![2], token: url![3], code: code![1], reference: reference![1] };
}
