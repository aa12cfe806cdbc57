// Handoff to staff in Teams, one situation per test: where the staff channel comes from, what
// opens a handoff (asking, an emergency, a question staff decide — not being misunderstood),
// the queue, what staff may see, taking and closing, "afslut", other tenants, restarts.
import { FakeConnector } from '../support/fake-connector';
import { buttons, lastPrompt, startBot, texts, type BotUnderTest } from '../support/harness';
import { LARS, METTE, TeamsTeam, action, cardText, facts } from '../support/teams';

const ALWAYS_OPEN = { OFFICE_HOURS: 'mon-sun 00:00-24:00' };

async function withBot(fn: (bot: BotUnderTest, teams: TeamsTeam) => Promise<void>, env: Record<string, string> = {}, install = true): Promise<void> {
  const bot = await startBot({ env: { ...ALWAYS_OPEN, ...env } });
  try {
    const teams = new TeamsTeam(bot.connector);
    if (install) await teams.install(bot);
    await fn(bot, teams);
  } finally {
    await bot.close();
  }
}

/** The one card thread of the test, and its card as it is now. */
function onlyCard(teams: TeamsTeam): { thread: string; card: Record<string, any> } {
  const threads = teams.cardThreads();
  expect(threads).toHaveLength(1);
  return { thread: threads[0].conversationId, card: teams.card(threads[0].conversationId) };
}

test('installing the app makes the chosen channel the staff channel; "@Kvarterbot brug denne kanal" moves it; removing forgets it', async () => {
  await withBot(async (bot, teams) => {
    const [welcome] = teams.threads();
    expect(welcome.activity.text).toMatch(/Jeg er Kvarterbot/);
    const stored = await bot.app.db.setting.findUniqueOrThrow({ where: { key: 'teams.staffChannel' } });
    expect(JSON.parse(stored.value)).toMatchObject({ channelId: '19:staff@thread.tacv2', serviceUrl: bot.connector.url, tenantId: expect.any(String) });

    // Staff talking among themselves: no answer. Addressed without a command: help.
    const chatter = await teams.newPost(bot, 'Husk mødet i morgen', METTE, false);
    expect(teams.threadTexts(chatter)).toEqual([]);
    const asked = await teams.newPost(bot, 'hvad kan du?', METTE, true);
    expect(teams.threadTexts(asked).join()).toMatch(/brug denne kanal/);

    const other = new TeamsTeam(bot.connector, { channel: '19:akut@thread.tacv2' });
    const moved = await other.newPost(bot, 'brug denne kanal');
    expect(other.threadTexts(moved)).toEqual(['OK. Nye henvendelser fra beboere kommer nu i denne kanal.']);

    await bot.chat().say('jeg vil tale med en medarbejder');
    expect(other.cardThreads()).toHaveLength(1);
    expect(teams.cardThreads()).toHaveLength(0);

    await teams.uninstall(bot);
    expect(await bot.app.db.setting.findUnique({ where: { key: 'teams.staffChannel' } })).toBeNull();
  });
});

test('STAFF_TEAMS_CHANNEL_ID from config is used before the app is installed anywhere', async () => {
  const teamsService = await new FakeConnector().start();
  try {
    await withBot(
      async (bot) => {
        await bot.chat().say('I want to talk to a person');
        const [created] = teamsService.created();
        expect(created.channelData).toMatchObject({ channel: { id: '19:configured@thread.tacv2' }, tenant: { id: 'tenant-from-config' } });
        expect(created.conversationId).toMatch(/^19:configured@thread\.tacv2;messageid=/);
      },
      { STAFF_TEAMS_CHANNEL_ID: '19:configured@thread.tacv2', STAFF_TEAMS_SERVICE_URL: teamsService.url, TEAMS_TENANT_ID: 'tenant-from-config' },
      false,
    );
  } finally {
    await teamsService.stop();
  }
});

test('an emergency gets the numbers at once, and an urgent handoff opens in addition', async () => {
  await withBot(async (bot, teams) => {
    const replies = await bot.chat().say('min far slår mig');
    const text = texts(replies);
    expect(text.indexOf('112')).toBeLessThan(text.indexOf('Jeg har også givet besked til en medarbejder'));
    expect(text).toMatch(/116 111/);
    const { card } = onlyCard(teams);
    expect(cardText(card)).toMatch(/^🚨 Akut henvendelse/);
    expect(facts(card)).toMatchObject({ Haster: 'Ja – akut', Årsag: 'Beskeden kan handle om en nødsituation' });
    expect(card.body[0].color).toBe('Attention');
  });
});

test('messages the bot does not understand get a clarifying question, never a handoff; "talk to a person" there opens one', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('hej');
    const first = await chat.say('blå elefanter danser tango');
    expect(lastPrompt(first)).toBe('clarify');
    expect(buttons(first).length).toBeGreaterThanOrEqual(3);
    const second = await chat.say('xyzzy plugh');
    expect(texts(second)).toMatch(/^Det forstod jeg desværre heller ikke\. Vælg en af disse/);
    expect(buttons(second).map((b) => b.value)).toContain('human');
    expect(await chat.say('qwerty zxcv')).not.toEqual([]);
    expect(teams.cardThreads()).toHaveLength(0);
    expect(texts(await chat.tap('human'))).toContain('Jeg har givet besked til en medarbejder');
    expect(facts(onlyCard(teams).card).Årsag).toBe('Beboeren bad om at tale med en person');
  });
});

test('a sign-up staff arrange by hand opens a handoff about that activity', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('hej');
    const replies = await chat.tap('signup:family-counselling');
    expect(texts(replies)).toMatch(/^Rådgivende samtaler for familier aftaler du med en medarbejder\. .*Du kan også kontakte: /);
    expect(facts(onlyCard(teams).card).Årsag).toBe('Spørgsmål om Rådgivende samtaler for familier, som en medarbejder skal afgøre');
  });
});

test('a second resident waiting is told they are number 2 in the queue; an urgent one goes first', async () => {
  await withBot(async (bot) => {
    expect(texts(await bot.chat().say('I want to talk to a person'))).toContain('You are number 1 in the queue.');
    const second = bot.chat();
    expect(texts(await second.say('I need to talk to staff'))).toContain('You are number 2 in the queue.');
    await bot.chat().say('min far slår mig');
    const third = await bot.app.db.handoff.findMany({ orderBy: { createdAt: 'asc' }, select: { urgent: true } });
    expect(third.map((h) => h.urgent)).toEqual([false, false, true]);
    expect(texts(await bot.chat().say('jeg vil tale med en medarbejder'))).toContain('Du er nummer 4 i køen.');
  });
});

test('staff see the first name, registrations and recent messages only with consent', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('hej');
    const resident = await bot.app.db.resident.findFirstOrThrow({ where: { channelUserId: chat.userId } });
    await bot.app.db.resident.update({ where: { id: resident.id }, data: { consentAt: new Date() } });
    await bot.app.db.registration.create({
      data: { referenceCode: 'KQ7M2P', residentId: resident.id, activityId: 'parent-network', participant: 'self', participantName: 'Amira Hassan', status: 'confirmed' },
    });
    await chat.say('hvornår mødes forældrenetværket?');
    await chat.say('jeg vil tale med en medarbejder');
    const card = onlyCard(teams).card;
    expect(cardText(card)).toMatch(/^Ny henvendelse fra Amira\n/);
    expect(facts(card)).toMatchObject({ Fornavn: 'Amira', Tilmeldinger: 'Forældrenetværk (bekræftet, KQ7M2P)' });
    const transcript = card.body.filter((e: any) => /^Beboer: /.test(e.text ?? '')).map((e: any) => e.text);
    // "hej" came before the consent and was not kept.
    expect(transcript).toEqual(['Beboer: hvornår mødes forældrenetværket?', 'Beboer: jeg vil tale med en medarbejder']);
    expect(cardText(card)).not.toContain('Hassan');

    const other = bot.chat();
    await other.say('hvornår mødes forældrenetværket?');
    await other.say('medarbejder');
    const second = teams.card(teams.cardThreads()[1].conversationId);
    expect(facts(second).Fornavn).toBe('Ikke delt');
    // Without consent only the message that asked for a person reaches staff.
    expect(cardText(second)).not.toContain('forældrenetværket');
    expect(cardText(second)).toContain('Beboer: medarbejder');
  });
});

test('a staff reply to a waiting handoff takes it; a colleague pressing "Take" afterwards is told who has it', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('jeg vil tale med en medarbejder');
    const { thread, card } = onlyCard(teams);
    await teams.reply(bot, thread, 'Hej, det er Lars. Hvad drejer det sig om?', LARS);
    expect(texts(chat.replies())).toBe('Lars fra Helhedsplanen svarer dig nu.\nLars: Hej, det er Lars. Hvad drejer det sig om?');
    expect(facts(teams.card(thread)).Status).toMatch(/^Taget af Lars Nielsen/);

    await teams.submit(bot, thread, action(card, 'take'), METTE);
    expect(teams.threadTexts(thread)).toContain('Lars Nielsen har allerede taget henvendelsen.');
    const invoke = await teams.execute(bot, thread, action(card, 'take'), METTE);
    expect(facts(invoke.value).Status).toMatch(/^Taget af Lars Nielsen/);
    expect(chat.replies()).toEqual([]);
  });
});

test('"afslut" takes the resident back to the bot; staff see it, and a late staff reply is not sent', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('jeg vil tale med en medarbejder');
    const { thread } = onlyCard(teams);
    expect(texts(await chat.say('afslut'))).toBe('OK, samtalen med medarbejderen er slut. Nu svarer Kvarterbot dig igen.');
    expect(teams.threadTexts(thread)).toContain('Beboeren har afsluttet samtalen.');
    expect(facts(teams.card(thread)).Status).toMatch(/^Lukket kl\./);
    expect(teams.card(thread).actions).toEqual([]);

    await teams.reply(bot, thread, 'Er du der stadig?', METTE);
    expect(teams.threadTexts(thread)).toContain('Henvendelsen er lukket. Beskeden er ikke sendt til beboeren.');
    expect(chat.replies()).toEqual([]);
    expect(lastPrompt(await chat.say('hvilke aktiviteter er der?'))).toBe('activity');
  });
});

test('an emergency during a handoff is answered at once, and the handoff becomes urgent', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('jeg vil tale med en medarbejder');
    const { thread } = onlyCard(teams);
    const replies = await chat.say('min far slår mig');
    expect(texts(replies)).toMatch(/112/);
    const notes = teams.threadTexts(thread);
    expect(notes).toContain('Beboer: min far slår mig');
    expect(notes.some((n) => /^🚨 Beskeden kan handle om en nødsituation/.test(n))).toBe(true);
    expect((await bot.app.db.handoff.findFirstOrThrow({ select: { urgent: true } })).urgent).toBe(true);
  });
});

test('Teams from another tenant can neither become the staff channel nor take a handoff', async () => {
  await withBot(async (bot, teams) => {
    await bot.chat().say('jeg vil tale med en medarbejder');
    const { thread, card } = onlyCard(teams);
    const stranger = new TeamsTeam(bot.connector, { tenant: 'someone-else', channel: '19:elsewhere@thread.tacv2', team: '19:elsewhere-team@thread.tacv2' });
    await stranger.install(bot);
    const stored = JSON.parse((await bot.app.db.setting.findUniqueOrThrow({ where: { key: 'teams.staffChannel' } })).value);
    expect(stored.channelId).toBe('19:staff@thread.tacv2');
    await stranger.submit(bot, thread, action(card, 'take'), LARS);
    expect((await bot.app.db.handoff.findFirstOrThrow({ select: { status: true } })).status).toBe('queued');
  });
});

test('a handoff survives a restart: the staff reply after it still reaches the resident', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('I want to talk to a person');
    const { thread } = onlyCard(teams);
    chat.replies();
    await bot.restart();
    await teams.reply(bot, thread, 'Hej! Jeg hedder Mette.', METTE);
    expect(texts(chat.replies())).toContain('Mette: Hej! Jeg hedder Mette.');
    expect(await chat.say('thanks')).toEqual([]);
    expect(teams.threadTexts(thread)).toContain('Beboer: thanks');
  });
});

test('a staff reply the resident\'s channel refuses (500) is never counted as delivered: staff are told, and it reaches the resident once the channel is back', async () => {
  await withBot(async (bot, teams) => {
    const chat = bot.chat();
    await chat.say('I want to talk to a person');
    const { thread, card } = onlyCard(teams);
    await teams.submit(bot, thread, action(card, 'take'), METTE);
    chat.replies();
    // The resident's channel is down: 500 to the send and to the connector client's own quick retries.
    bot.connector.failNext.set(chat.conversationId, 4);
    await teams.reply(bot, thread, 'Mødet er flyttet til torsdag.', METTE);
    expect(bot.connector.failNext.get(chat.conversationId)).toBe(0);
    expect(teams.threadTexts(thread)).toContain('Beskeden kunne ikke sendes til beboeren.');
    // Nothing reached the resident: neither the reply nor an apology for an error.
    expect(chat.replies()).toEqual([]);
    // The channel is back: staff send it again, and it arrives once; staff are not told it failed.
    const before = teams.threadTexts(thread).length;
    await teams.reply(bot, thread, 'Mødet er flyttet til torsdag.', METTE);
    expect(texts(chat.replies())).toBe('Mette: Mødet er flyttet til torsdag.');
    expect(teams.threadTexts(thread).slice(before)).not.toContain('Beskeden kunne ikke sendes til beboeren.');
  });
});

test('with no staff channel nobody is said to be told; the request is posted once the app is installed', async () => {
  await withBot(
    async (bot, teams) => {
      const told = texts(await bot.chat().say('jeg vil tale med en medarbejder'));
      expect(told).toContain('Lige nu kan jeg ikke sende din besked videre til en medarbejder her i chatten.');
      expect(told).not.toMatch(/givet besked|svarer dig her/);
      expect(bot.connector.created()).toHaveLength(0);
      await teams.install(bot);
      expect(await bot.app.renotifyHandoffs()).toBe(1);
      expect(teams.cardThreads()).toHaveLength(1);
      expect(await bot.app.renotifyHandoffs()).toBe(0);
    },
    {},
    false,
  );
});
