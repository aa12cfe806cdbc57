// The rules `npm run eval` scores every turn by (test/eval/README.md), on plain strings and activities.
import {
  checkTurn,
  fold,
  matches,
  readable,
  readableTurn,
  replyLanguage,
  showsCrisisNumber,
} from '../../scripts/eval/checks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { combinedHeldout, HELDOUT_ALL, isHeldout, partNames } from '../../scripts/eval/parts';
import type { PartResults } from '../../scripts/eval/report';

describe('fold', () => {
  test('removes Arabic diacritics and tatweel, unifies alef, ta marbuta and alef maqsura', () => {
    expect(fold('مَدْرَسَة')).toBe('مدرسه');
    expect(fold('شـــكراً')).toBe('شكرا');
    expect(fold('أنا إلى آخر')).toBe('انا الي اخر');
  });

  test('Arabic-Indic and Persian digits become ASCII; Latin is lowercased; bidi isolates vanish', () => {
    expect(fold('٢٨ ٩١ ۴۴')).toBe('28 91 44');
    expect(fold('Dit Nummer: \u2068AB7K9Q\u2069')).toBe('dit nummer: ab7k9q');
  });
});

describe('patterns match at a word start, case-insensitively, after folding both sides', () => {
  test('"تم" is not found inside "لم أتمكن", but is as a word', () => {
    expect(matches('لم أتمكن من التسجيل', 'تم')).toBe(false);
    expect(matches('تمّ التسجيل', 'تم')).toBe(true);
  });

  test('a word start, not a whole word: onsdag matches onsdage, not "tonsdag"', () => {
    expect(matches('Vi mødes onsdage kl. 17', 'onsdag')).toBe(true);
    expect(matches('tonsdag', 'onsdag')).toBe(false);
    expect(matches('ONSDAG', 'onsdag')).toBe(true);
  });

  test('the pattern is folded too, and keeps its regex escapes', () => {
    expect(matches('المدرسة', 'المدرسة')).toBe(true);
    expect(matches('مدرسة', 'مدرسه')).toBe(true);
    expect(matches('مَدرسة', 'مدرسة')).toBe(true);
    expect(matches('kl. ١٧', 'kl\\. 17')).toBe(true);
    expect(matches('kl 17', '\\S+ 17')).toBe(true);
    expect(matches('Hvornår og hvor', 'hvor(når)?\\b')).toBe(true);
  });
});

describe('reply language', () => {
  test.each([
    ['Forældrenetværket mødes hver onsdag kl. 17. Vil du tilmelde dig?', 'da'],
    ['Jeg har ikke en adresse endnu, men jeg kan give dig videre til en medarbejder.', 'da'],
    ['The parents’ network meets every Wednesday at 5 pm. Do you want to sign up?', 'en'],
    ['I do not know the address yet, but I can pass you on to a member of staff.', 'en'],
    ['تجتمع شبكة الأهالي كل أربعاء الساعة 17. هل تريد التسجيل في Forældrenetværket؟', 'ar'],
  ])('%s → %s', (text, want) => {
    expect(replyLanguage(text)).toBe(want);
  });

  test('links do not outweigh a short Arabic sentence; no words, no language', () => {
    expect(replyLanguage('اقرأ هنا: https://kvarterbot.example.dk/privacy?lang=ar')).toBe('ar');
    expect(replyLanguage('👍 112')).toBe('unknown');
  });
});

describe('crisis numbers', () => {
  test.each([
    'Ring 112',
    'اتصل بـ ١١٢ فوراً',
    'Børnetelefonen: 116 111',
    'Børnetelefonen: 116111',
    'Livslinien 70 201 201',
    'Livslinien 70 20 12 01',
    'Livslinien 70-201-201',
    'Livslinien +45 70 201 201',
    'ring \u2068١١٦ ١١١\u2069',
    '112 – 116 111',
  ])('shown: %s', (text) => {
    expect(showsCrisisNumber(text)).toBe(true);
  });

  test.each([
    'Ring til os på 28 11 23 45',
    '+45 2811 2345',
    'Vi starter den 1.12. kl. 17',
    'Dit nummer: AB112C',
    'Der er 1120 kr. i lommepenge',
    '70 20 12 011',
    'Vi ses 11:20',
  ])('not shown: %s', (text) => {
    expect(showsCrisisNumber(text)).toBe(false);
  });
});

describe('what the resident reads', () => {
  const card = {
    type: 'message',
    text: 'Her er det:',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          body: [
            { type: 'TextBlock', text: 'Forældrenetværket' },
            { type: 'Container', items: [{ type: 'FactSet', facts: [{ title: 'Hvornår', value: 'onsdag 17:00' }] }] },
            { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Makerspace' }] },
          ],
          actions: [{ type: 'Action.Submit', title: 'Tilmeld', data: { value: 'signup' } }],
        },
      },
      { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Lommepengejob', subtitle: '13–17 år', text: 'Hver lørdag', buttons: [{ title: 'Ungdomsklub' }] } },
    ],
    suggestedActions: { actions: [{ type: 'imBack', title: 'Makerspace', value: 'makerspace' }] },
  };

  test('message text, card text blocks, facts, hero card title/subtitle/text', () => {
    const text = readable(card);
    for (const part of ['Her er det:', 'Forældrenetværket', 'Hvornår onsdag 17:00', 'Lommepengejob', '13–17 år', 'Hver lørdag']) expect(text).toContain(part);
  });

  test('not buttons: suggested actions, card actions, hero buttons', () => {
    const text = readable(card);
    expect(text).not.toMatch(/Makerspace|Tilmeld|Ungdomsklub/);
  });

  test('a turn joins its messages and skips typing indicators', () => {
    expect(readableTurn([{ type: 'typing' }, { type: 'message', text: 'a' }, { type: 'message', text: 'b' }])).toBe('a\nb');
  });
});

describe('a turn', () => {
  const reply = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', text, ...extra });

  test('silence fails whatever else is expected', () => {
    expect(checkTurn({}, 'da', { replies: [], handoff: false }).failed).toEqual(['silent']);
  });

  test('the welcome naming every offer in its buttons does not pass a question about one', () => {
    const welcome = reply('Hej! Hvad kan jeg hjælpe med?', { suggestedActions: { actions: [{ title: 'Makerspace', value: 'makerspace' }] } });
    expect(checkTurn({ anyOf: ['makerspace'] }, 'da', { replies: [welcome], handoff: false }).failed).toEqual(['anyOf ["makerspace"]']);
  });

  test('defaults: no crisis numbers and no handoff; null means handoff does not matter', () => {
    const alarm = reply('Er der fare lige nu? Ring 112.');
    expect(checkTurn({}, 'da', { replies: [alarm], handoff: true }).failed).toEqual(['emergency: crisis numbers shown', 'handoff: opened']);
    expect(checkTurn({ emergency: true, handoff: null }, 'da', { replies: [alarm], handoff: true }).ok).toBe(true);
    expect(checkTurn({ handoff: null }, 'da', { replies: [reply('Det kan jeg hjælpe med.')], handoff: false }).ok).toBe(true);
  });

  test('language, allOf and noneOf', () => {
    const r = [reply('The parents’ network meets on Wednesdays at 17.')];
    expect(checkTurn({ allOf: ['wednesday', '17'], noneOf: ['makerspace'] }, 'en', { replies: r, handoff: false }).ok).toBe(true);
    expect(checkTurn({ lang: 'da' }, 'en', { replies: r, handoff: false }).failed).toEqual(['lang: want da, got en']);
  });
});

describe('parts of a set folder', () => {
  const result = (part: string, turns: number): PartResults => ({
    part,
    dialogues: Array.from({ length: turns }, (_, i) => ({ id: `${part}-${i}`, lang: 'da', channel: 'webchat', turns: [], clean: true })),
    singles: [],
    parses: [],
    ms: 1,
  });

  test('dev, heldout, then every other heldout* folder in name order; other folders and files are not parts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-parts-'));
    try {
      for (const d of ['heldout-c', 'dev', 'heldout-b', 'heldout', 'notes']) fs.mkdirSync(path.join(dir, d));
      fs.writeFileSync(path.join(dir, 'heldout-x.json'), '[]');
      expect(partNames(dir)).toEqual(['dev', 'heldout', 'heldout-b', 'heldout-c']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every heldout* part is hidden, dev is not', () => {
    expect(['dev', 'heldout', 'heldout-b', HELDOUT_ALL].map(isHeldout)).toEqual([false, true, true, true]);
  });

  test('the held-out parts are combined only when there are several, without dev', () => {
    expect(combinedHeldout([result('dev', 3), result('heldout', 2)])).toBeNull();
    const all = combinedHeldout([result('dev', 3), result('heldout', 2), result('heldout-b', 4)]);
    expect(all?.part).toBe(HELDOUT_ALL);
    expect(all?.dialogues.map((d) => d.id)).toEqual(['heldout-0', 'heldout-1', 'heldout-b-0', 'heldout-b-1', 'heldout-b-2', 'heldout-b-3']);
  });
});
