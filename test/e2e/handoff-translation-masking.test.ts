// Translated handoff messages keep everything personal on the machine (issue 14): the names the bot
// knows about the resident (their own, their child's from a registration), a name after "اسمي",
// dates, addresses, e-mails and phone numbers leave as placeholders ⟦n⟧ and are put back in the
// translation the other side reads. Checked at the fake model, which records every request.
import { texts } from '../support/harness';
import { withTranslatingBot } from '../support/translating-bot';
import { METTE } from '../support/teams';

const PERSONAL = ['Yusuf', 'Haddad', 'Leila', 'Rami', '14.03.2013', 'Blåkildevej 12, 2. th', '2630 Taastrup', 'leila@example.com', '12 34 56 78'];

const PHRASES: Record<string, string> = {
  'أريد التكلم مع موظف': 'Jeg vil gerne tale med en medarbejder',
  // Staff: "Hi Leila! Yusuf Haddad is signed up. Come to ⟦4⟧ on ⟦5⟧, or write to ⟦6⟧."
  'Hej ⟦1⟧! ⟦2⟧ ⟦3⟧ er tilmeldt. Kom til ⟦4⟧ den ⟦5⟧, eller skriv til ⟦6⟧.': 'مرحبًا ⟦1⟧! ⟦2⟧ ⟦3⟧ مسجَّل. تعال إلى ⟦4⟧ يوم ⟦5⟧، أو اكتب إلى ⟦6⟧.',
  // Resident: "My name is Rami, we live at ⟦2⟧ ⟦3⟧, my phone ⟦4⟧."
  'اسمي ⟦1⟧، نسكن في ⟦2⟧ ⟦3⟧، رقمي ⟦4⟧': 'Jeg hedder ⟦1⟧, vi bor på ⟦2⟧ ⟦3⟧, mit nummer er ⟦4⟧',
};

test('names, dates, addresses, e-mails and phones reach the model as placeholders and come back in the translation', () =>
  withTranslatingBot(PHRASES, async ({ bot, teams, llm }) => {
    const chat = bot.chat({ locale: 'ar' });
    await chat.say('مرحبا');
    // What the bot knows about this resident: her first name and her son's registration.
    const resident = await bot.app.db.resident.update({ where: { channelId_channelUserId: { channelId: 'webchat', channelUserId: chat.userId } }, data: { language: 'ar', firstName: 'Leila' } });
    const activity = await bot.app.db.activity.findFirstOrThrow({ select: { id: true } });
    await bot.app.db.registration.create({
      data: { referenceCode: 'YUSF23', residentId: resident.id, activityId: activity.id, participant: 'child', participantName: 'Yusuf Haddad', participantBirthYear: 2013, guardianName: 'Leila', status: 'confirmed' },
    });
    chat.replies();

    await chat.say('أريد التكلم مع موظف');
    const thread = teams.cardThreads()[0].conversationId;

    await teams.reply(bot, thread, 'Hej Leila! Yusuf Haddad er tilmeldt. Kom til Blåkildevej 12, 2. th den 14.03.2013, eller skriv til leila@example.com.', METTE);
    expect(texts(chat.replies())).toContain('مرحبًا Leila! Yusuf Haddad مسجَّل. تعال إلى Blåkildevej 12, 2. th يوم 14.03.2013، أو اكتب إلى leila@example.com.');

    await chat.say('اسمي Rami، نسكن في Blåkildevej 12, 2. th 2630 Taastrup، رقمي 12 34 56 78');
    expect(teams.threadTexts(thread).join('\n')).toContain('Oversat: Jeg hedder Rami, vi bor på Blåkildevej 12, 2. th 2630 Taastrup, mit nummer er 12 34 56 78');

    // Both messages were translated, and nothing personal was in any request the model got.
    expect(llm.translations.map((r) => r.text)).toEqual(expect.arrayContaining(Object.keys(PHRASES).slice(1)));
    const sent = JSON.stringify([llm.sent, llm.translations]);
    for (const p of PERSONAL) expect(sent).not.toContain(p);
  }));
