// A bot open around the clock whose staff channel is a fake Teams team's (installed at once): for
// the tests of what residents and staff see when a person can be reached.
import { startBot, type BotUnderTest } from './harness';
import { TeamsTeam } from './teams';

export const ALWAYS_OPEN = { OFFICE_HOURS: 'mon-sun 00:00-24:00' };

export async function startStaffedBot(env: Record<string, string> = {}): Promise<{ bot: BotUnderTest; teams: TeamsTeam }> {
  const bot = await startBot({ env: { ...ALWAYS_OPEN, ...env } });
  const teams = new TeamsTeam(bot.connector);
  await teams.install(bot);
  return { bot, teams };
}

/** For a test file or block: starts such a bot before its tests (handing it to `use`) and closes it after them. */
export function useStaffedBot(use: (started: { bot: BotUnderTest; teams: TeamsTeam }) => void, env: Record<string, string> = {}): void {
  let bot: BotUnderTest | undefined;
  beforeAll(async () => {
    const started = await startStaffedBot(env);
    bot = started.bot;
    use(started);
  });
  afterAll(async () => {
    await bot?.close();
  });
}
