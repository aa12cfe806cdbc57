// The knowledge ranked with the catalogue (MiniSearch, issue 13), through /api/messages: a referral
// that explains a message far better than any activity answers it before a sign-up starts, dialect
// Arabic and Arabizi reach the right entry, and an activity named as well as an entry stays the
// catalogue's. Never a handoff nobody asked for.
import { buttons, startBot, texts, type BotUnderTest } from '../support/harness';
import { plain } from '../eval/knowledge/score';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot.close());

const CRISIS = /112|116 ?111|70 ?20 ?12 ?01/;

/** The first message of a new chat; nobody asked for a person, so no handoff may open. */
async function ask(question: string): Promise<Record<string, any>[]> {
  const before = await bot.app.db.handoff.count();
  const replies = await bot.chat().say(question);
  expect(await bot.app.db.handoff.count()).toBe(before);
  return replies;
}

describe('knowledge and catalogue together', () => {
  test.each([
    // Read as a sign-up for "Ready for nursery and school": the school is meant, no sign-up starts.
    ['da', 'min dreng vil skifte skole', /skolegang/],
    // Read as a sign-up for a job: the adults' job guidance is meant.
    ['ar', 'عايز اشتغل ومش لاقي شغل', /إرشاد العمل|العمل والتعليم/],
  ])('[%s] "%s": the referral, not a flow', async (_lang, question, answer) => {
    const replies = await ask(question);
    expect(plain(texts(replies))).toMatch(answer);
    expect(replies.map((r) => r.channelData?.prompt)).not.toContain('session');
    expect(replies.map((r) => r.channelData?.prompt)).not.toContain('participant');
  });

  test.each([
    ['السخان بايظ ومفيش مية سخنة', /التدفئة والماء/],
    ['الشوفاج ما خدامش فالدار', /التدفئة والماء/],
    ['جاري عامل ضجة كل ليلة', /الجيران/],
    ['el jiran 3amlin dawsha kel lele', /الجيران/],
  ])('dialect Arabic and Arabizi: "%s" → the right referral, in Arabic', async (question, answer) => {
    const replies = await ask(question);
    expect(plain(texts(replies))).toMatch(answer);
    expect(replies[0].locale).toBe('ar');
  });

  test('"hej, hvad er lommepengejob?": the catalogue\'s activity, not the unknown pay', async () => {
    const text = plain(texts(await ask('hej, hvad er lommepengejob?')));
    expect(text).toContain('Lommepengejob');
    expect(text).not.toMatch(/ved jeg desværre ikke endnu/);
  });

  test.each([
    // The words of the wish are how the childcare and school entries are asked; alone they are no topic.
    ['da', 'kan jeg skrive mig op'],
    ['ar', 'ممكن تسجيل'],
    ['en', 'i want to enrol'],
    // A wish to sign up for an activity named in other words than its title ("كورس" for "دورة").
    ['ar', 'ابي اسجل بكورس الاهل للروضه'],
  ])('[%s] "%s": a sign-up wish is the sign-up\'s, not a referral', async (_lang, question) => {
    const replies = await ask(question);
    expect(plain(texts(replies))).not.toMatch(/pladsanvisning|skolegang|الحضانة|المدرسة:|childcare|nursery place/i);
    expect(replies.some((r) => r.channelData?.prompt)).toBe(true);
  });

  test('"jeg vil melde min søn til lommepengejob" still starts the sign-up', async () => {
    const replies = await ask('jeg vil melde min søn til lommepengejob');
    expect(plain(texts(replies))).not.toMatch(/skolegang|driften/);
    expect(replies.some((r) => r.channelData?.prompt)).toBe(true);
  });
});

describe('an activity read out of a word the message only shares with its title', () => {
  test.each([
    // "nursery" is in the parent course "Ready for nursery and school"; a nursery place is the municipality's.
    ['how do i get a nursery place', /childcare placement office|A place in nursery/],
    // "neighbours" is in the open workshop "for neighbours"; a barking dog is noise.
    ['the neighbours dog barks all day', /Noise and disagreements with neighbours/],
    // "activitys"/"cost" read as the pocket-money job's price: the price of the activities is asked.
    ['the activitys cost money?', /price of the activities/],
  ])('"%s" → the entry, not the activity', async (question, answer) => {
    const text = plain(texts(await ask(question)));
    expect(text).toMatch(answer);
    expect(text).not.toMatch(/Parent course|Makerspace|Pocket-money jobs/);
  });

  test('an activity in focus keeps its follow-up: "where is it?" after its card is not the house address', async () => {
    const chat = bot.chat();
    await chat.say('tell me about the pocket-money jobs');
    const text = plain(texts(await chat.say('where is it?')));
    expect(text).not.toMatch(/address of the residents' house/);
  });
});

describe('the pay of an activity the resident names, asked in their own words', () => {
  test.each([
    // Egyptian: "the pocket-money job, how much does it pay?"; the activity is named, its pay is asked.
    ['ar', 'الشغل بتاع مصروف الجيب بيدفع كام؟', /أجر عمل مصروف الجيب/, /لا أعرف ذلك بعد/, /اكسب مصروف جيبك/],
    // "how many kroner does it give?" is the pay, not whether the job costs anything.
    ['da', 'hej, lommepengejobbet – hvor mange kroner giver det?', /løn for lommepengejob/, /ved jeg desværre ikke endnu/, /koster noget|Tjen dine egne lommepenge/],
  ])('[%s] "%s": the pay is not known yet, a person offered, not the activity\'s card', async (lang, question, topic, unknown, card) => {
    const replies = await ask(question);
    const text = plain(texts(replies));
    expect(text).toMatch(topic);
    expect(text).toMatch(unknown);
    expect(text).not.toMatch(card);
    expect(text).not.toMatch(CRISIS);
    expect(replies.at(-1)!.locale).toBe(lang);
    expect(buttons(replies).map((b) => b.value)).toContain('human');
  });

  test.each([
    // "pocket money" is the job's own name, not its pay: asked when, the answer is its day.
    ['en', 'hey! when is the pocket money job thing for kids?', /Thursday/, /pay for pocket-money jobs/],
    ['da', 'hvornår er lommepengejobbet?', /Torsdag/, /løn for lommepengejob/],
  ])('[%s] "%s": when is asked, the schedule answers, not the pay', async (lang, question, when, pay) => {
    const replies = await ask(question);
    const text = plain(texts(replies));
    expect(text).toMatch(when);
    expect(text).not.toMatch(pay);
    expect(replies.at(-1)!.locale).toBe(lang);
  });
});

describe('a price or a time asked about something the programme does not have', () => {
  test.each([
    ['da', 'koster en pizza noget hos jer', /pris på aktiviteterne|ved jeg desværre ikke endnu/],
    ['ar', 'قديش سعر البيتزا', /سعر الأنشطة|لا أعرف ذلك بعد/],
    ['da', 'hvordan bliver vejret i weekenden', /åbningstider|ved jeg desværre ikke endnu/],
  ])('[%s] "%s": no practical fact answers it', async (lang, question, fact) => {
    const replies = await ask(question);
    const text = plain(texts(replies));
    expect(text).not.toMatch(fact);
    expect(text).not.toMatch(CRISIS);
    expect(replies.at(-1)!.locale).toBe(lang);
  });

  test.each([
    // A word the knowledge lacks beside a near-exact fit is detail: the address is still asked.
    ['da', 'hvor ligger beboerhuset helt præcist', /beboerhusets adresse/],
    ['ar', 'وين بالزبط عنوان بيت السكان', /عنوان بيت السكان/],
  ])('[%s] "%s": still the fact', async (_lang, question, topic) => {
    expect(plain(texts(await ask(question)))).toMatch(topic);
  });
});

describe('who to contact about a matter the understanding could not place', () => {
  test.each([
    // The words that ask who to contact are left out; what remains is matched like any unplaced message.
    ['da', 'hvem har ansvaret for elevatoren i vores opgang', /driften/],
    ['ar', 'مين المسؤول عن الصراصير بالمطبخ', /الصيانة/],
  ])('[%s] "%s": the referral for the matter, no handoff', async (lang, question, answer) => {
    const replies = await ask(question);
    const text = plain(texts(replies));
    expect(text).toMatch(answer);
    expect(text).not.toMatch(/kontaktperson|شخص للتواصل/);
    expect(text).not.toMatch(CRISIS);
    expect(replies.at(-1)!.locale).toBe(lang);
  });
});
