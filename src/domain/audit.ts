// The audit trail of staff actions and reads of personal data (issues 14, 15). An entry names the
// actor, the action and the record; it never holds the personal data itself.

export interface AuditEvent {
  /** A staff member's stable id (SSO object id), "token" for the static staff token, or "system". */
  actor: string;
  /** A verb such as "registrations.read" or "resident.erase". */
  action: string;
  recordType?: string | null;
  recordId?: string | null;
}

export interface AuditRecord extends AuditEvent {
  id: number;
  at: Date;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(opts?: { limit?: number; before?: number }): Promise<AuditRecord[]>;
}
