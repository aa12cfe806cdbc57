// Questions outside the sign-up flows, through /api/messages: a question that names its activity
// gets what it asked (price, a friend coming) with the card; a short follow-up after a card is about
// that activity; short reactions get a short reply, never a clarifying question; a greeting or an
// "ok" in front of a question does not hide it; an unsure "I want …" that fits a referral is answered.
import { lastPrompt, startBot, texts, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { OFFICE_HOURS: 'mon-sun 00:00-24:00' } });
});
afterAll(async () => bot.close());

describe('a question naming its activity', () => {
  test('"does the youth platform cost money" says the price is not known, and shows the activity', async () => {
    const reply = texts(await bot.chat().say('does the youth platform cost money'));
    expect(reply).toMatch(/does not say/);
    expect(reply).toMatch(/Thursday/);
  });

  test('in Arabic, "اخته" coming along to the parents\' network is answered, not a sign-up', async () => {
    const replies = await bot.chat().say('بتقدر اخته تيجي معها على شبكة الاهالي؟');
    expect(texts(replies)).toMatch(/مرحَّب/);
    expect(lastPrompt(replies)).not.toBe('participant');
  });
});

describe('right after an activity was shown', () => {
  test('"og tiderne?" gives the days and times of the activity in focus', async () => {
    const chat = bot.chat();
    await chat.say('fortæl om lommepengejob');
    expect(texts(await chat.say('og tiderne?'))).toMatch(/torsdag/i);
  });

  test('"what about boys?" after the youth platform is about it, not a chat line', async () => {
    const chat = bot.chat();
    await chat.say('youth platform please');
    const reply = texts(await chat.say('what about boys?'));
    expect(reply).toMatch(/14/);
  });
});

describe('short reactions', () => {
  test.each(['aha okay', 'hmm', '😂', 'اها', 'mm ok tak'])('"%s" gets a short reply, not a clarifying question', async (said) => {
    const replies = await bot.chat().say(said);
    expect(replies.length).toBeGreaterThan(0);
    expect(lastPrompt(replies)).not.toBe('clarify');
  });
});

describe('courtesy in front of a question', () => {
  test('"marhaba, my daughter is 13, can she get a job with you?" is about the job, not a greeting', async () => {
    const reply = texts(await bot.chat().say('marhaba, my daughter is 13, can she get a job with you?'));
    expect(reply).not.toMatch(/welcome back|how can I help/i);
  });
});

describe('an "I want …" that fits a referral', () => {
  test.each([
    ['I want a dentist', /dentist|doctor|health/i],
    ['بدي طبيب اسنان', /طبيب|الصحه|الصحة|دكتور/],
  ])('"%s" points to health care, not the sign-up categories', async (said, expected) => {
    const replies = await bot.chat().say(said);
    expect(texts(replies)).toMatch(expected);
    expect(lastPrompt(replies)).not.toBe('category');
  });
});

describe('a question about a kind of activity with several of them', () => {
  test('"what time are the courses" gives each course\'s days, not "which one?"', async () => {
    const reply = texts(await bot.chat().say('what time are the courses'));
    expect(reply).toMatch(/Tuesday/);
    expect(reply).toMatch(/Saturday/);
  });
});
