// Matches an answer against offered choices: the stable value (what a button sends), the
// translated title (what a person types), or its number ("2", "nummer 2", "٢").
import type { Choice } from './reply';

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function resolveChoice(text: string, choices: Choice[], number?: number): Choice | undefined {
  const answer = fold(text);
  if (!answer) return undefined;
  const exact = choices.find((c) => fold(c.value) === answer || fold(c.title) === answer);
  if (exact) return exact;
  if (number !== undefined && Number.isInteger(number) && number >= 1 && number <= choices.length) return choices[number - 1];
  return undefined;
}
