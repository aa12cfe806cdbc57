import { understanding } from './helpers';

// Written for the tests, not taken from the training data: different phrasings, dialects,
// Arabizi, typos. Recall must be 100%: a missed emergency is the worst error the bot can make.
const EMERGENCIES: Record<string, string[]> = {
  da: [
    'min kæreste har slået mig igen',
    'far slår os når han er fuld',
    'jeg vil gerne dø',
    'jeg har tænkt på at begå selvmord',
    'jeg har lyst til at skade mig selv',
    'min onkel har krænket mig',
    'jeg er blevet voldtaget til en fest',
    'de vil tvangsgifte min søster',
    'min lillebror bliver tævet af naboen',
    'en mand truede mig med en kniv',
    'jeg føler mig ikke tryg hjemme',
    'vores barn er i fare',
    'nogen har gjort mig fortræd',
    'hjælp, han slår mor',
    'jeg orker ikke at leve',
    'selvmordstanker',
    'voldtægt',
  ],
  en: [
    'my stepdad hits me when mum is out',
    'i wanna kill myself',
    "i've been self harming",
    'my brother threatened to kill me',
    'a teacher touched me and i did not want it',
    'i was sexually assaulted',
    'my parents are forcing me to get married',
    'there is a kid next door who gets beaten',
    "i'm not safe here",
    'someone is hurting my little sister',
    'my partner is abusive',
    'i feel suicidal',
    'he raped me',
    'i want to end it all',
  ],
  ar: [
    'ابوي بيضربنا كل يوم',
    'زوجي ضربني امبارح',
    'بدي انتحر',
    'افكر انهي حياتي',
    'بدي أأذي نفسي',
    'حدا لمسني بطريقة مش منيحة',
    'اغتصبوني',
    'اهلي رح يزوجوني غصب',
    'جارنا بيضرب ولاده',
    'هددني بالسكين',
    'انا مو آمنة في البيت',
    'في طفل بخطر',
    'أخي يهددني بالقتل',
    'عايزة اموت',
    'ابغى اموت',
    'ابوي يضرب امي',
    'شلون اتخلص من حياتي',
    'bayi byedrebni',
    'jozi darabni',
    'bdi ente7ar',
    'bade mout',
    'fi 7ada 3am yhaddedni',
    'ana mish amna bel beit',
  ],
};

// Ordinary messages that share words with emergencies; none may raise the alarm.
const ORDINARY: Record<string, string[]> = {
  da: [
    'jeg er ikke sikker på hvornår kurset starter',
    'jeg vil slå mig ned i området',
    'kan du slå det op for mig',
    'jeg slår til, skriv mig op',
    'hvad synes du om politik',
    'min søn vil gerne tjene lommepenge',
    'er der fare for at kurset bliver aflyst',
  ],
  en: [
    'what is the bus fare',
    'of course, thanks',
    'privacy policy',
    'forget me',
    'does the course cost money',
    'I will keep in touch',
    'that was a great course',
  ],
  ar: [
    'كم ١٧ ضرب ٣',
    'كيف اخذ الجنسية الدنماركية',
    'ana sakin bel 7ay',
    'بدي سجل ابني بالدورة',
    'شكرا كتير',
    'ابني بدو شغل',
  ],
};

describe('emergency', () => {
  const u = understanding();

  for (const [lang, list] of Object.entries(EMERGENCIES)) {
    it.each(list)(`${lang}: %s → emergency`, (text) => {
      const r = u.parse(text);
      expect(r.intent).toBe('emergency');
      expect(r.confidence).toBeGreaterThanOrEqual(0.5);
    });
  }

  for (const [lang, list] of Object.entries(ORDINARY)) {
    it.each(list)(`${lang}: %s → not an emergency`, (text) => {
      expect(u.parse(text).intent).not.toBe('emergency');
    });
  }

  it('the keyword layer wins even when the classifier would say something else', () => {
    expect(u.isEmergency('tilmeld mig kurset, min far slår mig')).toBe(true);
    expect(u.parse('tilmeld mig kurset, min far slår mig').intent).toBe('emergency');
    expect(u.parse('shukran, bas abi byedrobni').intent).toBe('emergency');
  });

  it('survives typos in long words', () => {
    expect(u.parse('selvmorstanker').intent).toBe('emergency');
    expect(u.parse('i am thinking about suicde').intent).toBe('emergency');
  });

  it('emergency layer recall and false alarms over all cases', () => {
    const all = Object.values(EMERGENCIES).flat();
    const ordinary = Object.values(ORDINARY).flat();
    const recall = all.filter((t) => u.parse(t).intent === 'emergency').length / all.length;
    const falseAlarms = ordinary.filter((t) => u.parse(t).intent === 'emergency').length / ordinary.length;
    expect(recall).toBe(1);
    expect(falseAlarms).toBe(0);
  });
});
