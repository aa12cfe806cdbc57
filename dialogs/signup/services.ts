import type { RegistrationRepository } from '../../src/domain/registrations';
import type { DialogServices } from '../turn';

export interface SignupServices extends DialogServices {
  registrations: RegistrationRepository;
  /** Where residents' links point (calendar files). */
  publicUrl: string;
}
