// Recommendations by who is asking, over the programme's real catalogue (prisma/catalogue.json).
import fs from 'node:fs';
import path from 'node:path';
import type { Activity } from '../../src/domain/catalogue';
import { recommend, personOf, saysWhoIsAsking, WISH_ACTIVITIES, type Asking } from '../../src/domain/recommend';

const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '../../prisma/catalogue.json'), 'utf8')) as { activities: Array<Omit<Activity, 'sessions'>> };
const catalogue: Activity[] = raw.activities.map((a) => ({ ...a, sessions: [] }));
const ids = (list: Activity[]) => list.map((a) => a.id);
const fits = (asking: Asking) => ids(recommend(catalogue, asking).fits);
const best = (asking: Asking) => ids(recommend(catalogue, asking).best);

test('every activity a wish names is in the catalogue', () => {
  const known = new Set(ids(catalogue));
  for (const list of Object.values(WISH_ACTIVITIES)) for (const id of list) expect(known).toContain(id);
});

test('"for parents", "for youth" and "for my 10-year-old" give different lists that fit', () => {
  const parents = fits({ audience: 'parents' });
  const youth = fits({ audience: 'youth' });
  const tenYearOld = fits({ who: 'child', age: 10 });
  expect(best({ audience: 'parents' })).toEqual(['parent-network', 'parent-course-ready-for-school', 'job-and-education-guidance']);
  expect(youth).toEqual(['pocket-money-job', 'leisure-job-course', 'youth-platform', 'youth-clubs-and-associations', 'hands-on-learning-pupils']);
  expect(tenYearOld).toEqual(expect.arrayContaining(['youth-clubs-and-associations', 'makerspace-parent-child']));
  for (const tooOld of ['pocket-money-job', 'leisure-job-course', 'youth-platform', 'parent-network', 'family-counselling']) expect(tenYearOld).not.toContain(tooOld);
  for (const list of [parents, youth, tenYearOld]) expect(list.length).toBeLessThan(catalogue.length);
  expect(new Set([parents.join(), youth.join(), tenYearOld.join()]).size).toBe(3);
});

test('a 13-year-old who wants a job gets the pocket-money job; a 15-year-old the job course', () => {
  expect(best({ who: 'child', age: 13, wish: 'job' })).toEqual(['pocket-money-job']);
  expect(best({ who: 'self', age: 15, wish: 'job' })).toEqual(['leisure-job-course']);
});

test('an adult looking for work gets job and education guidance, never the youth jobs', () => {
  for (const asking of [{ who: 'self', age: 45, wish: 'job' }, { audience: 'adults', wish: 'job' }, { audience: 'parents', wish: 'job' }] as Asking[]) {
    const r = recommend(catalogue, asking);
    expect(ids(r.best)).toEqual(['job-and-education-guidance']);
    expect(ids(r.fits)).not.toContain('pocket-money-job');
    expect(ids(r.fits)).not.toContain('leisure-job-course');
  }
});

test('a course for parents of small children is the parents\' course first, not a youth course', () => {
  const r = recommend(catalogue, { audience: 'parents', wish: 'course' });
  expect(ids(r.best)).toEqual(['parent-course-ready-for-school']);
  expect(ids(r.fits)).not.toContain('hands-on-learning-pupils');
  expect(ids(r.fits)).not.toContain('leisure-job-course');
});

test('when nothing fits, the nearest offer for the wish and what fits the age instead', () => {
  const tooYoung = recommend(catalogue, { who: 'child', age: 10, wish: 'job' });
  expect(tooYoung.fits).toEqual([]);
  expect(ids(tooYoung.nearest)).toEqual(['pocket-money-job']);
  expect(ids(tooYoung.otherwise)).toContain('youth-clubs-and-associations');
  const retired = recommend(catalogue, { who: 'self', age: 70, wish: 'job' });
  expect(ids(retired.nearest)).toEqual(['job-and-education-guidance']);
});

test('who the participant is', () => {
  expect(personOf({ who: 'child', age: 10 })).toMatchObject({ stage: 'minor', age: 10 });
  expect(personOf({ who: 'self', age: 45 })).toMatchObject({ stage: 'adult', age: 45 });
  expect(personOf({ audience: 'youth' })).toMatchObject({ stage: 'minor' });
  expect(personOf({ audience: 'parents' })).toMatchObject({ stage: 'adult' });
  // A parent who mentions a child's age asks for themselves.
  expect(personOf({ audience: 'parents', age: 3 })).toMatchObject({ stage: 'adult', audience: 'parents' });
  expect(personOf({ wish: 'job' })).toMatchObject({ stage: 'unknown' });
  expect(saysWhoIsAsking({ wish: 'course' })).toBe(false);
  expect(saysWhoIsAsking({ who: 'child' })).toBe(true);
});

test('a family looks for things to do together', () => {
  const r = recommend(catalogue, { audience: 'families', wish: 'leisure' });
  expect(ids(r.best)).toEqual(expect.arrayContaining(['makerspace-parent-child', 'makerspace-open-workshop', 'neighbourhood-events']));
  expect(ids(r.fits)).not.toContain('youth-platform');
});
