// Nothing invented (issue 13): every question of the knowledge eval set (test/eval/knowledge, dev
// and held-out, da/ar/en) is asked through /api/messages, with the facts unset and with a
// deployment's values, and every number, time, e-mail address and capitalised name in the answers
// must be found in the knowledge, the catalogue (its texts and its sessions' dates) or the bot's own
// texts. (Crisis numbers and handoffs are the eval's to count: scripts/eval-knowledge.ts.) Plus the questions of the first paragraph the other knowledge tests do not ask.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, texts, buttons, type BotUnderTest } from '../support/harness';
import { identify, plain, readEvalSet, sessionNumbers, sourceCorpus, unsupported } from '../eval/knowledge/score';

const CRISIS = /112|116 ?111|70 ?20 ?12 ?01/;

const DEPLOYMENT = {
  version: 1,
  entries: {
    address: { value: 'Charlottevej 7, 2630 Taastrup' },
    phone: { value: '43 35 10 20' },
    email: { value: 'beboerhus@example.dk' },
    'opening-hours': { texts: { da: { value: 'mandag–torsdag 10–16' }, ar: { value: 'من الاثنين إلى الخميس 10–16' }, en: { value: 'Monday–Thursday 10–16' } } },
    'estate-office': { contact: { phone: '43 35 99 00', hours: 'man–fre 8–9' } },
  },
};

async function corpusOf(bot: BotUnderTest, extra: string[]): Promise<string> {
  const body = (await (await fetch(`${bot.url}/api/activities?lang=da`)).json()) as { activities: { sessions: { startsAt: string; endsAt: string }[] }[] };
  return sourceCorpus([sessionNumbers(body.activities.flatMap((a) => a.sessions)).join(' '), ...extra]);
}

describe.each([
  ['the facts unset', false],
  ['a deployment\'s facts', true],
] as const)('every answer to the eval set, with %s, holds only facts from the sources', (_name, deployed) => {
  let bot: BotUnderTest;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvarterbot-facts-'));
    const file = path.join(dir, 'knowledge.json');
    fs.writeFileSync(file, JSON.stringify(DEPLOYMENT));
    bot = await startBot({ env: deployed ? { KNOWLEDGE_FILE: file } : {} });
  });
  afterAll(async () => {
    await bot.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // One turn per question of the whole set (179): a long test, not a timed one.
  test('no number, time, address or name that no source holds', async () => {
    const corpus = await corpusOf(bot, deployed ? [JSON.stringify(DEPLOYMENT)] : []);
    const problems: string[] = [];
    for (const line of [...readEvalSet('dev'), ...readEvalSet('heldout')]) {
      const replies = await bot.chat().say(line.text);
      const reply = texts(replies);
      const invented = unsupported(reply, corpus, line.text);
      if (invented.length) problems.push(`${line.text}: ${invented.join(' ')}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

test('the check itself: a number, a time, an e-mail or a name from nowhere is caught', () => {
  const corpus = sourceCorpus();
  expect(unsupported('Ring på 43 99 12 12 til Birthe kl. 16:45, eller skriv til info@kvarter.dk', corpus)).toEqual(
    expect.arrayContaining(['43', '99', 'Birthe', '45', 'info@kvarter.dk']),
  );
  expect(unsupported('Forældrenetværk i Charlottekvarteret, Høje-Taastrup Kommune.', corpus)).toEqual([]);
});

// The first paragraph, in Danish and Arabic, where test/e2e/knowledge.test.ts does not ask it.
describe('"what is Makerspace?" and "anything for a 2-year-old?"', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => bot.close());

  test.each([
    ['da', 'hvad er makerspace?', /værksted/i],
    ['ar', 'شو هو الميكر سبيس؟', /ورشة/],
  ])('%s "%s": the catalogue describes it', async (lang, question, says) => {
    const replies = await bot.chat().say(question);
    const seen = identify(replies, lang);
    expect(seen.keys.some((k) => k.startsWith('catalogue:makerspace'))).toBe(true);
    expect(plain(texts(replies))).toMatch(says);
    expect(replies[0].locale).toBe(lang);
  });

  test.each([
    ['da', 'er der noget for min søn på 2 år?'],
    ['ar', 'في شي لابني عمره سنتين؟'],
  ])('%s "%s": offers for small children or the childcare office, no crisis numbers', async (lang, question) => {
    const replies = await bot.chat().say(question);
    const seen = identify(replies, lang);
    const fits = ['catalogue:parent-course-ready-for-school', 'catalogue:makerspace-parent-child', 'catalogue:parent-network', 'daycare', 'catalogue:list'];
    expect(seen.keys.filter((k) => fits.includes(k))).not.toEqual([]);
    expect(plain(texts(replies))).not.toMatch(CRISIS);
    expect(replies[0].locale).toBe(lang);
    expect(buttons(replies).length).toBeGreaterThan(0);
  });
});
