// A resident's data for staff (issue 14): find a resident by a registration's reference code (a
// parent on the phone reads it out), export everything stored about them, erase it. Every route is
// guarded and audited; the audit names the resident's id, never their data.
import type { Server } from 'restify';
import type { PrivacyRepository } from '../domain/privacy';
import { sendNoStore as answer, type StaffGuard } from './staff-auth';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CODE = /^[A-Za-z0-9]{4,12}$/;

export function addStaffPrivacyRoutes(server: Server, deps: { staff: StaffGuard; privacy: PrivacyRepository }): void {
  server.get('/api/staff/residents', deps.staff.route(async (req, res, who) => {
    const reference = (req.query as Record<string, unknown> | undefined)?.reference;
    if (typeof reference !== 'string' || !CODE.test(reference)) return answer(res, 400, { error: 'reference required' });
    const residentId = await deps.privacy.residentByReference(reference);
    await deps.staff.audit(who, { action: 'resident.lookup', recordType: 'registration', recordId: reference.toUpperCase() });
    if (!residentId) return answer(res, 404, { error: 'not found' });
    answer(res, 200, { residentId });
  }));

  // Export and erase: the same steps on one resident, each audited whether or not the id is known.
  const onResident = <T>(action: string, run: (id: string) => Promise<T | null>, body: (done: T) => unknown) =>
    deps.staff.route(async (req, res, who) => {
      const id = String(req.params.id ?? '');
      if (!ID.test(id)) return answer(res, 404, { error: 'not found' });
      const done = await run(id);
      await deps.staff.audit(who, { action, recordType: 'resident', recordId: id });
      if (!done) return answer(res, 404, { error: 'not found' });
      answer(res, 200, body(done));
    });
  server.get('/api/staff/residents/:id/export', onResident('resident.export', (id) => deps.privacy.export(id), (data) => ({ resident: data })));
  server.post('/api/staff/residents/:id/erase', onResident('resident.erase', (id) => deps.privacy.erase(id), (result) => ({ erased: true, ...result })));
}
