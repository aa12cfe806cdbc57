// The three sign-up flows. Each asks only what its people need, in the order that makes sense
// for them (see README, "Sign-up flows").
import { categoriesJoinedThrough, signupCategoryOf, SIGNUP_CATEGORIES, type Category, type SignupCategory } from '../../src/domain/categories';
import type { Slot } from './draft';
import { SignupFlow } from './signup-flow';
import type { SignupServices } from './services';

/** forældrenetværk: a parent joins the group; no dates to pick, no age to check. */
export class ParentNetworkDialog extends SignupFlow {
  static readonly id = 'parentNetwork';
  protected readonly kind = 'parent_network';
  protected readonly order: Slot[] = ['activity', 'consent', 'name', 'phone', 'confirm'];
  constructor(services: SignupServices) {
    super(ParentNetworkDialog.id, services);
  }
}

/**
 * lommepengejob (13–14) and the fritidsjob course (14–16): who it is for and the birth year
 * come first, because they decide which of the two fits and whether a guardian must agree.
 */
export class PocketMoneyJobDialog extends SignupFlow {
  static readonly id = 'pocketMoneyJob';
  protected readonly kind = 'pocket_money_job';
  protected readonly order: Slot[] = ['participant', 'birthYear', 'activity', 'eligibility', 'session', 'consent', 'name', 'phone', 'guardianName', 'guardianPhone', 'confirm'];
  constructor(services: SignupServices) {
    super(PocketMoneyJobDialog.id, services);
  }
}

/** kurser and other dated activities: which one, which date, then who. */
export class CourseDialog extends SignupFlow {
  static readonly id = 'course';
  protected readonly kind = 'course';
  protected readonly order: Slot[] = ['activity', 'session', 'consent', 'name', 'phone', 'confirm'];
  constructor(services: SignupServices) {
    super(CourseDialog.id, services);
  }
}

/** The flow of each sign-up kind (src/domain/categories.ts says which kind an activity is joined through). */
const FLOW_OF: Record<SignupCategory, string> = {
  parent_network: ParentNetworkDialog.id,
  pocket_money_job: PocketMoneyJobDialog.id,
  course: CourseDialog.id,
};

/** The kinds of activity each flow signs up for, by flow id. */
export const FLOW_CATEGORIES: Record<string, Category[]> = Object.fromEntries(SIGNUP_CATEGORIES.map((k) => [FLOW_OF[k], categoriesJoinedThrough(k)]));

export function flowForCategory(category: Category): string {
  return FLOW_OF[signupCategoryOf(category)];
}
