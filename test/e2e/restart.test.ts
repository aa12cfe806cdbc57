// The real entry point (npm start's command) killed mid-conversation and started again:
// the resident's language and the open question are still there.
import { freshSqliteUrl } from '../support/db';
import { FakeConnector } from '../support/fake-connector';
import { Chat, texts, lastPrompt, type BotUnderTest } from '../support/harness';
import { startServerProcess } from '../support/server-process';

test('kill -9 mid-conversation, start again: language and dialog state survive', async () => {
  const connector = await new FakeConnector().start();
  const databaseUrl = freshSqliteUrl();
  let proc = await startServerProcess({ DATABASE_URL: databaseUrl });
  const target = { connector, url: proc.url } as unknown as BotUnderTest;
  const chat = new Chat(target, {});
  try {
    await chat.say('مرحبا');
    const asked = await chat.say('تغيير اللغة');
    expect(lastPrompt(asked)).toBe('language');

    await proc.kill('SIGKILL');
    proc = await startServerProcess({ DATABASE_URL: databaseUrl });
    (target as { url: string }).url = proc.url;

    // Still inside the language question, still in Arabic.
    const retry = await chat.say('شي ثاني');
    expect(lastPrompt(retry)).toBe('language');
    expect(retry[0].locale).toBe('ar');
    const done = await chat.tap('en');
    expect(texts(done)).toMatch(/I will now write in English/);
  } finally {
    await proc.kill('SIGKILL');
    await connector.stop();
  }
}, 120_000);
