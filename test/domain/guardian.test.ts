import {
  asksGuardianContact, awaitsGuardianYes, childNoticeKey, findGuardianCode, guardianRole, hashSecret, newGuardianCode,
  newGuardianInvite, normaliseGuardianCode, openForAnswer, seatedStatus, stillAwaitsGuardianYes,
} from '../../src/domain/guardian';

const now = new Date('2026-11-25T12:00:00Z');
const job = { guardianRequiredUnder: 15 };
const course = { guardianRequiredUnder: 15 };
const network = { guardianRequiredUnder: null };

test('a 13-year-old alone must get a guardian\'s yes; a 15-year-old and an adult need none', () => {
  expect(guardianRole(job, 'self', 2013, now)).toBe('must_agree');
  expect(guardianRole(course, 'self', 2011, now)).toBe('none');
  expect(guardianRole(network, 'self', 1985, now)).toBe('none');
});

test('an unknown birth year cannot rule out a minor: the guardian must agree', () => {
  expect(guardianRole(job, 'self', null, now)).toBe('must_agree');
});

test('a parent signing up a child is the guardian: their contact is asked, no second yes is awaited', () => {
  const role = guardianRole(job, 'child', 2013, now);
  expect(role).toBe('signs_up');
  expect(asksGuardianContact(role)).toBe(true);
  expect(awaitsGuardianYes(role)).toBe(false);
  expect(asksGuardianContact('must_agree') && awaitsGuardianYes('must_agree')).toBe(true);
  expect(asksGuardianContact('none') || awaitsGuardianYes('none')).toBe(false);
});

test('a seat is confirmed unless the guardian\'s yes is missing', () => {
  expect(seatedStatus(true)).toBe('pending_guardian');
  expect(seatedStatus(false)).toBe('confirmed');
});

test('moved up from the waitlist, a sign-up still waits only while a guardian who must agree has not said yes', () => {
  expect(stillAwaitsGuardianYes('must_agree', null)).toBe(true);
  expect(stillAwaitsGuardianYes('must_agree', 'no')).toBe(true);
  expect(stillAwaitsGuardianYes('must_agree', 'yes')).toBe(false);
  expect(stillAwaitsGuardianYes('signs_up', undefined)).toBe(false);
  expect(stillAwaitsGuardianYes('none', null)).toBe(false);
});

test('codes are short, readable, with digits; a code is found in a sentence in any case and with or without the dash', () => {
  for (let i = 0; i < 300; i++) {
    const code = newGuardianCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(findGuardianCode(`koden er ${code.toLowerCase()}`)).toBe(normaliseGuardianCode(code));
    expect(findGuardianCode(`الرمز ${code.replace('-', '')}`)).toBe(normaliseGuardianCode(code));
  }
  expect(findGuardianCode('standard')).toBeNull();
  expect(findGuardianCode('my phone 31570246')).toBeNull();
  expect(findGuardianCode('reference R7K2QX')).toBeNull();
});

test('an invite has a long random token and expires after the hours given; only hashes are compared', () => {
  const a = newGuardianInvite(now, 48);
  const b = newGuardianInvite(now, 48);
  expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(a.token).not.toBe(b.token);
  expect(a.expiresAt.toISOString()).toBe('2026-11-27T12:00:00.000Z');
  expect(hashSecret(a.token)).toMatch(/^[0-9a-f]{64}$/);
  expect(hashSecret(a.token)).not.toContain(a.token);
});

test('an answer is taken once, before the deadline, while the sign-up stands; a waitlisted sign-up has no deadline yet', () => {
  const later = new Date(now.getTime() + 3_600_000);
  expect(openForAnswer({ answer: null, expiresAt: later, status: 'pending_guardian' }, now)).toBe(true);
  expect(openForAnswer({ answer: 'yes', expiresAt: later, status: 'confirmed' }, now)).toBe(false);
  expect(openForAnswer({ answer: null, expiresAt: now, status: 'pending_guardian' }, later)).toBe(false);
  expect(openForAnswer({ answer: null, expiresAt: now, status: 'waitlisted' }, later)).toBe(true);
  expect(openForAnswer({ answer: null, expiresAt: later, status: 'cancelled' }, now)).toBe(false);
});

test('the child hears yes, no, or that no answer came', () => {
  expect(childNoticeKey('yes', 'page', 'confirmed')).toBe('guardian:toChild.yes');
  expect(childNoticeKey('yes', 'chat', 'waitlisted')).toBe('guardian:toChild.yesWaitlisted');
  expect(childNoticeKey('no', 'page', 'cancelled')).toBe('guardian:toChild.no');
  expect(childNoticeKey('no', 'timeout', 'cancelled')).toBe('guardian:toChild.expired');
});
