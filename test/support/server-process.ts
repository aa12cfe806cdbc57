// Starts the real entry point (what `npm start` runs) as a separate process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The real entry point, as `npm start` runs it. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return startNodeProcess(['src/main.ts'], env);
}

/**
 * Any entry that prints the project's "listening" log line (the bot, the bench's echo bot): TypeScript
 * through tsx, or the build's JavaScript with `compiled`.
 */
export async function startNodeProcess(args: string[], env: Record<string, string>, opts: { compiled?: boolean } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(opts.compiled ? [] : ['--require', 'tsx/cjs']), ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
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
  return {
    child,
    url,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
