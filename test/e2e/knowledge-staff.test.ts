// Staff and the knowledge over HTTP (issue 13): the questions nobody could answer (masked, no
// resident id), reading the entries, and editing a fact, which the bot then answers with
// "Updated by staff on …" and the seed never overwrites. Every route needs the staff token and is
// audited. On SQLite and PostgreSQL.
import { startBot, texts, type BotUnderTest } from '../support/harness';

const TOKEN = 'staff-token-for-knowledge-tests-0123456789';
const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

describe.each(['sqlite', 'postgres'] as const)('staff knowledge API on %s', (db) => {
  let bot: BotUnderTest;
  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${bot.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const put = (path: string, body: unknown, token: string | null = TOKEN) =>
    fetch(`${bot.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const actions = async () => (await bot.app.db.auditEntry.findMany({ orderBy: { id: 'asc' } })).map((a) => `${a.action}:${a.recordId ?? ''}`);

  beforeAll(async () => {
    bot = await startBot({ db, env: { STAFF_API_TOKEN: TOKEN } });
    await bot.app.db.unansweredQuestion.deleteMany();
    await bot.app.db.auditEntry.deleteMany();
  });
  afterAll(async () => bot.close());

  test('without the staff token every route is 401', async () => {
    expect((await get('/api/staff/unanswered', null)).status).toBe(401);
    expect((await get('/api/staff/knowledge', 'wrong-token')).status).toBe(401);
    expect((await put('/api/staff/knowledge/address', { value: 'x' }, null)).status).toBe(401);
    expect(await actions()).toEqual([]);
  });

  test('a question nobody could answer reaches staff masked, with its language and no resident id', async () => {
    await bot.chat({ userId: 'resident-secret-id' }).say('jeg hedder Karima Holm, kan i hjælpe mig med at søge SU? ring på 22 33 44 55');
    await bot.chat().say('where are you?');
    const res = await get('/api/staff/unanswered');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { questions: Record<string, unknown>[] };
    const [unset, noMatch] = body.questions;
    expect(unset).toMatchObject({ lang: 'en', reason: 'unset', entryKey: 'address', text: 'where are you?' });
    expect(noMatch).toMatchObject({ lang: 'da', reason: 'no-match', entryKey: null });
    expect(noMatch.text).toMatch(/SU/);
    expect(noMatch.text).toContain('<phone>');
    expect(JSON.stringify(body)).not.toMatch(/Karima|Holm|22 33 44 55|resident-secret-id/);
    expect(Object.keys(noMatch).sort()).toEqual(['at', 'entryKey', 'id', 'lang', 'reason', 'text']);
    expect(await actions()).toEqual(['unanswered.read:']);
  });

  test('staff read the entries with their texts per language and what is unset', async () => {
    const res = await get('/api/staff/knowledge');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { languages: string[]; entries: Record<string, any>[] };
    expect(body.languages).toEqual(expect.arrayContaining(['da', 'ar', 'en']));
    const address = body.entries.find((e) => e.key === 'address')!;
    expect(address).toMatchObject({ kind: 'fact', value: null, editedByStaff: false, contact: { phone: null } });
    expect(address.texts.da.answer).toContain('{{value}}');
    expect(Array.isArray(address.texts.ar.questions)).toBe(true);
    expect((await actions()).at(-1)).toBe('knowledge.read:');
  });

  test('an address staff set is answered at once, "updated by staff", and a restart keeps it', async () => {
    const res = await put('/api/staff/knowledge/address', { value: 'Charlottevej 7, 2630 Taastrup' });
    expect(res.status).toBe(200);
    const { entry } = (await res.json()) as { entry: Record<string, any> };
    expect(entry).toMatchObject({ key: 'address', value: 'Charlottevej 7, 2630 Taastrup', editedByStaff: true, source: 'staff' });
    expect((await actions()).at(-1)).toBe('knowledge.edit:address');

    const text = plain(texts(await bot.chat().say('hvor ligger i henne?')));
    expect(text).toContain('Charlottevej 7, 2630 Taastrup');
    expect(text).toMatch(/opdateret/i);

    await bot.restart();
    const again = plain(texts(await bot.chat().say('where are you?')));
    expect(again).toContain('Charlottevej 7, 2630 Taastrup');
    expect(again).toMatch(/updated/i);
  });

  test('a referral contact and an Arabic text staff edit', async () => {
    const res = await put('/api/staff/knowledge/estate-office', {
      contact: { phone: '43 99 88 77', hours: 'man–fre 8–9' },
      texts: { ar: { questions: ['الشوفاج خربان'] } },
    });
    expect(res.status).toBe(200);
    const text = plain(texts(await bot.chat().say('my heater is broken')));
    expect(text).toContain('43 99 88 77');
  });

  test('a broken edit is refused and changes nothing', async () => {
    expect((await put('/api/staff/knowledge/no-such-entry', { value: 'x' })).status).toBe(404);
    const noSlot = await put('/api/staff/knowledge/phone', { texts: { da: { answer: 'Ring til os.' } } });
    expect(noSlot.status).toBe(400);
    expect(await noSlot.json()).toEqual({ error: 'fact_without_value_slot' });
    const bad = await put('/api/staff/knowledge/phone', { value: 42 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('value');
    const lang = await put('/api/staff/knowledge/phone', { texts: { fr: { title: 'téléphone', answer: '{{value}}' } } });
    expect(await lang.json()).toEqual({ error: 'unknown_language' });
    const phone = (await bot.app.db.knowledgeEntry.findUnique({ where: { key: 'phone' } }))!;
    expect(phone.editedByStaff).toBe(false);
  });
});
