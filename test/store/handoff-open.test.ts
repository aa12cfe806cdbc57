// Opening a handoff and releasing its notification, on SQLite through the fast path (one synchronous
// transaction) and through Prisma, and on PostgreSQL: the same outcomes, read back by the ORM.
import type { Db } from '../../src/store/prisma';
import { prismaHandoffRepository } from '../../src/store/handoff-repository';
import { prismaResidentRepository } from '../../src/store/resident-repository';
import { MESSAGES_KEPT, type HandoffRepository } from '../../src/domain/handoffs';
import { STORE_PATHS, storeUnderTest } from '../support/store';

describe.each(STORE_PATHS)('opening a handoff on %s (fast path: %s)', (kind, useFast) => {
  const store = storeUnderTest(kind, useFast);
  let db: Db;
  let repo: HandoffRepository;
  beforeAll(() => {
    db = store.db;
    repo = prismaHandoffRepository(db, store.provider, store.fast);
  });
  const resident = (user: string) => prismaResidentRepository(db, store.fast).findOrCreate('webchat', user);
  const ref = JSON.stringify({ conversation: { id: 'c' } });

  test('a new handoff is queued with its reason, times and the newest transcript lines in order', async () => {
    const r = await resident('o-new');
    const now = new Date('2026-03-03T09:00:00.500Z');
    const transcript = Array.from({ length: MESSAGES_KEPT + 3 }, (_, i) => `line ${i}`);
    const outcome = await repo.open({ residentId: r.id, reason: { trigger: 'asked', activityId: 'course' }, language: 'ar', conversationRef: ref, transcript }, now);
    expect(outcome.created).toBe(true);
    expect(outcome.handoff).toEqual(await repo.byId(outcome.handoff.id));
    expect(outcome.handoff).toMatchObject({
      residentId: r.id, reason: { trigger: 'asked', activityId: 'course' }, urgent: false, status: 'queued', language: 'ar', conversationRef: ref,
      staffConversationId: null, staffActivityId: null, takenBy: null, takenAt: null, closedAt: null,
    });
    expect(outcome.handoff.createdAt.toISOString()).toBe(now.toISOString());
    expect(outcome.handoff.notifiedAt?.toISOString()).toBe(now.toISOString());
    const kept = await db.handoffMessage.findMany({ where: { handoffId: outcome.handoff.id }, orderBy: { createdAt: 'asc' } });
    expect(kept.map((m) => m.text)).toEqual(transcript.slice(-MESSAGES_KEPT));
    expect(kept.every((m) => m.direction === 'resident' && m.createdAt < now)).toBe(true);
  });

  test('asking again gives the open one; an emergency makes it urgent; after closing a new one opens', async () => {
    const r = await resident('o-again');
    const first = await repo.open({ residentId: r.id, reason: { trigger: 'asked' }, language: 'da', conversationRef: ref, transcript: ['hej'] }, new Date('2026-03-03T10:00:00Z'));
    const again = await repo.open({ residentId: r.id, reason: { trigger: 'not_understood' }, language: 'da', conversationRef: ref, transcript: ['igen'] }, new Date('2026-03-03T10:01:00Z'));
    expect(again).toEqual({ created: false, handoff: first.handoff });
    const danger = await repo.open({ residentId: r.id, reason: { trigger: 'emergency' }, language: 'da', conversationRef: ref, transcript: [] }, new Date('2026-03-03T10:02:00Z'));
    expect(danger).toEqual({ created: false, handoff: { ...first.handoff, urgent: true } });
    expect(await repo.byId(first.handoff.id)).toMatchObject({ urgent: true, reason: { trigger: 'asked' } });
    expect(await db.handoffMessage.count({ where: { handoffId: first.handoff.id } })).toBe(1);
    await repo.close(first.handoff.id, new Date('2026-03-03T10:03:00Z'));
    const next = await repo.open({ residentId: r.id, reason: { trigger: 'emergency' }, language: 'da', conversationRef: ref, transcript: [] }, new Date('2026-03-03T10:04:00Z'));
    expect(next.created).toBe(true);
    expect(next.handoff).toMatchObject({ urgent: true, status: 'queued', reason: { trigger: 'emergency' } });
    expect(next.handoff.id).not.toBe(first.handoff.id);
  });

  test('releasing the notification clears notifiedAt; an unknown handoff is an error', async () => {
    const r = await resident('o-release');
    const { handoff } = await repo.open({ residentId: r.id, reason: { trigger: 'asked' }, language: 'en', conversationRef: ref, transcript: [] }, new Date());
    await repo.releaseNotification(handoff.id);
    expect(await repo.byId(handoff.id)).toMatchObject({ notifiedAt: null, status: 'queued' });
    await expect(repo.releaseNotification('no-such-handoff')).rejects.toThrow();
  });
});
