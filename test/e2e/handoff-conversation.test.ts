// The whole handoff, end to end over HTTP, with two bot instances on one database: an Arabic
// resident asks for a person → a card in the staff channel → staff take it → staff reply in the
// thread → the resident gets it → the resident replies → the thread gets it → staff close → the
// resident is told in Arabic and the bot answers again. Teams is the fake Bot Connector plus the
// activities Teams would post; the resident and staff talk to different instances on purpose.
import { Chat, texts, startBot, type BotUnderTest } from '../support/harness';
import { METTE, TeamsTeam, action, facts, type Target } from '../support/teams';

const ALWAYS_OPEN = { OFFICE_HOURS: 'mon-sun 00:00-24:00' };
const arabic = /[\u0600-\u06FF]/;

describe.each(['sqlite', 'postgres'] as const)('handoff on %s, two instances', (db) => {
  let a: BotUnderTest;
  let b: BotUnderTest;
  beforeAll(async () => {
    a = await startBot({ db, env: ALWAYS_OPEN });
    b = await startBot({ databaseUrl: a.databaseUrl, env: ALWAYS_OPEN });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  test('Arabic resident ↔ staff in a Teams thread, and back to the bot', async () => {
    // Both instances reply through the same Bot Connector, as in production.
    const resident: Target & { connector: typeof a.connector } = { url: a.url, connector: a.connector };
    const chat = new Chat(resident as unknown as BotUnderTest, {});
    const teams = new TeamsTeam(a.connector);
    const onA = { url: a.url };
    const onB = { url: b.url };

    await teams.install(onB);
    expect(teams.threads()).toHaveLength(1); // the welcome in the chosen channel

    // The resident asks for a person (instance A).
    const opened = await chat.say('أريد التكلم مع موظف');
    const openText = texts(opened);
    expect(opened[0].locale).toBe('ar');
    expect(openText).toMatch(arabic);
    expect(openText).toContain('سيرد عليك شخص هنا في المحادثة');
    expect(openText).toContain('ترتيبك في قائمة الانتظار: \u20681\u2069');
    // Said once: the bot keeps answering while the resident waits, and staff read along.
    expect(openText).toContain('يسعدني أن أجيب عن أسئلتك هنا');
    expect(openText).toContain('أوقات عملنا');

    // A new thread in the staff channel with the card (POST /v3/conversations, channelData.channel).
    const [cardThread] = teams.cardThreads();
    expect(cardThread.conversationId).toMatch(/^19:staff@thread\.tacv2;messageid=\d+$/);
    expect(cardThread.channelData).toMatchObject({ channel: { id: '19:staff@thread.tacv2' }, tenant: { id: expect.any(String) } });
    const thread = cardThread.conversationId;
    let card = teams.card(thread);
    expect(facts(card)).toMatchObject({
      Årsag: 'Beboeren bad om at tale med en person',
      Haster: 'Nej',
      Sprog: 'arabisk (العربية) – beskeder sendes, som de er (ingen oversættelse)',
      Fornavn: 'Ikke delt',
      Tilmeldinger: 'Ingen',
      Status: 'Venter på en medarbejder',
    });
    // The message that asked for a person is the transcript; nothing older is kept without consent.
    expect(JSON.stringify(card.body)).toContain('Beboer: أريد التكلم مع موظف');
    expect(card.actions.map((x: any) => x.title)).toEqual(['Tag', 'Luk']);

    // Mette takes it with Action.Submit on instance B: the card is updated in place (PUT).
    await teams.submit(onB, thread, action(card, 'take'), METTE);
    card = teams.card(thread);
    expect(facts(card).Status).toMatch(/^Taget af Mette Hansen kl\. \d{2}[.:]\d{2}$/);
    expect(card.actions.map((x: any) => x.title)).toEqual(['Luk']);
    expect(texts(chat.replies())).toBe('معك الآن \u2068Mette\u2069 من برنامج الحي.');

    // Staff reply in the thread (B) → the resident gets it proactively.
    await teams.reply(onB, thread, 'Hej! Hvad kan jeg hjælpe med?', METTE);
    expect(texts(chat.replies())).toBe('\u2068Mette\u2069: \u2068Hej! Hvad kan jeg hjælpe med?\u2069');

    // The resident answers (A) → the thread gets it; while Mette is answering, the bot itself stays quiet.
    const quiet = await chat.say('ابني يريد عمل مصروف الجيب');
    expect(quiet).toEqual([]);
    expect(teams.threadTexts(thread)).toContain('Beboer: ابني يريد عمل مصروف الجيب');

    // Mette closes with Action.Execute (an invoke) on A: invoke response and PUT show who closed it.
    const invoke = await teams.execute(onA, thread, action(card, 'close'), METTE);
    expect(invoke).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(facts(invoke.value).Status).toMatch(/^Lukket af Mette Hansen kl\./);
    card = teams.card(thread);
    expect(facts(card).Status).toMatch(/^Lukket af Mette Hansen/);
    expect(card.actions).toEqual([]);
    const told = texts(chat.replies());
    expect(told).toContain('انتهت المحادثة مع الموظف');

    // The bot answers again, in Arabic (B this time).
    resident.url = b.url;
    const again = await chat.say('ما هي الأنشطة؟');
    expect(again[0].locale).toBe('ar');
    expect(texts(again)).toContain('شبكة الأهالي');

    const row = await a.app.db.handoff.findFirstOrThrow({ select: { status: true, takenBy: true, takenAt: true, closedAt: true, language: true } });
    expect(row).toMatchObject({ status: 'closed', takenBy: 'Mette Hansen', language: 'ar' });
    expect(row.takenAt).toBeInstanceOf(Date);
    expect(row.closedAt).toBeInstanceOf(Date);
    const kept = await a.app.db.handoffMessage.findMany({ orderBy: { createdAt: 'asc' }, select: { direction: true } });
    expect(kept.map((m) => m.direction)).toEqual(['resident', 'staff', 'resident']);
  });
});
