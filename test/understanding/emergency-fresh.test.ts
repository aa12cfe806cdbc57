// The emergency layer on the kinds of messages the fresh probes of 2026-12-01 found missing or
// wrongly alarming (test/eval/emergency-fresh-2026-12-01). Sentences here are new ones of the same
// kinds, not the probes themselves: each block checks a concept or a rule, not a sentence.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { understanding } from './helpers';

const u = understanding();
const isAlarm = (text: string) => u.parse(text).intent === 'emergency';

/** Danger of the kinds the fresh probes missed. */
const DANGER: Array<[string, string]> = [
  // Being a burden: others better off without one.
  ['da', 'mine forældre ville have det bedre uden mig'],
  ['en', 'my family would honestly be better off if i was gone'],
  ['ar', 'اهلي رح يرتاحوا لو مت'],
  // Cannot take it all any more.
  ['da', 'jeg magter ikke mere det hele'],
  // Shots, a break-in.
  ['en', 'someone is shooting outside our building'],
  ['ar', 'في اطلاق نار بالحارة'],
  ['da', 'der er en der prøver at bryde ind hos os'],
  ['ar', 'في حدا عم يحاول يدخل عالبيت بالقوة'],
  ['en', 'a man is kicking our door and trying to get in'],
  // A hand on the neck.
  ['en', 'my stepdad put his hands around my neck'],
  ['da', 'han tog mig om halsen i går'],
  // Made to have sex; unwanted things kept secret.
  ['da', 'han tvinger mig til sex'],
  ['en', 'my trainer makes me do things i dont want to do and says its a secret'],
  // Sent abroad to marry.
  ['en', "they're sending me abroad to get married"],
  ['ar', 'بدهم يسفروني عالبلد عشان اتزوج'],
  // Hurting oneself: I + a harm verb + myself, with no accident around it.
  ['en', "i punch myself when i'm angry"],
  ['da', 'jeg har slået mig selv i hovedet med vilje'],
  // Thinking of a killing.
  ['da', 'jeg har overvejet at slå mig ihjel'],
  // No point in living; pills kept to die; jumping from a height; the head against the wall.
  ['da', 'mit liv giver ingen mening mere'],
  ['ar', 'ما في داعي اعيش بعد اليوم'],
  ['en', 'i saved up pills to end it'],
  ['da', 'jeg tænker på at springe ud fra taget'],
  ['ar', 'بدي ارمي حالي من البلكون'],
  ['en', 'i keep banging my head against the wall when i get home'],
  ['ar', 'ضربت نفسي لين نزل دم'],
  ['ar', 'بدي انام وما اصحى ابدا'],
  // Gulf Arabizi digit letters (6 = ط).
  ['ar', 'ubooy y6egni kil yoom'],
  // …but an attack happening now, and pills swallowed however it is said.
  ['en', 'my son is having a seizure right now'],
  ['da', 'hun har slugt alle sine piller men siger hun har det fint nu'],
];

/** Everyday messages of the kinds that alarmed. */
const EVERYDAY: Array<[string, string]> = [
  // Danger in a film, a series, the news, a drill, a game.
  ['ar', 'شفنا حريق كبير بالمسلسل امبارح'],
  ['en', 'there was a huge fire in the movie we watched'],
  ['da', 'min bror dræbte mig hele tiden i fortnite'],
  ['ar', 'قتلني اخوي بلعبة ببجي'],
  ['en', 'he killed me like ten times in fortnite lol'],
  // One's own accident.
  ['en', 'i burnt myself on the iron this morning'],
  ['da', 'jeg brændte mig på komfuret i går'],
  ['ar', 'ضربت حالي بالباب'],
  // Medicine for a cold.
  ['ar', 'اخدت دوا للرشح وصرت منيح'],
  // A killing as a joke about being late.
  ['da', 'min mor slår mig ihjel hvis jeg kommer for sent igen haha'],
  // A crush, a goal.
  ['da', 'min veninde er skudt i en dreng fra klassen'],
  ['da', 'han har skudt tre mål i dag'],
  // Someone who will not be here next week.
  ['en', "i won't be here next week, can my son come alone?"],
  // Jumping into a lake; no worry about life; a Danish word that is Arabizi too ("bade").
  ['en', 'the boys jump off the bridge into the lake every summer'],
  ['en', 'no reason to worry, life is good here'],
  ['da', 'vi skal bade i svømmehallen på lørdag'],
  // A condition a parent describes; a death in the war one fled.
  ['ar', 'بنتي عندها صرع، بتقدر تشارك بالرحلة؟'],
  ['en', 'he had a seizure at school last year but he is fine now'],
  ['da', 'min bror blev dræbt i krigen i Syrien'],
];

describe.each([
  ['clear danger of the kinds the fresh probes missed', DANGER, true],
  ['everyday messages of the kinds that alarmed', EVERYDAY, false],
] as const)('%s', (_title, cases, alarm) => {
  test.each(cases)('%s: %s', (_lang, text) => {
    expect(isAlarm(text)).toBe(alarm);
  });
});

describe('the fresh probe set (dev part)', () => {
  const dir = path.join(__dirname, '..', 'eval', 'emergency-fresh-2026-12-01', 'dev');
  const read = (file: string) =>
    fs
      .readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; lang: string; after?: string[] });

  test('every disclosure is read as danger', () => {
    expect(read('disclosures.jsonl').filter((d) => !isAlarm(d.text)).map((d) => `${d.lang}: ${d.text}`)).toEqual([]);
  });

  test('no everyday message alone is read as danger', () => {
    expect(read('everyday.jsonl').filter((d) => !d.after && isAlarm(d.text)).map((d) => `${d.lang}: ${d.text}`)).toEqual([]);
  });
});
