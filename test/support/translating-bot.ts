// A bot whose handoffs are translated by a fake OpenAI-compatible model (test/support/fake-openai.ts)
// answering from a phrase book, installed in a Teams team with a staff channel, open all day.
import { FakeOpenAi } from './fake-openai';
import type { BotUnderTest } from './harness';
import { startStaffedBot } from './staffed-bot';
import type { TeamsTeam } from './teams';

export interface TranslatingBot {
  bot: BotUnderTest;
  teams: TeamsTeam;
  llm: FakeOpenAi;
}

/** Runs `check` against such a bot; the bot and the model stop after it, whether it passed or not. */
export async function withTranslatingBot(phrases: Record<string, string>, check: (t: TranslatingBot) => Promise<void>): Promise<void> {
  const llm = await new FakeOpenAi(phrases).start();
  const { bot, teams } = await startStaffedBot({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'test' });
  try {
    await check({ bot, teams, llm });
  } finally {
    await bot.close();
    await llm.stop();
  }
}
