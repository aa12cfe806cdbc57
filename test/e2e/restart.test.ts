// The real entry point (npm start's command) killed mid-conversation and started again:
// the resident's language and the open question are still there.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freshSqliteUrl } from '../support/db';
import { FakeConnector } from '../support/fake-connector';
import { Chat, texts, lastPrompt, type BotUnderTest } from '../support/harness';

const root = path.resolve(__dirname, '..', '..');

async function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /"msg":"listening","port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, url };
}

test('kill -9 mid-conversation, start again: language and dialog state survive', async () => {
  const connector = await new FakeConnector().start();
  const databaseUrl = freshSqliteUrl();
  let proc = await startProcess(databaseUrl);
  const target = { connector, url: proc.url } as unknown as BotUnderTest;
  const chat = new Chat(target, {});
  try {
    await chat.say('مرحبا');
    const asked = await chat.say('تغيير اللغة');
    expect(lastPrompt(asked)).toBe('language');

    proc.child.kill('SIGKILL');
    await new Promise((r) => proc.child.once('exit', r));
    proc = await startProcess(databaseUrl);
    (target as { url: string }).url = proc.url;

    // Still inside the language question, still in Arabic.
    const retry = await chat.say('شي ثاني');
    expect(lastPrompt(retry)).toBe('language');
    expect(retry[0].locale).toBe('ar');
    const done = await chat.tap('en');
    expect(texts(done)).toMatch(/I will now write in English/);
  } finally {
    proc.child.kill('SIGKILL');
    await connector.stop();
  }
}, 120_000);
