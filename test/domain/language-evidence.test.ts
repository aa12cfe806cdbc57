// What a message says about the resident's language (languageEvidence): a guardian code is letters
// and digits like Arabizi ("7abibi"), so the detector may read one as Arabic; the code alone must
// never switch a Danish parent's chat to Arabic.
import { languageEvidence } from '../../src/domain/residents';
import { newGuardianCode } from '../../src/domain/guardian';

const base = { understood: true, smallTalk: false, button: false };

test('a guardian code alone, or with a word, is no evidence of a language', () => {
  for (let i = 0; i < 200; i++) {
    const code = newGuardianCode();
    for (const text of [code, code.toLowerCase(), code.replace('-', ' '), `${code}!`, `kode ${code}`]) {
      expect(languageEvidence({ ...base, text, detected: 'ar', storedSource: null })).toBeNull();
      expect(languageEvidence({ ...base, text, detected: 'ar', storedSource: 'detected' })).toBeNull();
    }
  }
});

test('a sentence around the code still is, and Arabizi without a code still is', () => {
  expect(languageEvidence({ ...base, text: 'koden fra min datter er K7PQ-3XZ2', detected: 'da', storedSource: null })).toBe('da');
  expect(languageEvidence({ ...base, text: 'ana bade 2sajel ibni', detected: 'ar', storedSource: null })).toBe('ar');
  expect(languageEvidence({ ...base, text: 'هذا هو الكود K7PQ-3XZ2', detected: 'ar', storedSource: null })).toBe('ar');
});
