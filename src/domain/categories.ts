// The kinds of activity in the programme, written once. The catalogue holds all of them; a resident
// names one of the three sign-up kinds (forældrenetværk, lommepengejob, kurser) to start a sign-up,
// and /api/parse reports those three as its `category` entity.

/** Every kind of activity the catalogue may hold (prisma/catalogue.json's `category`). */
export const CATEGORIES = ['parent_network', 'pocket_money_job', 'course', 'counselling', 'youth', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The kinds a resident signs up for by name, one sign-up flow each; also the understanding's `category` entity. */
export const SIGNUP_CATEGORIES = ['parent_network', 'pocket_money_job', 'course'] as const satisfies readonly Category[];
export type SignupCategory = (typeof SIGNUP_CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function isSignupCategory(value: string): value is SignupCategory {
  return (SIGNUP_CATEGORIES as readonly string[]).includes(value);
}

/**
 * The sign-up kind an activity is joined through: its own when it is one of the three, else the
 * course flow, which takes every other dated activity (youth clubs, open workshops, …).
 */
export function signupCategoryOf(category: Category): SignupCategory {
  return isSignupCategory(category) ? category : 'course';
}
