import type { Activity } from '../../src/domain/catalogue';
import { alternativesForAge, bestForAge, checkAge } from '../../src/domain/eligibility';
import { CODE_ALPHABET, newReferenceCode, sameParticipant, statusFor } from '../../src/domain/registrations';

const now = new Date('2026-11-25T12:00:00Z');
const activity = (id: string, minAge: number | null, maxAge: number | null, guardianRequiredUnder: number | null = null): Activity => ({
  id, category: 'pocket_money_job', audience: 'youth', minAge, maxAge, guardianRequiredUnder, place: 'x', contact: 'y', sortOrder: 0,
  signupMode: 'session', texts: {}, sessions: [],
});
const job = activity('pocket-money-job', 13, 14, 15);
const course = activity('leisure-job-course', 14, 16, 15);

test('age is the age reached this calendar year, checked against the range', () => {
  expect(checkAge(job, 2013, now)).toEqual({ ok: true });
  expect(checkAge(job, 2016, now)).toEqual({ ok: false, reason: 'too_young', age: 10 });
  expect(checkAge(job, 2010, now)).toEqual({ ok: false, reason: 'too_old', age: 16 });
});

test('the activity that fits an age is chosen; overlapping ages leave the choice to the resident', () => {
  expect(bestForAge([job, course], 2013, now)?.id).toBe('pocket-money-job');
  expect(bestForAge([job, course], 2011, now)?.id).toBe('leisure-job-course');
  expect(bestForAge([job, course], 2012, now)).toBeUndefined();
  expect(alternativesForAge([job, course], 2011, now, 'pocket-money-job').map((a) => a.id)).toEqual(['leisure-job-course']);
});

test('reference codes avoid look-alike characters', () => {
  for (let i = 0; i < 500; i++) expect(newReferenceCode()).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  expect(CODE_ALPHABET).not.toMatch(/[01IOL]/);
});

test('seats: full means waitlist; a minor alone waits for the guardian', () => {
  expect(statusFor('none', 10, 9)).toBe('confirmed');
  expect(statusFor('signs_up', 10, 9)).toBe('confirmed');
  expect(statusFor('none', 10, 10)).toBe('waitlisted');
  expect(statusFor('must_agree', null, 0)).toBe('pending_guardian');
  expect(sameParticipant(' Amira  Hassan', 'amira hassan')).toBe(true);
});
