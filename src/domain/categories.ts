// The catalogue's closed lists, written once: the kinds of activity, whom an activity is for and how
// one joins it. The catalogue holds every kind; a resident names one of the three sign-up kinds
// (forældrenetværk, lommepengejob, kurser) to start a sign-up, and /api/parse reports those three as
// its `category` entity. prisma/catalogue.json is checked against these lists when it is seeded.

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

/** The catalogue kinds a sign-up kind takes: its own, and for the course flow every kind no other flow takes. */
export function categoriesJoinedThrough(kind: SignupCategory): Category[] {
  return CATEGORIES.filter((c) => signupCategoryOf(c) === kind);
}

/** Whom an activity is made for (prisma/catalogue.json's `audience`). */
export const AUDIENCES = ['parents', 'youth', 'families', 'children'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How residents join: a dated session, the group as such, or by contacting staff. */
export const SIGNUP_MODES = ['session', 'membership', 'contact'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** Joined here in the chat (a session or a membership); a `contact` activity is arranged with staff. */
export function joinsInChat(activity: { signupMode: SignupMode }): boolean {
  return activity.signupMode !== 'contact';
}

/** An activity the sign-up of this kind offers: of a kind it takes, and joined in the chat. */
export function joinableThrough(kind: SignupCategory, activity: { category: Category; signupMode: SignupMode }): boolean {
  return signupCategoryOf(activity.category) === kind && joinsInChat(activity);
}
