// The knowledge ranker on the shipped entries: the right entry for questions written the way
// residents write (not copies of the entries' own ways of asking), and no entry for what it does not cover.
import path from 'node:path';
import { readKnowledge } from '../../src/store/knowledge-seed';
import { KnowledgeRanker, rankerWords } from '../../src/understanding/knowledge';

const seed = readKnowledge();
const ranker = new KnowledgeRanker(
  seed.entries.map((e) => ({ key: e.key, questions: Object.values(e.texts).flatMap((t) => [t.title, ...t.questions]) })),
  rankerWords(path.join(__dirname, '..', '..', 'locales')),
);

test.each([
  ['hej hvor ligger jeres beboerhus henne', 'address'],
  ['wenkom bl zabt?', 'address'],
  ['hvornår har i åbent på fredag', 'opening-hours'],
  ['is it free or do we pay?', 'price'],
  ['how much do kids get paid for the pocket money job', 'pocket-money-pay'],
  ['hvem betaler for det?', 'plan-funding'],
  ['good evening my heater is broken since friday and its freezing in the flat', 'estate-office'],
  ['البيت بارد والشوفاج عاطل شسوي', 'estate-office'],
  ['min nabo larmer hele tiden om natten', 'neighbour-noise'],
  ['hi do you have danish classes? my danish is very bad still', 'language-school'],
  ['min søn bliver mobbet i skolen', 'school'],
])('"%s" → %s', (question, key) => {
  expect(ranker.best(question)?.key).toBe(key);
});

test.each(['hvad er det?', 'what is it?', 'hvad er vejret i morgen', 'jeg elsker pizza', 'asdfgh', 'hej', 'kan du hjælpe mig', 'شو هاد', 'what can you do'])(
  '"%s" → no entry',
  (question) => {
    expect(ranker.best(question)).toBeUndefined();
  },
);
