import { loadConfig } from '../src/config';

test('defaults give a local bot on SQLite', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ PORT: 3978, DATABASE_URL: 'file:./data/kvarterbot.db', databaseProvider: 'sqlite', DEFAULT_LANGUAGE: 'da' });
});

test('a PostgreSQL URL switches the provider', () => {
  expect(loadConfig({ DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db' }).databaseProvider).toBe('postgres');
});

test.each([
  [{ PORT: 'abc' }, /^Invalid environment variable PORT: /],
  [{ DATABASE_URL: 'mysql://x' }, /^Invalid environment variable DATABASE_URL: must start with file:/],
  [{ OPENAI_BASE_URL: 'not a url' }, /^Invalid environment variable OPENAI_BASE_URL/],
  [{ MICROSOFT_APP_ID: 'abc' }, /^Invalid environment variable MICROSOFT_APP_PASSWORD: required/],
])('a wrong value stops start-up with one line naming the variable (%o)', (env, message) => {
  expect(() => loadConfig(env)).toThrow(message);
});
