// A resident's data for staff (issue 14): find a resident by a registration's reference code (a
// parent on the phone reads it out), export everything stored about them, erase it. Every route is
// guarded and audited; the audit names the resident's id, never their data.
import type { Request, Response, Server } from 'restify';
import type { PrivacyRepository } from '../domain/privacy';
import type { StaffGuard } from './staff-auth';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CODE = /^[A-Za-z0-9]{4,12}$/;

function answer(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.header('cache-control', 'no-store');
  res.json(body);
}

export function addStaffPrivacyRoutes(server: Server, deps: { staff: StaffGuard; privacy: PrivacyRepository }): void {
  server.get('/api/staff/residents', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const reference = (req.query as Record<string, unknown> | undefined)?.reference;
    if (typeof reference !== 'string' || !CODE.test(reference)) return answer(res, 400, { error: 'reference required' });
    const residentId = await deps.privacy.residentByReference(reference);
    await deps.staff.audit(who, { action: 'resident.lookup', recordType: 'registration', recordId: reference.toUpperCase() });
    if (!residentId) return answer(res, 404, { error: 'not found' });
    answer(res, 200, { residentId });
  });

  server.get('/api/staff/residents/:id/export', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const id = String(req.params.id ?? '');
    if (!ID.test(id)) return answer(res, 404, { error: 'not found' });
    const data = await deps.privacy.export(id);
    await deps.staff.audit(who, { action: 'resident.export', recordType: 'resident', recordId: id });
    if (!data) return answer(res, 404, { error: 'not found' });
    answer(res, 200, { resident: data });
  });

  server.post('/api/staff/residents/:id/erase', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const id = String(req.params.id ?? '');
    if (!ID.test(id)) return answer(res, 404, { error: 'not found' });
    const result = await deps.privacy.erase(id);
    await deps.staff.audit(who, { action: 'resident.erase', recordType: 'resident', recordId: id });
    if (!result) return answer(res, 404, { error: 'not found' });
    answer(res, 200, { erased: true, ...result });
  });
}
