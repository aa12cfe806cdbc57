// What to offer by who is asking: an age, an audience ("for parents", "for youth"), whether it is
// for the writer or their child, and a wish (a job, a course, meeting other parents, something to
// do). Pure functions over the catalogue; the dialog only renders what they return.
import type { Activity, Category } from './catalogue';
import { isSignupCategory, type Audience, type SignupCategory } from './categories';

/**
 * Who an offer should fit, as a message says it: the catalogue's audiences and adults. When a
 * message names several ("for parents and their kids"), the first in this order is meant.
 */
export const ASKER_AUDIENCES = ['parents', 'families', 'adults', 'youth', 'children'] as const satisfies readonly (Audience | 'adults')[];
export type AskerAudience = (typeof ASKER_AUDIENCES)[number];
/** What the person would like: a job, a course, to meet other parents, something to do, advice, education. */
export const WISHES = ['job', 'course', 'meet_parents', 'leisure', 'advice', 'education'] as const;
export type Wish = (typeof WISHES)[number];

export interface Asking {
  /** The participant's age, when the message gives it ("for my 10-year-old", "I am 45"). */
  age?: number;
  audience?: AskerAudience;
  /** The writer themselves, or the writer's child. */
  who?: 'self' | 'child';
  wish?: Wish;
}

/** Whom the offer is for, as far as the message tells. */
export interface Person {
  /** A child or young person (under 18), or an adult (a parent, a job seeker, a neighbour). */
  stage: 'minor' | 'adult' | 'unknown';
  age?: number;
  audience?: AskerAudience;
}

export interface Recommendation {
  person: Person;
  /** Fitting activities, best first. */
  fits: Activity[];
  /** The best of them: the ones that fit exactly (e.g. for parents, not for the whole family). */
  best: Activity[];
  /** Nothing fits: the nearest offers for the wish (closest age first), to say honestly what is near. */
  nearest: Activity[];
  /** Nothing fits the wish: what still fits the person without it. */
  otherwise: Activity[];
}

/** Adulthood, for the catalogue's audiences without an age range. */
export const ADULT_AGE = 18;
/** Youngest age a youth activity without an age range is offered to (clubs, pupils' courses). */
const YOUTH_FROM = 6;

/**
 * Which activities answer which wish: by category, plus activities whose category is broader than
 * what they do (the job course is a course too; job guidance answers "a job" for adults).
 */
const WISH_CATEGORIES: Record<Wish, Category[]> = {
  job: ['pocket_money_job'],
  course: ['course'],
  meet_parents: ['parent_network'],
  leisure: ['youth'],
  advice: ['counselling'],
  education: [],
};
export const WISH_ACTIVITIES: Record<Wish, string[]> = {
  job: ['job-and-education-guidance'],
  course: ['leisure-job-course'],
  meet_parents: ['parent-course-ready-for-school', 'neighbourhood-events'],
  leisure: ['makerspace-parent-child', 'makerspace-open-workshop', 'neighbourhood-events'],
  advice: ['health-centre-outreach', 'job-and-education-guidance'],
  education: ['job-and-education-guidance', 'youth-clubs-and-associations', 'hands-on-learning-pupils', 'leisure-job-course'],
};

/** The wish a sign-up kind answers ("lommepengejob" is a wish for a job). */
export function wishOfSignupCategory(kind: SignupCategory): Wish {
  return WISHES.find((w) => WISH_CATEGORIES[w].includes(kind))!;
}

/** A wish no sign-up kind answers ("noget at lave", advice, education): it asks for offers, not a sign-up. */
export function isOpenWish(wish: Wish): boolean {
  return !WISH_CATEGORIES[wish].some(isSignupCategory);
}

export function answersWish(a: Activity, wish: Wish): boolean {
  return WISH_CATEGORIES[wish].includes(a.category) || WISH_ACTIVITIES[wish].includes(a.id);
}

/** Does the message say anything about who is asking? Without it, the whole catalogue is the answer. */
export function saysWhoIsAsking(asking: Asking): boolean {
  return asking.age !== undefined || asking.audience !== undefined || asking.who === 'child';
}

/**
 * The participant: "my 10-year-old" is a minor of 10; "I am 45" an adult of 45; "for parents" an
 * adult; "for youth" a minor. A parent's own words ("forældre med små børn") make the parent the
 * participant unless the child is named as the one to join.
 */
export function personOf(asking: Asking): Person {
  const { age, audience, who } = asking;
  // "vi har en på 3, er der noget for os forældre": the age is the child's, the offer for the parent.
  if (audience === 'parents' && who !== 'child') return { stage: 'adult', audience };
  if (age !== undefined) return { stage: age < ADULT_AGE ? 'minor' : 'adult', age, audience };
  if (who === 'child' || audience === 'youth' || audience === 'children') return { stage: 'minor', audience: audience ?? 'children' };
  if (audience === 'parents' || audience === 'adults' || audience === 'families') return { stage: 'adult', audience };
  return { stage: 'unknown' };
}

/** 0: does not fit; 1: fits broadly (a family activity); 2: made for this person. */
export function fitFor(a: Activity, p: Person): 0 | 1 | 2 {
  if (!ageFits(a, p)) return 0;
  const ranged = a.minAge !== null || a.maxAge !== null;
  if (p.stage === 'unknown') return 1;
  if (p.stage === 'minor') {
    if (a.audience === 'youth' || a.audience === 'children') {
      // "for children" means the younger ones: a youth activity from 13 is not for them.
      if (p.audience === 'children' && p.age === undefined && (a.minAge ?? 0) >= 13) return 0;
      return 2;
    }
    // With the family: things to do and make together, not the parents' advice talks.
    if (a.audience === 'families') return p.audience !== 'youth' && (answersWish(a, 'leisure') || a.category === 'course') ? 1 : 0;
    return 0;
  }
  // An adult.
  if (a.audience === 'youth' || a.audience === 'children') return ranged ? 1 : 0;
  if (a.audience === 'families') return p.audience === 'families' ? 2 : 1;
  // Made for parents (or adults: the job guidance).
  if (p.audience === 'families') return 1;
  if (p.audience === 'adults') return ranged ? 2 : 1;
  return 2;
}

function ageFits(a: Activity, p: Person): boolean {
  const { age } = p;
  const ranged = a.minAge !== null || a.maxAge !== null;
  if (age !== undefined) {
    if (ranged) return (a.minAge === null || age >= a.minAge) && (a.maxAge === null || age <= a.maxAge);
    if (a.audience === 'youth' || a.audience === 'children') return age >= YOUTH_FROM && age < ADULT_AGE;
    if (a.audience === 'parents') return age >= ADULT_AGE;
    return true;
  }
  // No age: an adult of unknown age fits only ranges that are all adult, a minor only ranges that start young.
  if (!ranged) return true;
  if (p.stage === 'adult') return (a.minAge ?? 0) >= ADULT_AGE;
  if (p.stage === 'minor') return (a.minAge ?? 0) < ADULT_AGE;
  return true;
}

/** Years between an age and an activity's range (0 inside it). */
function ageDistance(a: Activity, age: number | undefined): number {
  if (age === undefined) return 0;
  if (a.minAge !== null && age < a.minAge) return a.minAge - age;
  if (a.maxAge !== null && age > a.maxAge) return age - a.maxAge;
  return 0;
}

export function recommend(all: Activity[], asking: Asking): Recommendation {
  const person = personOf(asking);
  const scored = all
    .map((a) => ({ a, fit: fitFor(a, person) }))
    .filter((x) => x.fit > 0)
    .sort((x, y) => y.fit - x.fit || x.a.sortOrder - y.a.sortOrder);
  const { wish } = asking;
  const wanted = wish ? scored.filter((x) => answersWish(x.a, wish)) : scored;
  const top = wanted[0]?.fit;
  const fits = wanted.map((x) => x.a);
  const best = wanted.filter((x) => x.fit === top).map((x) => x.a);
  if (fits.length || !wish) return { person, fits, best, nearest: [], otherwise: [] };
  // Nothing fits the wish for this person: the closest in age that answers it, and what fits the person.
  const forWish = all.filter((a) => answersWish(a, wish));
  const closest = Math.min(...forWish.map((a) => ageDistance(a, person.age)));
  const nearest = forWish.filter((a) => ageDistance(a, person.age) === closest).sort((x, y) => x.sortOrder - y.sortOrder);
  return { person, fits: [], best: [], nearest, otherwise: scored.map((x) => x.a) };
}
