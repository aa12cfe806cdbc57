// The plan's period is data (issue 13), over /api/messages on both databases: with the programme's
// end (PROGRAMME_ENDS_ON) no session is offered after it; an offer whose own end has passed is left
// out of the list, and asked about or signed up for by name the bot says kindly that it has ended,
// in Danish and Arabic.
import { startBot, texts, lastPrompt, type BotUnderTest } from '../support/harness';
import type { DbKind } from '../support/db';
import { copenhagenDay } from '../../src/domain/closed-days';

const dayFromNow = (days: number) => copenhagenDay(new Date(Date.now() + days * 86_400_000));

describe.each<DbKind>(['sqlite', 'postgres'])('an offer ends on %s', (db) => {
  let bot: BotUnderTest;
  const end = dayFromNow(20);
  beforeAll(async () => {
    bot = await startBot({ db, env: { PROGRAMME_ENDS_ON: end } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  test('no session after the programme\'s end', async () => {
    const { activities } = (await (await fetch(`${bot.url}/api/activities?lang=da`)).json()) as { activities: { id: string; sessions: { startsAt: string }[] }[] };
    const days = activities.flatMap((a) => a.sessions.map((s) => copenhagenDay(new Date(s.startsAt))));
    expect(days.length).toBeGreaterThan(0);
    expect(days.filter((d) => d > end)).toEqual([]);
    expect(await bot.app.db.session.count({ where: { startsAt: { gt: new Date(`${end}T23:59:59Z`) } } })).toBe(0);
  });

  test('an offer whose own end has passed: not listed, and said kindly when asked or signed up for', async () => {
    await bot.app.db.activity.update({ where: { id: 'parent-network' }, data: { endsOn: dayFromNow(-1) } });
    await bot.restart();

    const da = bot.chat();
    const list = texts(await da.say('hvilke aktiviteter har I?'));
    expect(list).toMatch(/Lommepengejob/i);
    expect(list).not.toMatch(/Forældrenetværk/);
    const info = await da.say('hvor mødes forældrenetværket');
    expect(texts(info)).toMatch(/Forældrenetværk er slut\. Det sluttede .*Tak til alle, der var med!/);
    const signup = await da.say('jeg vil gerne melde mig til forældrenetværket');
    expect(texts(signup)).toMatch(/Forældrenetværk er slut/);
    expect(lastPrompt(signup)).not.toBe('consent');

    const ar = bot.chat();
    expect(texts(await ar.say('متى تجتمع شبكة الأهالي'))).toMatch(/انتهى \u2068?شبكة الأهالي\u2069?\. كان آخر يوم له/);
    expect(texts(await ar.say('أريد التسجيل في شبكة الأهالي'))).toMatch(/انتهى \u2068?شبكة الأهالي/);
    expect(await bot.app.db.registration.count({ where: { activityId: 'parent-network' } })).toBe(0);
  });
});
