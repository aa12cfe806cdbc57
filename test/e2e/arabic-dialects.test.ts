// Residents write dialect, not the Arabic of the training data: Egyptian "بتاع" and "كام", Iraqi
// "مال/مالت" and "شكد", Maghrebi "ديال" and "ف" glued to "ال", Gulf "حقت", negation "ما…ش". The
// right activity is still answered or signed up for, and a question about it gets its fact.
import { lastPrompt, staffRegistrations, startBot, texts, type BotUnderTest } from '../support/harness';

const STAFF_TOKEN = 'staff-secret-for-the-dialect-test-0123456789';
let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot({ env: { OFFICE_HOURS: 'mon-sun 00:00-24:00', STAFF_API_TOKEN: STAFF_TOKEN } });
});
afterAll(async () => bot.close());

const POCKET_MONEY_CARD = 'اكسب مصروف جيبك بنفسك';
const PARENTS_NETWORK_CARD = 'تعرّف على أهالٍ آخرين';
const COURSE_CARD = 'مستعدّون للروضة والمدرسة';
const PAY_FACT = 'أجر عمل مصروف الجيب';

test('an Egyptian mother asks what the pocket-money job pays for her son, then signs him up', async () => {
  const chat = bot.chat();
  const pay = texts(await chat.say('الشغل بتاع مصروف الجيب يدفع كام في الساعة'));
  expect(pay).toContain(PAY_FACT);
  expect(pay).not.toContain(POCKET_MONEY_CARD);
  expect(lastPrompt(await bot.chat().say('ابني عايز يشتغل في الشغل بتاع المصروف'))).toBe('birthYear');
});

test('an Iraqi father asks about the parents\' network, then joins it', async () => {
  const chat = bot.chat();
  expect(texts(await chat.say('شنو هي شبكة الاهل مالتكم'))).toContain(PARENTS_NETWORK_CARD);
  const join = bot.chat();
  expect(lastPrompt(await join.say('اني ابو محمد اريد انضم لشبكة الاباء'))).toBe('consent');
  await join.say('اي');
  await join.say('محمد الجبوري');
  await join.say('٣١ ٦٢ ٩٠ ١٨');
  await join.say('اي');
  const rows = await staffRegistrations(bot, STAFF_TOKEN, 'parent-network');
  expect(rows.some((r) => r.participantName === 'محمد الجبوري')).toBe(true);
});

test('Iraqi "شكد" and Levantine "قديش" ask the pay like "كم" does', async () => {
  expect(texts(await bot.chat().say('الشغل مال مصروف الجيب شكد يدفعون بالساعة'))).toContain(PAY_FACT);
  expect(texts(await bot.chat().say('شغل مصروف الجيب قديش بيدفع بالساعة'))).toContain(PAY_FACT);
});

test('Gulf, Egyptian and Maghrebi questions about the parents\' course get the course', async () => {
  expect(texts(await bot.chat().say('متى تبدا الدورة حقت الوالدين'))).toContain(COURSE_CARD);
  expect(texts(await bot.chat().say('الكورس بتاع الاهل بيبدأ امتى'))).toContain(COURSE_CARD);
  expect(lastPrompt(await bot.chat().say('بغيت نسجل ولدي فالخدمة ديال مصروف الجيب'))).toBe('birthYear');
});
