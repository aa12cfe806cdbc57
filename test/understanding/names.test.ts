// Names typed into a sign-up must not read as emergencies or requests.
import path from 'node:path';
import { loadUnderstanding } from '../../src/understanding';

const u = loadUnderstanding({ localesDir: path.resolve(__dirname, '../../locales') });

test.each(['Jane Doe', 'Self', 'فاطمة علي', 'Bo Berg', 'Omar Khalil', 'Mette Hansen', 'يوسف الأحمد'])('"%s" is no emergency', (name) => {
  expect(u.parse(name).intent).not.toBe('emergency');
});

test.each(['min far slår mig', 'someone at home is hurting me', 'أبي يضرب أمي'])('"%s" still is', (text) => {
  expect(u.parse(text).intent).toBe('emergency');
});
