// The staff channel cannot be hijacked (issue 11, findings 2 and 10). An attacker who can reach
// /api/messages fakes Teams: an install and "@Kvarterbot brug denne kanal" from their own team,
// channel and service URL. The next resident who asks for a person must still reach the real
// staff channel, and nothing of theirs may reach the attacker's service.
import { FakeConnector } from '../support/fake-connector';
import { startBot, type BotUnderTest } from '../support/harness';
import { TENANT, TeamsTeam } from '../support/teams';
import type { Logger } from '../../src/log';

const ALWAYS_OPEN = { OFFICE_HOURS: 'mon-sun 00:00-24:00' };
const REAL_TEAM = '19:helhedsplan-general@thread.tacv2';
const ATTACKER = { channel: '19:attacker@thread.tacv2', team: '19:attacker-team@thread.tacv2', tenant: TENANT };

type Line = { level: string; msg: string } & Record<string, unknown>;
function recordingLogger(lines: Line[], bindings: Record<string, unknown> = {}): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ ...bindings, ...fields, level, msg });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (b) => recordingLogger(lines, { ...bindings, ...b }) };
}

let attackerService: FakeConnector;
beforeEach(async () => {
  attackerService = await new FakeConnector().start();
});
afterEach(async () => attackerService.stop());

async function withBot(env: Record<string, string>, fn: (bot: BotUnderTest, log: Line[]) => Promise<void>): Promise<void> {
  const log: Line[] = [];
  const bot = await startBot({ env: { ...ALWAYS_OPEN, ...env }, app: { logger: recordingLogger(log) } });
  try {
    await fn(bot, log);
  } finally {
    await bot.close();
  }
}

/** Everything an attacker can send from their own team: install, "use this channel", removing the real team's app. */
async function attack(bot: BotUnderTest, attacker: TeamsTeam, alsoAs?: TeamsTeam): Promise<string> {
  await attacker.install(bot);
  const thread = await attacker.newPost(bot, 'brug denne kanal');
  await attacker.newPost(bot, 'use this channel 12345678');
  if (alsoAs) await alsoAs.install(bot);
  return thread;
}

function attackerReceivedNoCard(): void {
  const cards = attackerService.received.filter((r) => r.activity.attachments?.length);
  expect(cards).toEqual([]);
  expect(attackerService.created()).toEqual([]);
}

test('STAFF_TEAMS_CHANNEL_ID set: no install, command or removal from Teams moves it', async () => {
  const teamsService = await new FakeConnector().start();
  try {
    await withBot(
      { STAFF_TEAMS_CHANNEL_ID: '19:configured@thread.tacv2', STAFF_TEAMS_TEAM_ID: REAL_TEAM, STAFF_TEAMS_SERVICE_URL: teamsService.url, TEAMS_TENANT_ID: TENANT },
      async (bot) => {
        const staff = new TeamsTeam(teamsService, { channel: '19:configured@thread.tacv2', team: REAL_TEAM });
        const attacker = new TeamsTeam(attackerService, ATTACKER);
        // Even naming the real team's id, with the attacker's channel and service URL.
        const posingAsStaffTeam = new TeamsTeam(attackerService, { ...ATTACKER, team: REAL_TEAM });
        const thread = await attack(bot, attacker, posingAsStaffTeam);
        await posingAsStaffTeam.newPost(bot, 'brug denne kanal');
        await posingAsStaffTeam.uninstall(bot);
        expect(attacker.threadTexts(thread).join()).toMatch(/fastlagt i Kvarterbots indstillinger/);
        expect(await bot.app.db.setting.findUnique({ where: { key: 'teams.staffChannel' } })).toBeNull();

        await bot.chat().say('jeg vil tale med en medarbejder');
        expect(staff.cardThreads()).toHaveLength(1);
        attackerReceivedNoCard();
      },
    );
  } finally {
    await teamsService.stop();
  }
});

test('unset: the first install sets it; another team gets it only with the one-time code from the server log', async () => {
  await withBot({}, async (bot, log) => {
    const staff = new TeamsTeam(bot.connector);
    await staff.install(bot);
    const attacker = new TeamsTeam(attackerService, ATTACKER);
    const thread = await attack(bot, attacker);
    expect(attacker.threadTexts(thread).join()).toMatch(/koden fra loggen/);
    // The attacker's guess spent the code; no second chance with it.
    expect(attackerService.received.map((r) => r.activity.text).join()).toMatch(/Koden passer ikke/);

    await bot.chat().say('jeg vil tale med en medarbejder');
    expect(staff.cardThreads()).toHaveLength(1);
    attackerReceivedNoCard();

    // A real move to another team of the tenant: someone with the server log types the code there.
    const newTeam = new TeamsTeam(bot.connector, { channel: '19:ny-kanal@thread.tacv2', team: '19:nyt-team@thread.tacv2' });
    const asked = await newTeam.newPost(bot, 'brug denne kanal');
    expect(newTeam.threadTexts(asked).join()).toMatch(/koden fra loggen/);
    const offered = log.filter((l) => l.level === 'warn' && typeof l.code === 'string');
    const code = offered[offered.length - 1].code as string;
    expect(code).toMatch(/^\d{8}$/);
    // The code works only in the channel it was made for.
    const elsewhere = await attacker.newPost(bot, `brug denne kanal ${code}`);
    expect(attacker.threadTexts(elsewhere).join()).toMatch(/Koden passer ikke/);
    const again = await newTeam.newPost(bot, 'brug denne kanal');
    const fresh = log.filter((l) => l.level === 'warn' && typeof l.code === 'string').pop()!.code as string;
    expect(newTeam.threadTexts(again).join()).toMatch(/koden fra loggen/);
    const moved = await newTeam.newPost(bot, `brug denne kanal ${fresh}`);
    expect(newTeam.threadTexts(moved)).toEqual(['OK. Nye henvendelser fra beboere kommer nu i denne kanal.']);

    await bot.chat().say('jeg vil tale med en medarbejder');
    expect(newTeam.cardThreads()).toHaveLength(1);
    expect(staff.cardThreads()).toHaveLength(1);
    // Codes are never shown in Teams, only in the log.
    expect(bot.connector.received.map((r) => r.activity.text ?? '').join()).not.toContain(fresh);
  });
});

test('STAFF_TEAMS_TEAM_ID set: only that team can install into or move the staff channel', async () => {
  await withBot({ STAFF_TEAMS_TEAM_ID: REAL_TEAM }, async (bot) => {
    const attacker = new TeamsTeam(attackerService, ATTACKER);
    // The attacker is first this time.
    const thread = await attack(bot, attacker);
    expect(attacker.threadTexts(thread).join()).toMatch(/medarbejdernes team/);
    expect(await bot.app.db.setting.findUnique({ where: { key: 'teams.staffChannel' } })).toBeNull();

    const staff = new TeamsTeam(bot.connector);
    await staff.install(bot);
    const akut = new TeamsTeam(bot.connector, { channel: '19:akut@thread.tacv2', team: REAL_TEAM });
    await akut.newPost(bot, 'brug denne kanal');
    await attack(bot, attacker);

    await bot.chat().say('jeg vil tale med en medarbejder');
    expect(akut.cardThreads()).toHaveLength(1);
    attackerReceivedNoCard();
  });
});
