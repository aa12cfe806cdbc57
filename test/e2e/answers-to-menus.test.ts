// Answers to the bot's own questions outside the sign-up flows, through /api/messages: after the
// "did you mean" question, a list of activities or an activity's next steps, residents answer the
// way people do: a position ("den sidste", "the first one", "التاني"), a word of a title in
// another language's compound ("det med job"), "more" / "andre ting?" / "كمان", "nej tak det var
// det", or a new question, which is answered as new; the activity in focus carries on.
import { buttons, lastPrompt, texts, type BotUnderTest } from '../support/harness';
import type { TeamsTeam } from '../support/teams';
import { useStaffedBot } from '../support/staffed-bot';

let bot: BotUnderTest;
let teams: TeamsTeam;
useStaffedBot((started) => ({ bot, teams } = started));

const threads = (): number => teams.cardThreads().length;

describe('a position picks from the menu just shown', () => {
  test('"den sidste" after "did you mean …?" is the last option, a person: a handoff because it was picked', async () => {
    const chat = bot.chat();
    const asked = await chat.say('øhh hvad så');
    expect(lastPrompt(asked)).toBe('clarify');
    expect(buttons(asked).at(-1)?.value).toBe('human');
    const before = threads();
    await chat.say('den sidste');
    expect(threads()).toBe(before + 1);
  });

  test('"the first one" after an activity\'s next steps is its first step, the sign-up', async () => {
    const chat = bot.chat();
    const card = await chat.say('when is the parents network');
    expect(lastPrompt(card)).toBe('next');
    expect(buttons(card)[0].value).toBe('signup:parent-network');
    const reply = await chat.say('the first one');
    expect(lastPrompt(reply)).not.toMatch(/^(clarify|next)$/);
    expect(texts(reply)).not.toMatch(/did not (quite )?understand/i);
  });

  test('"التاني" after a list is the second activity listed', async () => {
    const chat = bot.chat();
    const list = await chat.say('عندكم شي للأمهات');
    const second = buttons(list)[1];
    expect(second).toBeDefined();
    const reply = await chat.say('التاني');
    expect(texts(reply)).toContain(second.title);
    expect(lastPrompt(reply)).toBe('next');
  });
});

describe('a word of the titles picks, or names the few it fits', () => {
  test('"det med job" after the offers for a 14-year-old: both youth jobs side by side, not the adults\' job help', async () => {
    const chat = bot.chat();
    const list = await chat.say('hvad kan min datter på 14 lave');
    expect(buttons(list).map((b) => b.value)).toEqual(expect.arrayContaining(['pocket-money-job', 'leisure-job-course']));
    const reply = texts(await chat.say('det med job'));
    expect(reply).toMatch(/Lommepengejob/);
    expect(reply).toMatch(/Fritidsjob/);
    expect(reply).not.toMatch(/18–64/);
  });

  test('a new question after "did you mean …?" is answered as new, not forced into the menu', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('hmm idk'))).toBe('clarify');
    const reply = await chat.say('hvornår har i makerspace for børn');
    expect(lastPrompt(reply)).not.toBe('clarify');
    expect(texts(reply)).toMatch(/Lørdag/i);
  });
});

describe('"more" after an activity: the ones not shown yet, of the same group', () => {
  test.each([
    ['tell me about the youth platform', 'more', /Pocket-money|Leisure-job|club/i, /Youth platform/],
    ['hvornår er forældre netværket', 'andre ting?', /Forældrekursus|Makerspace|Rådgiv/, /Forældrenetværk/],
    ['متى شبكة الأهالي', 'كمان', /دورة للأهالي|Makerspace|استشارة/, /شبكة الأهالي/],
  ])('%s → %s', async (first, more, others, shown) => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say(first))).toBe('next');
    const reply = await chat.say(more);
    expect(lastPrompt(reply)).toBe('activity');
    expect(texts(reply)).toMatch(others);
    expect(texts(reply)).not.toMatch(shown);
  });
});

describe('closing the topic and follow-ups about the activity in focus', () => {
  test.each([
    ['hvad er unge platformen', 'nej tak det var det', /Skriv bare/],
    ['tell me about the youth platform', "no thanks that's all", /Just write/],
    ['متى شبكة الأهالي', 'خلاص مش هلق', /اكتب لي/],
  ])('%s → %s: a short kind line, no "did you mean"', async (first, closing, line) => {
    const chat = bot.chat();
    await chat.say(first);
    const reply = await chat.say(closing);
    expect(lastPrompt(reply)).not.toBe('clarify');
    expect(texts(reply)).toMatch(line);
  });

  test('"ka min storebror også komme" after a card is about bringing someone to it', async () => {
    const chat = bot.chat();
    await chat.say('hvornår har i makerspace for børn');
    const reply = await chat.say('ka min storebror også komme');
    expect(lastPrompt(reply)).not.toBe('clarify');
    expect(texts(reply)).toMatch(/velkommen/i);
  });
});
