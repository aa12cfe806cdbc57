// A handoff nobody takes reminds the staff channel. Each process has a timer; the reminders are
// claimed atomically in the database, so two instances never both send one.
import { Chat, startBot, type BotUnderTest } from '../support/harness';
import { METTE, TeamsTeam, action, eventually } from '../support/teams';

test('a handoff nobody takes within HANDOFF_RENOTIFY_MINUTES reminds its one thread (even when Teams is slow to open it), until someone takes it', async () => {
  // 0.005 minutes = 300 ms: the timer checks every 200 ms.
  const bot = await startBot({ env: { OFFICE_HOURS: 'mon-sun 00:00-24:00', HANDOFF_RENOTIFY_MINUTES: '0.005' } });
  try {
    const teams = new TeamsTeam(bot.connector);
    await teams.install(bot);
    // Teams takes 1.5 s to open the card's thread: five timer rounds, each past the renotify period.
    // The card is in flight, not lost, so no second card (and no second thread) may be posted.
    bot.connector.createDelayMs = 1_500;
    await bot.chat().say('jeg vil tale med en medarbejder');
    const thread = (await eventually(() => teams.cardThreads()[0], 10_000, 'the card')).conversationId;
    const reminder = await eventually(() => teams.threadTexts(thread).find((t) => t.startsWith('⏰')), 10_000, 'a reminder');
    expect(reminder).toMatch(/^⏰ Henvendelsen venter stadig \(oprettet kl\. \d{2}[.:]\d{2}\)\. Tryk "Tag" på kortet, før du svarer\.$/);
    expect(teams.cardThreads()).toHaveLength(1);

    await teams.submit(bot, thread, action(teams.card(thread), 'take'), METTE);
    // Taken: nothing is due any more, however late it gets.
    expect(await bot.app.renotifyHandoffs(new Date(Date.now() + 86_400_000))).toBe(0);
  } finally {
    await bot.close();
  }
});

describe.each(['sqlite', 'postgres'] as const)('two instances on %s', (db) => {
  let a: BotUnderTest;
  let b: BotUnderTest;
  beforeAll(async () => {
    // Timers are set far off (60 min) so only the explicit calls below send reminders.
    const env = { OFFICE_HOURS: 'mon-fri 09:00-15:00', HANDOFF_RENOTIFY_MINUTES: '60' };
    a = await startBot({ db, env });
    b = await startBot({ databaseUrl: a.databaseUrl, env });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  test('remind each waiting handoff exactly once per round; outside office hours only urgent ones', async () => {
    const teams = new TeamsTeam(a.connector);
    await teams.install(a);
    for (const text of ['jeg vil tale med en medarbejder', 'I want to talk to a person', 'min far slår mig']) {
      await new Chat({ url: a.url, connector: a.connector } as unknown as BotUnderTest, {}).say(text);
    }
    const threads = teams.cardThreads().map((t) => t.conversationId);
    expect(threads).toHaveLength(3);
    const reminders = () => threads.map((t) => teams.threadTexts(t).filter((x) => x.startsWith('⏰')).length);

    // A Monday at 10:00 in Copenhagen, two hours after the cards: both instances race for the same reminders.
    const monday = nextWeekday(1, 10);
    const round1 = await Promise.all([a.app.renotifyHandoffs(monday), b.app.renotifyHandoffs(monday)]);
    expect(round1[0] + round1[1]).toBe(3);
    expect(reminders()).toEqual([1, 1, 1]);

    // Not yet due again 30 minutes later.
    const soon = new Date(monday.getTime() + 30 * 60_000);
    expect((await Promise.all([a.app.renotifyHandoffs(soon), b.app.renotifyHandoffs(soon)])).reduce((x, y) => x + y)).toBe(0);

    // Sunday night: only the urgent one (the emergency) is reminded.
    const sunday = nextWeekday(7, 3, monday);
    const round2 = await Promise.all([b.app.renotifyHandoffs(sunday), a.app.renotifyHandoffs(sunday)]);
    expect(round2[0] + round2[1]).toBe(1);
    expect(reminders()).toEqual([1, 1, 2]);
  });
});

/** The next given ISO weekday at an hour, Copenhagen time (CET/CEST), after `from`. */
function nextWeekday(isoDay: number, hour: number, from = new Date()): Date {
  for (let ahead = 1; ahead <= 8; ahead++) {
    const day = new Date(from.getTime() + ahead * 86_400_000);
    // The Copenhagen date, not the UTC one: between 23:00 and 24:00 UTC they differ.
    const local = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(day)
        .map((p) => [p.type, p.value]),
    );
    if (['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(local.weekday) + 1 !== isoDay) continue;
    for (const offset of [1, 2]) {
      const at = new Date(Date.UTC(Number(local.year), Number(local.month) - 1, Number(local.day), hour - offset));
      const h = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', hour: '2-digit', hourCycle: 'h23' }).format(at));
      if (h === hour) return at;
    }
  }
  throw new Error('no such day');
}
