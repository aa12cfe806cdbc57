// Offers by who is asking, over /api/messages: age, audience and wish decide what is offered,
// in Danish, Arabic and English; an adult looking for work is never offered the youth jobs.
import { startBot, texts, lastPrompt, buttons, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

const offered = async (text: string) => {
  const replies = await bot.chat().say(text);
  return { text: texts(replies), ids: buttons(replies).map((b) => b.value), prompt: lastPrompt(replies) };
};

const YOUTH_JOBS = ['pocket-money-job', 'leisure-job-course'];

describe('by age and audience, in three languages', () => {
  test('English: "for youth", "for parents" and "for my 10-year-old" get different lists that fit', async () => {
    const youth = await offered('what do you have for youth?');
    const parents = await offered('do you have something for parents?');
    const child = await offered('anything for my 10-year-old?');
    expect(youth.ids).toEqual(expect.arrayContaining(['pocket-money-job', 'youth-platform']));
    expect(youth.ids).not.toContain('parent-network');
    expect(parents.ids).toEqual(expect.arrayContaining(['parent-network', 'parent-course-ready-for-school']));
    expect(parents.ids).not.toContain('pocket-money-job');
    expect(child.text).toMatch(/aged 10/);
    expect(child.ids).toContain('youth-clubs-and-associations');
    for (const tooOld of [...YOUTH_JOBS, 'youth-platform', 'parent-network']) expect(child.ids).not.toContain(tooOld);
    expect(new Set([youth.ids.join(), parents.ids.join(), child.ids.join()]).size).toBe(3);
    // A person is always one tap away.
    expect(child.ids).toContain('human');
  });

  test('Danish: "hvad har I for unge" and "noget til min søn på 10" differ', async () => {
    const youth = await offered('hvad har I for unge?');
    const child = await offered('hvad kan min søn på 10 år lave?');
    expect(youth.text).toMatch(/Til unge/);
    expect(youth.ids).toEqual(expect.arrayContaining(YOUTH_JOBS));
    expect(child.text).toMatch(/Til en på 10 år/);
    for (const id of YOUTH_JOBS) expect(child.ids).not.toContain(id);
  });

  test('Arabic and Arabizi: a child of 12 is offered what fits 12, in Arabic', async () => {
    for (const text of ['شو في لابني عمره ١٢ سنة؟', 'ibni 3omro 12 shu fi ele?']) {
      const replies = await bot.chat().say(text);
      expect(replies[0].locale).toBe('ar');
      // The offer's own choices (an Arabizi writer is also offered Danish or English after it).
      const offer = replies.filter((r) => r.channelData?.prompt === 'activity');
      const ids = buttons(offer).map((b) => b.value);
      // Numbers and titles are isolated for right-to-left text (U+2068…U+2069).
      expect(texts(replies).replace(/[\u2068\u2069]/g, '')).toMatch(/عمر 12/);
      expect(ids).toContain('youth-clubs-and-associations');
      for (const id of [...YOUTH_JOBS, 'youth-platform']) expect(ids).not.toContain(id);
    }
  });

  test('a course for parents of small children is the parents\' course, not Makerspace', async () => {
    const da = await offered('har I et kursus for forældre med små børn?');
    expect(da.text).toMatch(/Klar til børnehave og skole/);
    expect(da.text).not.toMatch(/Makerspace/);
    const en = await offered('is there a course for parents with young children?');
    expect(en.text).toMatch(/Ready for nursery and school/);
  });
});

describe('an adult looking for work', () => {
  test.each([
    ['I am 45 and need a job', /Help with jobs and education/],
    ['jeg søger arbejde', /Hjælp til job og uddannelse/],
    ['عمري 45 سنة وبدور على شغل', /مساعدة في العمل والتعليم/],
  ])('%s → job and education guidance, no youth jobs', async (text, guidance) => {
    const replies = await bot.chat().say(text);
    expect(texts(replies)).toMatch(guidance);
    expect(texts(replies)).not.toMatch(/Lommepengejob|Pocket-money|مصروف الجيب|13–14/);
    expect(lastPrompt(replies)).not.toBe('participant');
  });

  test('a 10-year-old who wants a job hears it is from 13, and what fits now', async () => {
    const replies = await bot.chat().say('my son is 10 and wants a job');
    expect(texts(replies)).toMatch(/nothing that fits exactly/);
    expect(texts(replies)).toMatch(/Pocket-money jobs \(age 13–14\)/);
    expect(buttons(replies).map((b) => b.value)).toContain('human');
  });
});

describe('misspelt and compound names', () => {
  test.each(['vil gerne med i foreldre netværket', 'jeg vil gerne være med i forældre netværk', 'بدي اشترك بشبكة الاهل', 'I want to join the parent netwrok'])(
    '%s → the parents\' network sign-up',
    async (text) => {
      const replies = await bot.chat().say(text);
      expect(texts(replies)).not.toMatch(/Makerspace/);
      expect(lastPrompt(replies)).toBe('consent');
    },
  );
});

test('"and for my daughter, she is 14?" right after offers for a son gets offers for her, not "what do you want to sign up for?"', async () => {
  const chat = bot.chat();
  expect(texts(await chat.say('anything for my 10 year old son?'))).toMatch(/aged 10/);
  const daughter = await chat.say('and for my daughter she is 14?');
  expect(lastPrompt(daughter)).not.toBe('category');
  expect(texts(daughter)).toMatch(/aged 14/);
  expect(buttons(daughter).map((b) => b.value)).toEqual(expect.arrayContaining(['pocket-money-job', 'youth-platform']));
  // Without offers just before, the same words are a question too (issue 12: a sign-up begins on a
  // wish, not a question): offers for her age, not the sign-up form.
  const cold = await bot.chat().say('and for my daughter she is 14?');
  expect(texts(cold)).toMatch(/aged 14/);
  expect(lastPrompt(cold)).not.toBe('category');
});
