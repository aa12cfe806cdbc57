// A question beats what is in focus, and a sign-up begins only on a wish to sign up: after an
// activity's card, "how much?" and "your phone number?" are answered (honestly, when nobody has
// given the bot the fact), not the card again; "can my daughter do …?" is answered, not begun; a
// wish with who and age in it ("my son is 13, wants a job") starts the sign-up and asks the parent
// about the child; the welcome shown on join in Danish is given again in the language the resident
// writes; an adult asking for work is offered the adults' guidance, not youth jobs.
import { buttons, lastPrompt, startBot, texts, type BotUnderTest } from '../support/harness';

const ALWAYS_OPEN = { OFFICE_HOURS: 'mon-sun 00:00-24:00' };

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: ALWAYS_OPEN });
});
afterAll(async () => bot.close());

describe('a question about the activity in focus is answered, not the card again', () => {
  test('Arabic: the price, then the phone number, after the parents network card', async () => {
    const chat = bot.chat();
    const card = texts(await chat.say('شو هي شبكة الأهالي'));
    expect(card).toContain('تعرّف على أهالٍ آخرين');

    const price = await chat.say('وكم بتكلف؟');
    const priceText = texts(price);
    expect(priceText).toContain('لا تذكر معلوماتي إن كان');
    expect(priceText).toContain('هل تريد أن يجيبك أحد الموظفين؟');
    // The question is answered, not the description again.
    expect(priceText).not.toContain('تعرّف على أهالٍ آخرين');
    expect(buttons(price)[0].value).toBe('human');

    const phone = texts(await chat.say('شو رقم تلفونكم؟'));
    expect(phone).toContain('للأسف لا أعرف ذلك بعد');
    expect(phone).not.toContain('تعرّف على أهالٍ آخرين');
  });

  test('Danish and English: the same kinds of follow-up, in other words', async () => {
    const da = bot.chat();
    await da.say('hvornår er makerspace for børn og forældre');
    const where = texts(await da.say('og hvor er det henne'));
    expect(where).toContain('Makerspace-pavillonen');
    expect(where).not.toContain('Byg og skab ting');
    expect(texts(await da.say('hvad er jeres telefonnummer'))).toContain('Det ved jeg desværre ikke endnu');

    const en = bot.chat();
    await en.say('tell me about the parents network');
    const cost = texts(await en.say('how much it cost'));
    expect(cost).toContain('does not say whether');
    expect(cost).not.toContain('Meet other parents');
  });
});

describe('a sign-up begins on a wish, not on a question', () => {
  test('"kan min søn på 13 få …?", "هل ممكن ابني …؟" are answered with the activity and its sign-up button', async () => {
    const da = await bot.chat().say('kan min søn på 13 få lommepengejob?');
    expect(lastPrompt(da)).toBe('next');
    expect(texts(da)).toContain('Lommepengejob (13–14 år)');
    expect(buttons(da).map((b) => b.value)).toContain('signup:pocket-money-job');

    const ar = await bot.chat().say('هل ممكن ابني عمره ١٣ يشتغل بشغل المصروف؟');
    expect(lastPrompt(ar)).toBe('next');
    expect(buttons(ar).map((b) => b.value)).toContain('signup:pocket-money-job');
    // Asked with a sign-up verb, it is a wish: the form begins.
    expect(['participant', 'birthYear', 'session']).toContain(lastPrompt(await bot.chat().say('can I sign up my son for the pocket money job?')));
  });

  test('"pocket money" names the job, it does not ask a price', async () => {
    const r = texts(await bot.chat().say('is the pocket money job ok for my son, he is 13?'));
    expect(r).not.toContain('does not say whether');
  });

  test('"i am 13 can i get a job?" gets the job that fits, not "which day?"', async () => {
    const chat = bot.chat();
    const r = await chat.say('hi im 13 can i get a job?');
    expect(lastPrompt(r)).not.toBe('session');
    expect(texts(r)).toContain('Pocket-money jobs');
  });

  test('a wish with who and age starts the sign-up and asks the parent about the child, naming the activity', async () => {
    const ar = bot.chat();
    const r = await ar.say('ابني عمره ١٣ سنة بدو شغل');
    expect(lastPrompt(r)).toBe('session');
    expect(texts(r)).toContain('في أي يوم تريد أن يأتي ابنك أو ابنتك إلى');
    expect(texts(r)).toContain('عمل مصروف الجيب');

    const da = bot.chat();
    const d = await da.say('min datter er 13 og vil gerne have lommepengejob');
    expect(lastPrompt(d)).toBe('session');
    expect(texts(d)).toContain('Hvilken dag skal dit barn komme til');
  });

  test('an adult asking for work is offered the job and education guidance', async () => {
    const offered = texts(await bot.chat().say('i am 45 and i need work, can you help'));
    expect(offered).toContain('Help with jobs and education');
    expect(offered).not.toContain('Pocket-money jobs');
  });
});

describe('the welcome in the language the resident writes', () => {
  test('a Danish welcome on join is given again in Arabic when the first message is Arabic', async () => {
    const chat = bot.chat();
    expect(texts(await chat.join())).toContain('Hej og velkommen');
    const first = await chat.say('مرحبا بدي اعرف شو في انشطة');
    expect(texts(first)).toContain('أهلًا وسهلًا! أنا Kvarterbot');
    expect(lastPrompt(first)).toBe('activity');
    // Once only.
    expect(texts(await chat.say('شو في للشباب'))).not.toContain('أهلًا وسهلًا');
  });

  test('a greeting alone after a Danish welcome gets the whole welcome in English; Danish writers are not welcomed twice', async () => {
    const en = bot.chat();
    await en.join();
    const hello = await en.say('hello there');
    expect(texts(hello)).toContain('Hi and welcome!');
    expect(lastPrompt(hello)).toBe('menu');

    const da = bot.chat();
    await da.join();
    expect(texts(await da.say('hvornår er forældrenetværket'))).not.toContain('velkommen');
  });
});

describe('an offer of a person is taken only by a yes', () => {
  test('"okay tak" after "want a staff member to answer?" is thanks; "ja tak" takes the offer', async () => {
    const chat = bot.chat();
    await chat.say('hvornår er forældrenetværket');
    const offer = await chat.say('hvad koster det');
    expect(buttons(offer)[0].value).toBe('human');
    const thanks = await chat.say('okay tak');
    expect(texts(thanks)).not.toMatch(/besked til en medarbejder|medarbejder har fået besked/);
    expect(lastPrompt(thanks)).not.toBe('handoff');

    const other = bot.chat();
    await other.say('hvornår er forældrenetværket');
    await other.say('hvad koster det');
    expect(await bot.app.db.handoff.count()).toBe(0);
    await other.say('ja tak');
    expect(await bot.app.db.handoff.count()).toBe(1);
  });
});

describe('a question in the middle of a sign-up', () => {
  test('"hvor er det?" is answered briefly about the activity being signed up for, then the form goes on', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('jeg vil melde min søn til lommepengejob'))).toBe('birthYear');
    const where = await chat.say('hvor er det henne');
    expect(texts(where)).toContain('📍 Stedet: Charlottekvarterets beboerhus');
    expect(texts(where)).not.toContain('Tjen dine egne lommepenge');
    expect(lastPrompt(where)).toBe('birthYear');
  });
});

describe('who is asking answers an unsure message', () => {
  test('"talking with other parents" is the parents network, not a staff member', async () => {
    const before = await bot.app.db.handoff.count();
    const r = await bot.chat().say('jeg er alene mor og har brug for at snakke med andre');
    expect(texts(r)).toContain('Forældrenetværk');
    expect(await bot.app.db.handoff.count()).toBe(before);
  });

  test('a wish naming no kind of sign-up gets what fits, not "what would you like to sign up for?"', async () => {
    const r = await bot.chat().say("I'm a single dad and want to meet other parents");
    expect(lastPrompt(r)).not.toBe('category');
    expect(texts(r)).toContain("Parents' network");
  });

  test('"my son is 15 and he is bored" gets offers for a 15-year-old, not "did you mean …?"', async () => {
    const r = await bot.chat().say('my son is 15 and he is bored all the time');
    expect(lastPrompt(r)).not.toBe('clarify');
    expect(texts(r)).toMatch(/aged 15/);
  });
});
