// A resident's rights over their data (issue 14): see everything stored about them, and have it
// erased. The same for the chat ("hvad ved I om mig?", "احذف بياناتي") and for staff (the staff API).

export interface StoredRegistration {
  referenceCode: string;
  activityId: string;
  sessionId: string | null;
  sessionStartsAt: Date | null;
  participant: string;
  participantName: string | null;
  participantBirthYear: number | null;
  participantPhone: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  status: string;
  createdAt: Date;
}

export interface StoredHandoff {
  id: string;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
  /** How many messages of it are kept (the messages themselves are in the staff thread). */
  messages: number;
}

/** Everything the database holds about one resident. */
export interface ResidentData {
  id: string;
  channelId: string;
  language: string | null;
  consentAt: Date | null;
  consentVersion: string | null;
  firstName: string | null;
  createdAt: Date;
  registrations: StoredRegistration[];
  handoffs: StoredHandoff[];
}

export interface ErasureResult {
  /** Seats and waitlist places given up (the next on the waitlist moved up). */
  cancelled: number;
  /** Registrations turned into counts. */
  anonymised: number;
}

/** Port: the privacy store. */
export interface PrivacyRepository {
  export(residentId: string): Promise<ResidentData | null>;
  /**
   * Erases a resident: seats released (the waitlist moves), registrations anonymised to counts,
   * conversation state (the given keys, the handoffs' conversations, and any that mention their
   * names or phone numbers), handoffs and their messages, and the resident. Null if unknown.
   */
  erase(residentId: string, opts?: { stateKeys?: string[] }): Promise<ErasureResult | null>;
  /** The resident a registration's reference code belongs to (staff lookups by phone call). */
  residentByReference(code: string): Promise<string | null>;
}

/** A registration a resident can still hold a seat or a place with. */
export function isActiveRegistration(status: string): boolean {
  return status !== 'cancelled';
}
