// What a sign-up flow has collected so far. It lives in the dialog's options, in the
// conversation state in the database, so a restart continues where the resident was.
import type { Participant } from '../../src/domain/eligibility';

export interface Draft {
  activityId?: string;
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
