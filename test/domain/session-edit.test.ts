// What editing a session means (src/domain/session-edit.ts): refused below the seats taken, the
// waitlist moved up as far as the new seats go, residents told only when the start moves.
import { judgeSessionEdit, movedNoticeKey, movedNoticeVars, TOLD_OF_MOVE } from '../../src/domain/session-edit';

const at = (iso: string) => new Date(iso);
const session = { startsAt: at('2030-03-05T15:00:00Z'), endsAt: at('2030-03-05T17:00:00Z'), capacity: 4 };

describe('judgeSessionEdit', () => {
  test('fewer seats than are taken is refused, with the seats taken', () => {
    expect(judgeSessionEdit(session, { ...session, capacity: 2 }, 3, 0)).toEqual({ ok: false, reason: 'below_taken', taken: 3 });
  });

  test('as many seats as are taken is allowed, and moves nobody up', () => {
    expect(judgeSessionEdit(session, { ...session, capacity: 3 }, 3, 2)).toEqual({ ok: true, moved: false, promote: 0 });
  });

  test('more seats move the waitlist up as far as the free seats go', () => {
    expect(judgeSessionEdit(session, { ...session, capacity: 6 }, 4, 5)).toEqual({ ok: true, moved: false, promote: 2 });
    expect(judgeSessionEdit(session, { ...session, capacity: 10 }, 4, 1)).toEqual({ ok: true, moved: false, promote: 1 });
    expect(judgeSessionEdit(session, { ...session, capacity: 10 }, 4, 0)).toEqual({ ok: true, moved: false, promote: 0 });
  });

  test('free seats left over from before are filled too (the waitlist never waits beside an empty seat)', () => {
    expect(judgeSessionEdit(session, session, 2, 3)).toEqual({ ok: true, moved: false, promote: 2 });
  });

  test('a new start is a move; a new end alone is not', () => {
    expect(judgeSessionEdit(session, { ...session, startsAt: at('2030-03-06T15:00:00Z') }, 1, 0)).toMatchObject({ moved: true });
    expect(judgeSessionEdit(session, { ...session, endsAt: at('2030-03-05T18:00:00Z') }, 1, 0)).toMatchObject({ moved: false });
    expect(judgeSessionEdit(session, { ...session, startsAt: new Date(session.startsAt.getTime()) }, 1, 0)).toMatchObject({ moved: false });
  });
});

test('who is told of a move, and with which words', () => {
  expect([...TOLD_OF_MOVE].sort()).toEqual(['confirmed', 'pending_guardian', 'waitlisted']);
  expect(movedNoticeKey('confirmed')).toBe('notices:sessionMoved');
  expect(movedNoticeKey('pending_guardian')).toBe('notices:sessionMoved');
  expect(movedNoticeKey('waitlisted')).toBe('notices:sessionMovedWaitlisted');
  expect(movedNoticeVars('AB12CD', 'makerspace', at('2030-03-06T15:00:00Z'), at('2030-03-05T15:00:00Z'))).toEqual({
    code: 'AB12CD', activityId: 'makerspace', startsAt: '2030-03-06T15:00:00.000Z', previousStartsAt: '2030-03-05T15:00:00.000Z',
  });
});
