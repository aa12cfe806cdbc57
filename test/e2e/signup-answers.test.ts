// Form answers read as people write them, over /api/messages: what the opening message said is
// not asked again, names inside sentences land in the right place, yes/no and "me"/"my child" in
// every register and dialect, and an answer that is no name is questioned kindly.
import { startBot, staffRegistrations, texts, lastPrompt, buttons, type BotUnderTest, type Chat } from '../support/harness';

/** STAFF_API_TOKEN must be at least 32 characters. */
const STAFF_TOKEN = 'staff-secret-for-the-answers-test-0123456789';
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { STAFF_API_TOKEN: STAFF_TOKEN } });
});
afterAll(async () => bot.close());

const unisolate = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
const pocketMoneyJobRegistrations = () => staffRegistrations(bot, STAFF_TOKEN, 'pocket-money-job');

/** A parents' network sign-up up to the consent question. */
async function atConsent(): Promise<Chat> {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('tilmeld mig forældrenetværk'))).toBe('consent');
  return chat;
}

test('"ابني عمره ١٣ سنة بدو شغل" says who and how old: neither is asked, and the registration ends right', async () => {
  const chat = bot.chat();
  const year = new Date().getFullYear();
  const first = await chat.say('ابني عمره ١٣ سنة بدو شغل');
  expect(first[0].locale).toBe('ar');
  // Straight to the day: no "who is it for?", no birth year.
  expect(lastPrompt(first)).toBe('session');
  const consent = await chat.tap(buttons(first)[0].value);
  expect(lastPrompt(consent)).toBe('consent');
  const name = await chat.say('نعم موافقة');
  expect(lastPrompt(name)).toBe('name');
  expect(texts(name)).not.toMatch(/خصوصي/);
  expect(lastPrompt(await chat.say('اسمه يوسف الأحمد'))).toBe('guardianName');
  expect(lastPrompt(await chat.say('اسمي أحمد الأحمد'))).toBe('guardianPhone');
  const summary = await chat.say('٥٠ ٦١ ٧٢ ٨٣');
  expect(lastPrompt(summary)).toBe('confirm');
  expect(unisolate(texts(summary))).toMatch(/يوسف الأحمد/);
  await chat.say('أكيد');
  const row = (await pocketMoneyJobRegistrations()).find((r) => r.participantName === 'يوسف الأحمد');
  expect(row).toMatchObject({
    activityId: 'pocket-money-job', participant: 'child', participantBirthYear: year - 13, status: 'confirmed',
    guardianName: 'أحمد الأحمد', guardianPhone: '+4550617283',
  });
  // Over the whole conversation, who it is for was never asked.
  expect(bot.connector.messages(chat.conversationId).some((m: any) => m.channelData?.prompt === 'participant')).toBe(false);
});

describe('names inside sentences', () => {
  test('"hun hedder Aisha Ali" is the child\'s name, even when the parent\'s own name was asked', async () => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('min datter vil gerne have et lommepengejob'))).toBe('birthYear');
    const session = await chat.say(String(new Date().getFullYear() - 13));
    await chat.tap(buttons(session)[0].value);
    expect(lastPrompt(await chat.say('ja ja'))).toBe('name');
    expect(lastPrompt(await chat.say('Aisha Ali'))).toBe('guardianName');
    // The parent answers the question about their own name with the child's name: kept as the child's.
    const again = await chat.say('hun hedder Aisha Ali');
    expect(lastPrompt(again)).toBe('guardianName');
    expect(lastPrompt(await chat.say('jeg hedder Mona Ali'))).toBe('guardianPhone');
    const summary = await chat.say('22 33 44 55');
    expect(texts(summary)).toMatch(/Barn: Aisha Ali/);
    expect(texts(summary)).toMatch(/Forælder: Mona Ali/);
  });

  test.each([
    ['my name is Sara Jensen', 'Sara Jensen'],
    ['jeg hedder Mette Hansen', 'Mette Hansen'],
    ['اسمي فاطمة علي', 'فاطمة علي'],
    ['ismi Rania Haddad', 'Rania Haddad'],
  ])('"%s" → %s', async (answer, name) => {
    const chat = await atConsent();
    await chat.tap('yes');
    expect(lastPrompt(await chat.say(answer))).toBe('phone');
    expect(unisolate(texts(await chat.say('12 34 56 78')))).toContain(name);
  });
});

describe('yes and no as people write them', () => {
  test.each(['ja ja', 'ja det er ok', 'jep', 'klart', 'ماشي', 'اه', 'أكيد', 'تمام', 'نعم موافقة', 'yeah sure', 'ok 👍'])('"%s" is yes', async (answer) => {
    const chat = await atConsent();
    const next = await chat.say(answer);
    expect(lastPrompt(next)).toBe('name');
    expect(next).toHaveLength(1);
  });

  test.each(['la2', 'لا شكرا', 'nah', 'nej tak'])('"%s" is no: nothing is stored', async (answer) => {
    const chat = await atConsent();
    const next = await chat.say(answer);
    expect(lastPrompt(next)).not.toBe('consent');
    expect(lastPrompt(next)).not.toBe('name');
    const resident = await bot.app.db.resident.findFirstOrThrow({ where: { channelUserId: chat.userId } });
    expect(resident.consentAt).toBeNull();
  });
});

describe('"me" and "my child" in every language', () => {
  test.each([
    ['mig', 'self'], ['mig selv', 'self'], ['ana', 'self'], ['myself', 'self'], ['انا', 'self'],
    ['min søn', 'child'], ['ibni', 'child'], ['بنتي', 'child'], ['my daughter', 'child'], ['det er til min datter', 'child'],
  ])('"%s" → %s', async (answer, who) => {
    const chat = bot.chat();
    expect(lastPrompt(await chat.say('jeg vil gerne tilmelde til lommepengejob'))).toBe('participant');
    const next = await chat.say(answer);
    expect(lastPrompt(next)).toBe('birthYear');
    // The question names whose birth year: the child's, or the writer's own.
    if (who === 'child') expect(texts(next)).toMatch(/barn|child|طفل|ابن/);
    else expect(texts(next)).not.toMatch(/barn|child|طفل|ابن/);
  });
});

describe('answers that are no name', () => {
  test('"ja" and "ok" as a full name are questioned kindly; a single first name is asked for its surname once', async () => {
    const chat = await atConsent();
    await chat.tap('yes');
    const ja = await chat.say('ja');
    expect(lastPrompt(ja)).toBe('name');
    expect(texts(ja)).toMatch(/"ja" ligner ikke et navn/);
    expect(lastPrompt(await chat.say('ok'))).toBe('name');
    const surname = await chat.say('Aisha');
    expect(lastPrompt(surname)).toBe('name');
    expect(texts(surname)).toMatch(/efternavn/);
    expect(lastPrompt(await chat.say('Ali'))).toBe('phone');
    expect(texts(await chat.say('12 34 56 78'))).toMatch(/Navn: Aisha Ali/);
  });

  test('the same single name again, or "only one name", is accepted', async () => {
    const chat = await atConsent();
    await chat.tap('yes');
    await chat.say('Aisha');
    expect(lastPrompt(await chat.say('Aisha'))).toBe('phone');
    expect(texts(await chat.say('12 34 56 78'))).toMatch(/Navn: Aisha\n/);
    const other = await atConsent();
    await other.tap('yes');
    const ask = await other.say('Mahmoud');
    expect(buttons(ask).map((b) => b.value)).toEqual(['single']);
    expect(lastPrompt(await other.tap('single'))).toBe('phone');
  });

  test('the same one-word answer twice is taken as meant (some names are everyday words)', async () => {
    const chat = await atConsent();
    await chat.tap('yes');
    expect(texts(await chat.say('Jo'))).toMatch(/ligner ikke et navn/);
    // Accepted as written; then, as for any single name, the surname is asked once.
    expect(texts(await chat.say('Jo'))).toMatch(/Tak, Jo\. Hvad er dit efternavn/);
    expect(lastPrompt(await chat.tap('single'))).toBe('phone');
  });
});

describe('a question in the middle of a form is answered, and the form goes on where it was', () => {
  test('"hvor ligger det" at the name question is no name; "kan min mand også komme?" is about this activity, not the whole list', async () => {
    const chat = await atConsent();
    const husband = await chat.say('kan min mand også komme?');
    expect(lastPrompt(husband)).toBe('consent');
    expect(texts(husband)).not.toMatch(/Der er \d+ tilbud/);
    expect(lastPrompt(await chat.say('ja'))).toBe('name');
    const where = await chat.say('hvor ligger det');
    expect(lastPrompt(where)).toBe('name');
    expect(lastPrompt(await chat.say('Amal Said'))).toBe('phone');
    const summary = await chat.say('22 44 66 88');
    expect(texts(summary)).toMatch(/Navn: Amal Said/);
  });

  test('"متى بتبلش؟" at the day question is answered about the workshop and the days are asked again; "hvad tjener man" is no Monday', async () => {
    const ar = bot.chat();
    expect(lastPrompt(await ar.say('بدي سجل بورشة المكرسبيس مع ابني'))).toBe('session');
    const when = await ar.say('متى بتبلش؟');
    expect(lastPrompt(when)).toBe('session');
    expect(texts(when)).not.toMatch(/يوجد \d+ نشاط/);
    const da = bot.chat();
    expect(lastPrompt(await da.say('min søn på 13 vil gerne have lommepengejob'))).toBe('session');
    const pay = await da.say('hvad tjener man');
    expect(texts(pay)).not.toMatch(/mandag/);
    expect(lastPrompt(await da.say('den første'))).toBe('consent');
  });

  test('"yalla", "ja ja", "تمام" are yes', async () => {
    for (const yes of ['yalla', 'ja ja', 'تمام']) {
      const chat = await atConsent();
      expect(lastPrompt(await chat.say(yes))).toBe('name');
    }
  });
});

test('"ja" to "Would you like a staff member to answer you?" takes the offer: a person is asked for', async () => {
  const chat = bot.chat();
  const unknown = await chat.say('hvad er adressen på beboerhuset');
  expect(buttons(unknown)[0]?.value).toBe('human');
  const yes = await chat.say('ja tak');
  expect(texts(yes)).not.toMatch(/Godt\. Er der andet/);
  // The same answer as asking for a person outright.
  const other = bot.chat();
  await other.say('hej');
  const asked = await other.say('jeg vil gerne tale med en medarbejder');
  expect(texts(yes)).toBe(texts(asked));
});

test.each([
  ['min lillebror', 'child'],
  ['اختي الصغيرة', 'child'],
  ['my little sister', 'child'],
])('"%s" at "who is it for?" is %s', async (answer) => {
  const chat = bot.chat();
  expect(lastPrompt(await chat.say('jeg vil gerne tilmelde til lommepengejob'))).toBe('participant');
  expect(lastPrompt(await chat.say(answer))).toBe('birthYear');
});
