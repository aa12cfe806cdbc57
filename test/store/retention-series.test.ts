// A course booked whole (issue 13) keeps its registration's personal data until the course is over:
// the seat is held on the first meeting, but the retention job waits for the last (both databases).
import { prismaRetentionStore } from '../../src/store/retention-repository';
import { PROMISED_RETENTION, runRetention } from '../../src/domain/retention';
import type { DbKind } from '../support/db';
import { storeUnderTest } from '../support/store';

const at = (days: number) => new Date(new Date('2027-09-01T10:00:00Z').getTime() + days * 86_400_000);

describe.each<DbKind>(['sqlite', 'postgres'])('retention of a course on %s', (kind) => {
  const store = storeUnderTest(kind, false);

  test('not after the first meeting, after the last', async () => {
    const { db } = store;
    await db.jobLease.deleteMany();
    const id = `series-ret-${kind}`;
    await db.activity.create({ data: { id, category: 'course', audience: 'parents', place: 'x', contact: 'x', seriesMeetings: 3 } });
    for (const d of [10, 17, 24]) {
      await db.session.create({ data: { id: `${id}-${d}`, activityId: id, startsAt: at(d), endsAt: new Date(at(d).getTime() + 2 * 3_600_000), capacity: 5, seriesId: `${id}-10` } });
    }
    const resident = await db.resident.create({ data: { channelId: 'test', channelUserId: id, language: 'da', consentAt: at(0) } });
    const reg = await db.registration.create({
      data: { referenceCode: `S${kind[0].toUpperCase()}RET1`, residentId: resident.id, activityId: id, sessionId: `${id}-10`, participant: 'self', participantName: 'Nadia Course', status: 'confirmed', createdAt: at(0) },
    });
    await runRetention(prismaRetentionStore(db), PROMISED_RETENTION, at(12), 'test');
    expect(await db.registration.findUnique({ where: { id: reg.id } })).toMatchObject({ participantName: 'Nadia Course' });
    await runRetention(prismaRetentionStore(db), PROMISED_RETENTION, at(26), 'test');
    expect(await db.registration.findUnique({ where: { id: reg.id } })).toBeNull();
  });
});
