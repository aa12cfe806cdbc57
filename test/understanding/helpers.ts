import * as path from 'node:path';
import { loadUnderstanding, Understanding } from '../../src/understanding';

export const LOCALES = path.join(__dirname, '..', '..', 'locales');

let shared: Understanding | undefined;
/** One trained model per test file (training takes a few hundred ms). */
export function understanding(): Understanding {
  shared ??= loadUnderstanding({ localesDir: LOCALES, now: () => new Date('2025-06-01T12:00:00Z') });
  return shared;
}
