// 50 residents race for 10 seats across two server processes sharing PostgreSQL:
// exactly 10 confirmed, 40 waitlisted in order, nothing lost.
import { resetPostgres, PG_URL } from '../support/db';
import { FakeConnector } from '../support/fake-connector';
import { Chat, texts, lastPrompt, type BotUnderTest } from '../support/harness';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { createDb, type Db } from '../../src/store/prisma';

// "Bo" is also a Danish word ("live"): names are names all the same.
const FIRST = ['Amira', 'Bo', 'Camilla', 'Dalia', 'Emil', 'Fatima', 'Gustav', 'Hiba', 'Ida', 'Jamal'];
const LAST = ['Ahmed', 'Berg', 'Celik', 'Dahl', 'Eriksen'];
const RESIDENTS = 50;
const SEATS = 10;

const servers: ServerProcess[] = [];
let connector: FakeConnector;
let db: Db;

beforeAll(async () => {
  await resetPostgres();
  connector = await new FakeConnector().start();
  for (let i = 0; i < 2; i++) servers.push(await startServerProcess({ DATABASE_URL: PG_URL }));
  db = createDb(PG_URL).db;
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  await connector.stop();
  await db?.$disconnect();
});

test('two processes, 50 residents, 10 seats', async () => {
  const session = await db.session.findFirstOrThrow({ where: { activityId: 'parent-course-ready-for-school' }, orderBy: { startsAt: 'asc' } });
  await db.session.update({ where: { id: session.id }, data: { capacity: SEATS } });

  // Each resident talks to one of the two processes, up to the question "shall I sign you up?".
  const chats = Array.from({ length: RESIDENTS }, (_, i) => {
    const target = { connector, url: servers[i % 2].url } as unknown as BotUnderTest;
    return new Chat(target, { userId: `racer-${i}` });
  });
  await Promise.all(
    chats.map(async (chat, i) => {
      await chat.tap('signup:parent-course-ready-for-school');
      await chat.tap(session.id);
      await chat.tap('yes');
      await chat.say(`${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length)]}`);
      const summary = await chat.say(`2${String(i).padStart(7, '0')}`);
      expect(lastPrompt(summary)).toBe('confirm');
    }),
  );

  // Everyone confirms at once, half of them through each process.
  const outcomes = await Promise.all(chats.map((chat) => chat.tap('yes').then(texts)));
  expect(outcomes.filter((t) => /Du er tilmeldt/.test(t))).toHaveLength(SEATS);
  expect(outcomes.filter((t) => /Du er skrevet på ventelisten/.test(t))).toHaveLength(RESIDENTS - SEATS);

  const rows = await db.registration.findMany({ where: { sessionId: session.id }, orderBy: [{ waitlistedAt: 'asc' }, { id: 'asc' }] });
  expect(rows).toHaveLength(RESIDENTS);
  expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(SEATS);
  const waitlisted = rows.filter((r) => r.status === 'waitlisted');
  expect(waitlisted).toHaveLength(RESIDENTS - SEATS);

  // Each waitlisted resident was told a distinct place, and the places follow arrival order.
  const told = new Map<string, number>();
  outcomes.forEach((t, i) => {
    const m = /Venteliste, nummer (\d+)/.exec(t);
    if (m) told.set(`racer-${i}`, Number(m[1]));
  });
  expect([...told.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: RESIDENTS - SEATS }, (_, i) => i + 1));
  const residents = await db.resident.findMany({ where: { id: { in: waitlisted.map((r) => r.residentId) } } });
  const userOf = new Map(residents.map((r) => [r.id, r.channelUserId]));
  expect(waitlisted.map((r) => told.get(userOf.get(r.residentId)!))).toEqual(Array.from({ length: RESIDENTS - SEATS }, (_, i) => i + 1));
}, 180_000);
