// The MiniSearch ranking of knowledge entries (src/understanding/knowledge.ts): how words meet
// (Arabic verb prefixes and clitics, Arabizi spellings, Danish typos), the calibrated score, and
// the catalogue's activities competing with the entries for a question.
import path from 'node:path';
import { readKnowledge } from '../../src/store/knowledge-seed';
import { KnowledgeRanker, keysOf, rankerWords, type KnowledgeDoc } from '../../src/understanding/knowledge';
import catalogue from '../../prisma/catalogue.json';

const words = rankerWords(path.join(__dirname, '..', '..', 'locales'));
const entries: KnowledgeDoc[] = readKnowledge().entries.map((e) => ({
  key: e.key,
  questions: Object.values(e.texts).flatMap((t) => [t.title, ...t.questions]),
  answers: Object.values(e.texts).map((t) => t.answer),
}));
const activities: KnowledgeDoc[] = catalogue.activities.map((a) => ({
  key: `catalogue:${a.id}`,
  questions: Object.values(a.texts).flatMap((t) => [t.title, t.title.split(/[:(]/)[0].trim()]),
  answers: Object.values(a.texts).map((t) => t.description),
}));

test('a word is found under its stem, without Arabic verb prefixes and -sh negation, and by Arabizi consonants', () => {
  expect(keysOf('بيزعجوني')).toContain('زعج');
  expect(keysOf('يدفعون')).toContain('دفع');
  expect(keysOf('خدامش')).toContain('خدام');
  expect(keysOf('بالشوفاج')).toContain('شوفاج');
  expect([keysOf('mashroo3'), keysOf('mashru3')]).toEqual([expect.arrayContaining(['mshr3']), expect.arrayContaining(['mshr3'])]);
  expect(keysOf('radiatoren')).toContain('radiator');
});

describe('with the catalogue beside the entries', () => {
  const ranker = new KnowledgeRanker([...entries, ...activities], words);

  test.each([
    ['hvad er makerspace', 'catalogue:makerspace-'],
    ['what is makerspace', 'catalogue:makerspace-'],
    ['hvad er lommepengejob', 'catalogue:pocket-money-job'],
    ['hvor meget tjener man på lommepengejob', 'pocket-money-pay'],
    ['السخان بايظ', 'estate-office'],
    ['الجيران بيزعجونا كل ليلة', 'neighbour-noise'],
    ['sho hal mashrou3', 'plan-what'],
    ['kan jeg få tilskud til huslejen', 'housing-benefit'],
  ])('"%s" → %s', (question, key) => {
    expect(ranker.best(question)?.key.startsWith(key)).toBe(true);
  });

  test('scores are calibrated to 0..1: a question an entry asks word for word scores 1, a loose one less', () => {
    const [exact] = ranker.rank('åbningstider');
    const [loose] = ranker.rank('åbningstider for svømmehallen om vinteren');
    expect(exact).toEqual({ key: 'opening-hours', score: 1 });
    expect(loose.score).toBeLessThan(1);
    expect(loose.score).toBeGreaterThan(0);
  });

  test.each(['kan du hjælpe mig', 'بدي مساعدة', 'i need help', 'hvad er vejret i morgen', 'شو الطقس بكرا', 'whats the capital of france'])('"%s" → nothing', (question) => {
    expect(ranker.best(question)).toBeUndefined();
  });
});
