// The three sign-up flows. Each asks only what its people need, in the order that makes sense
// for them (see README, "Sign-up flows").
import type { Category } from '../../src/domain/catalogue';
import type { Slot } from './draft';
import { SignupFlow } from './signup-flow';
import type { SignupServices } from './services';

/** forældrenetværk: a parent joins the group; no dates to pick, no age to check. */
export class ParentNetworkDialog extends SignupFlow {
  static readonly id = 'parentNetwork';
  protected readonly categories: Category[] = FLOW_CATEGORIES.parentNetwork;
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
  protected readonly categories: Category[] = FLOW_CATEGORIES.pocketMoneyJob;
  protected readonly order: Slot[] = ['participant', 'birthYear', 'activity', 'eligibility', 'session', 'consent', 'name', 'phone', 'guardianName', 'guardianPhone', 'confirm'];
  constructor(services: SignupServices) {
    super(PocketMoneyJobDialog.id, services);
  }
}

/** kurser and other dated activities: which one, which date, then who. */
export class CourseDialog extends SignupFlow {
  static readonly id = 'course';
  protected readonly categories: Category[] = FLOW_CATEGORIES.course;
  protected readonly order: Slot[] = ['activity', 'session', 'consent', 'name', 'phone', 'confirm'];
  constructor(services: SignupServices) {
    super(CourseDialog.id, services);
  }
}

/** The kinds of activity each flow signs up for (the course flow takes every dated activity). */
export const FLOW_CATEGORIES: Record<string, Category[]> = {
  parentNetwork: ['parent_network'],
  pocketMoneyJob: ['pocket_money_job'],
  course: ['course', 'youth', 'other'],
};

export function flowForCategory(category: Category): string {
  if (category === 'parent_network') return ParentNetworkDialog.id;
  if (category === 'pocket_money_job') return PocketMoneyJobDialog.id;
  return CourseDialog.id;
}
