// What a sign-up flow has collected so far. It lives in the dialog's options, in the
// conversation state in the database, so a restart continues where the resident was.
import type { Participant } from '../../src/domain/eligibility';

export interface Draft {
  activityId?: string;
  /** The few activities the resident's words named ("det med værkstedet"): the question is among these. */
  among?: string[];
  /** null: the activity has no sessions (a membership). */
  sessionId?: string | null;
  participant?: Participant;
  birthYear?: number;
  consent?: boolean;
  participantName?: string;
  phone?: string;
  guardianName?: string;
  guardianPhone?: string;
  confirmed?: boolean;
  /** A single first name given: asked once for the surname before it is kept. */
  pendingName?: { slot: 'name' | 'guardianName'; key: 'participantName' | 'guardianName'; first: string };
}

export type Slot =
  | 'activity' | 'participant' | 'birthYear' | 'eligibility' | 'session'
  | 'consent' | 'name' | 'phone' | 'guardianName' | 'guardianPhone' | 'confirm';

/** Fields a resident may change from the summary, and the draft keys each clears. */
export const CHANGEABLE: Record<string, (keyof Draft)[]> = {
  name: ['participantName'],
  phone: ['phone'],
  session: ['sessionId'],
  guardian: ['guardianName', 'guardianPhone'],
  birthYear: ['birthYear'],
};

/**
 * What the opening message already answered: "ابني عمره ١٣ سنة بدو شغل" says the sign-up is for
 * the writer's child and that the child is 13, so neither is asked again.
 */
export function draftFromMessage(e: { age?: number; birthYear?: number; who?: 'self' | 'child' }, now: Date): Draft {
  const draft: Draft = {};
  const birthYear = e.birthYear ?? (e.age !== undefined ? now.getFullYear() - e.age : undefined);
  if (birthYear !== undefined) draft.birthYear = birthYear;
  if (e.who) draft.participant = e.who;
  return draft;
}
