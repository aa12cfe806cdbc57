// The bot always answers: while a handoff waits it keeps answering (and says so once), it steps
// back only while a staff member is answering, an emergency is answered even then; a message not
// understood gets a clarifying question; acknowledgements get a short line; numbers and titles pick
// from any menu; a greeting does not swallow the question; follow-ups are about the activity in
// focus; and with no staff channel nobody is said to be told.
import { buttons, lastPrompt, startBot, texts, type BotUnderTest } from '../support/harness';
import { LARS, TeamsTeam } from '../support/teams';
import { ALWAYS_OPEN, useStaffedBot } from '../support/staffed-bot';

describe('a handoff never silences the bot', () => {
  let bot: BotUnderTest;
  let teams: TeamsTeam;
  useStaffedBot((started) => ({ bot, teams } = started));

  test('while a handoff waits the bot keeps answering, says once that a person reads along, and relays every message', async () => {
    const chat = bot.chat();
    const opened = texts(await chat.say('jeg vil tale med en medarbejder'));
    expect(opened).toContain('Indtil da svarer jeg gerne på dine spørgsmål her. Medarbejderen kan også læse det, du skriver.');
    const thread = teams.cardThreads().at(-1)!.conversationId;

    const answer = await chat.say('hvilke aktiviteter er der?');
    expect(lastPrompt(answer)).toBe('activity');
    expect(texts(answer)).not.toContain('Medarbejderen kan også læse');
    expect(teams.threadTexts(thread)).toContain('Beboer: hvilke aktiviteter er der?');
    // Not understood while waiting: a clarifying question, not silence.
    expect(lastPrompt(await chat.say('blå elefanter danser tango'))).toBe('clarify');
    // Asking again: told a person already knows.
    expect(texts(await chat.say('medarbejder'))).toContain('En medarbejder har allerede fået besked');
    expect(teams.cardThreads().filter((t) => t.conversationId === thread)).toHaveLength(1);
  });

  test('while a staff member is answering the bot steps back, but an emergency still gets the numbers', async () => {
    const chat = bot.chat();
    await chat.say('I want to talk to a person');
    const thread = teams.cardThreads().at(-1)!.conversationId;
    await teams.reply(bot, thread, 'Hej, det er Lars.', LARS);
    expect(texts(chat.replies())).toContain('Lars: Hej, det er Lars.');

    expect(await chat.say('what activities are there?')).toEqual([]);
    expect(teams.threadTexts(thread)).toContain('Beboer: what activities are there?');
    const danger = texts(await chat.say('my dad hits me'));
    expect(danger).toMatch(/112/);
    expect((await bot.app.db.handoff.findFirstOrThrow({ where: { staffConversationId: thread }, select: { urgent: true } })).urgent).toBe(true);
  });
});

describe('no staff channel', () => {
  test('nobody is said to be told: the programme contact is given, 112 only for danger; /healthz is degraded', async () => {
    const bot = await startBot({ env: { ...ALWAYS_OPEN, PROGRAMME_CONTACT: 'tlf. 12 34 56 78' } });
    try {
      const health = await fetch(`${bot.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'degraded', staffChannel: 'missing' });

      // The welcome promises the way to reach staff, not that they are told.
      const welcome = texts(await bot.chat().say('hej'));
      expect(welcome).toContain('Så fortæller jeg, hvordan du kan kontakte os.');
      expect(welcome).not.toMatch(/giver jeg besked/);

      const asked = texts(await bot.chat().say('jeg vil tale med en medarbejder'));
      expect(asked).toContain('Du kan kontakte Helhedsplanen her: tlf. 12 34 56 78.');
      expect(asked).not.toMatch(/givet besked|svarer dig her/);

      const emergency = texts(await bot.chat().say('min far slår mig'));
      expect(emergency).toMatch(/116 111/);
      expect(emergency).toContain('Er du i fare lige nu, så ring 112.');
      expect(emergency).not.toMatch(/givet besked til en medarbejder/);

      await new TeamsTeam(bot.connector).install(bot);
      expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(texts(await bot.chat().say('hej'))).toContain('Vil du hellere tale med en person? Skriv "medarbejder". Så giver jeg besked til en medarbejder.');
    } finally {
      await bot.close();
    }
  });

  test('without PROGRAMME_CONTACT it says plainly that nobody can be reached through the chat', async () => {
    const bot = await startBot({ env: ALWAYS_OPEN });
    try {
      const told = texts(await bot.chat().say('I want to talk to a person'));
      expect(told).toContain('Right now I cannot pass your message on to a staff member here in the chat.');
      expect(told).toContain('If it is an emergency, call 112.');
      expect(told).not.toMatch(/I have told|will answer you/);
    } finally {
      await bot.close();
    }
  });
});

describe('every message is answered', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => bot.close());

  test('not understood: the likeliest meanings and "talk to a person"; numbered where there are no buttons, and a number picks', async () => {
    const chat = bot.chat({ channelId: 'sms' });
    await chat.say('hej');
    const asked = await chat.say('blå elefanter danser tango');
    expect(lastPrompt(asked)).toBe('clarify');
    const lines = asked[0].text.split('\n');
    expect(lines.filter((l: string) => /^\d\. /.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(asked[0].text).toMatch(/\d\. Tal med en person/);
    const first = lines.find((l: string) => /^1\. /.test(l))!;
    expect(texts(await chat.say('1'))).not.toEqual(texts(asked));
    expect(first).toBeTruthy();
  });

  test('thanks, ok and 👍 get a short reply; a bare year is not thanks', async () => {
    const chat = bot.chat();
    await chat.say('hej');
    expect(texts(await chat.say('tak'))).toBe('Selv tak! Skriv bare, hvis du har brug for mere.');
    expect(texts(await chat.say('ok'))).toBe('Godt. Er der andet, jeg kan hjælpe med?');
    expect(texts(await chat.say('👍🏽'))).toBe('Godt. Er der andet, jeg kan hjælpe med?');
    const year = await chat.say('2012');
    expect(texts(year)).not.toMatch(/Selv tak/);
    expect(texts(year)).toContain('tallet 2012');
    expect(lastPrompt(year)).toBe('clarify');
    const ar = bot.chat();
    await ar.say('مرحبا');
    expect(texts(await ar.say('شكرا'))).toBe('العفو! اكتب لي إذا احتجت إلى أي شيء آخر.');
  });

  test('a typed number or title picks from whatever menu was just shown', async () => {
    const chat = bot.chat();
    await chat.say('hej');
    // The welcome's menu: 1 = see activities.
    const list = await chat.say('1');
    expect(lastPrompt(list)).toBe('activity');
    const third = buttons(list)[2];
    const info = texts(await chat.say('3'));
    expect(info).toContain(third.title);
    // A title typed as it is shown.
    expect(lastPrompt(await chat.say('Tilmelding'))).not.toBe('clarify');
  });

  test('a greeting with a question gets the answer, with a short welcome on first contact', async () => {
    const chat = bot.chat();
    const text = texts(await chat.say('hej hvornår er forældrenetværket'));
    expect(text).toMatch(/^Hej og velkommen! Jeg er Kvarterbot fra Helhedsplanen\./);
    expect(text).toContain('Forældrenetværk');
    expect(text).toMatch(/Onsdage/);
    expect(text).not.toContain('Jeg gemmer kun oplysninger');
    // Not first contact: just the answer.
    const again = texts(await chat.say('hej, hvad er lommepengejob?'));
    expect(again).not.toMatch(/velkommen/);
    expect(again).toContain('Lommepengejob');
  });

  test('follow-ups are about the activity in focus: when and where, price, a friend, sign-up', async () => {
    const chat = bot.chat();
    await chat.say('hej');
    expect(texts(await chat.say('fortæl om lommepengejob'))).toContain('Lommepengejob');
    expect(texts(await chat.say('hvornår og hvor?'))).toMatch(/Lommepengejob[\s\S]*Torsdage/);
    expect(texts(await chat.say('er det gratis?'))).toMatch(/^Om Lommepengejob \(13–14 år\) koster noget, står der ikke i mine oplysninger/);
    expect(texts(await chat.say('kan min ven komme med?'))).toMatch(/^Din ven eller dit familiemedlem er velkommen/);
    const signup = await chat.say('tilmeld');
    expect(lastPrompt(signup)).not.toBe('category');
    expect(lastPrompt(signup)).not.toBe('clarify');

    const ar = bot.chat();
    await ar.say('مرحبا');
    expect(texts(await ar.say('متى تجتمع شبكة الأهالي'))).toContain('شبكة الأهالي');
    expect(texts(await ar.say('و وين؟'))).toContain('شبكة الأهالي');
  });
});

describe('a few activities offered together are in focus as a group', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => bot.close());

  test('"when and where" after a recommendation answers for each activity offered, not with the whole catalogue', async () => {
    const chat = bot.chat();
    await chat.join();
    const offered = await chat.say('anything for my 10 year old?');
    const titles = buttons(offered).filter((b) => !['human', 'list_activities'].includes(b.value)).map((b) => b.title);
    expect(titles.length).toBeGreaterThan(1);
    expect(titles.length).toBeLessThanOrEqual(5);
    const answer = texts(await chat.say('when and where'));
    expect(answer).toMatch(/^Here is what you asked about, for each activity:/);
    for (const title of titles) expect(answer).toContain(title);
    expect(answer).not.toMatch(/There are \d+ activities/);
    expect(texts(await chat.say('can his friend come too?'))).toContain('Each person signs up themselves.');
  });
});

test('a message in Arabic letters is answered in Arabic even when it is not understood (web chat opened in Danish)', async () => {
  const bot = await startBot();
  try {
    const chat = bot.chat({ locale: 'da-DK' });
    await chat.join();
    const replies = await chat.say('احكيلي عن الغيوم الملونة');
    expect(replies[0].locale).toBe('ar');
    expect(lastPrompt(replies)).toBe('clarify');
  } finally {
    await bot.close();
  }
});
