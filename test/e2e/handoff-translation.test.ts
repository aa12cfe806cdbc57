// With an OpenAI-compatible model configured, staff write Danish and the resident reads Arabic;
// the resident writes Arabic and staff read Danish, with the original kept. Phone numbers never
// leave the machine: they are placeholders in the request and come back in the answer.
import { texts } from '../support/harness';
import { withTranslatingBot } from '../support/translating-bot';
import { METTE, facts } from '../support/teams';

const PHRASES: Record<string, string> = {
  'أريد التكلم مع موظف': 'Jeg vil gerne tale med en medarbejder',
  'Hej! Ring til mig på ⟦1⟧, så taler vi.': 'مرحبًا! اتصلوا بي على ⟦1⟧ وسنتحدث.',
  'شكرا، سأتصل غدا': 'Tak, jeg ringer i morgen',
};

test('messages are translated both ways; the card says so; phone numbers stay on the machine', () =>
  withTranslatingBot(PHRASES, async ({ bot, teams, llm }) => {
    const chat = bot.chat();
    await chat.say('أريد التكلم مع موظف');
    const thread = teams.cardThreads()[0].conversationId;
    const card = teams.card(thread);
    expect(facts(card).Sprog).toBe('arabisk (العربية) – beskeder oversættes automatisk');
    expect(JSON.stringify(card.body)).toContain('Beboer: Jeg vil gerne tale med en medarbejder');

    await teams.reply(bot, thread, 'Hej! Ring til mig på 12 34 56 78, så taler vi.', METTE);
    expect(texts(chat.replies())).toContain('\u2068مرحبًا! اتصلوا بي على 12 34 56 78 وسنتحدث.\u2069');
    expect(llm.translations.map((r) => r.text)).toContain('Hej! Ring til mig på ⟦1⟧, så taler vi.');
    expect(JSON.stringify(llm.translations)).not.toContain('12 34 56 78');
    expect(teams.threadTexts(thread)).toContain('↪ Sendt til beboeren på arabisk (العربية): مرحبًا! اتصلوا بي على 12 34 56 78 وسنتحدث.');

    await chat.say('شكرا، سأتصل غدا');
    expect(teams.threadTexts(thread)).toContain('Beboer (på arabisk (العربية)): شكرا، سأتصل غدا\nOversat: Tak, jeg ringer i morgen');
  }));
