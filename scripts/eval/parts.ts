// Which parts a set folder holds (test/eval/README.md): dev/ is tuned on; heldout/ and every other
// heldout* folder (heldout-b/, …, each written by another author) are only scored, never shown.
import fs from 'node:fs';
import type { PartResults } from './report';

/** A held-out part: scored, its sentences and failures never shown without --show-heldout. */
export const isHeldout = (part: string): boolean => part.startsWith('heldout');

/** The held-out parts scored together, reported next to each of them when there are several. */
export const HELDOUT_ALL = 'heldout (all)';

/** dev, heldout, then the other heldout* folders under `dir` in name order. */
export function partNames(dir: string): string[] {
  const more = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && isHeldout(e.name) && e.name !== 'heldout')
        .map((e) => e.name)
        .sort()
    : [];
  return ['dev', 'heldout', ...more];
}

/** The held-out parts' results as one part, or null when there are fewer than two. */
export function combinedHeldout(results: PartResults[]): PartResults | null {
  const parts = results.filter((r) => isHeldout(r.part));
  if (parts.length < 2) return null;
  return {
    part: HELDOUT_ALL,
    dialogues: parts.flatMap((r) => r.dialogues),
    singles: parts.flatMap((r) => r.singles),
    parses: parts.flatMap((r) => r.parses),
    ms: parts.reduce((ms, r) => ms + r.ms, 0),
  };
}
