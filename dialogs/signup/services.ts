import type { GuardianRepository } from '../../src/domain/guardian';
import type { RegistrationRepository } from '../../src/domain/registrations';
import type { DialogServices } from '../turn';

export interface SignupServices extends DialogServices {
  registrations: RegistrationRepository;
  /** Where residents' links point (calendar files, the guardian's page). */
  publicUrl: string;
  /** The guardian's yes (dialogs/guardian-code.ts); absent: a code in the chat is not looked up. */
  guardians?: GuardianRepository;
}
