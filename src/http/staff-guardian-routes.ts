// Staff and the guardian's yes (issue 14): see where a child's sign-up stands, and confirm (or
// decline) after a phone call with the parent. Guarded and audited like every staff route.
//   GET  /api/staff/registrations/:reference/guardian  → { reference, status, guardian: { answer, expiresAt } }
//   POST /api/staff/registrations/:reference/guardian  { "answer": "yes" | "no" } → { reference, status }
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { GuardianRepository } from '../domain/guardian';
import type { Catalogue } from '../domain/catalogue';
import type { StaffGuard } from './staff-auth';

const answerBody = z.object({ answer: z.enum(['yes', 'no']) });
const REFERENCE = /^[A-Za-z0-9]{4,12}$/;

export function addStaffGuardianRoutes(server: Server, deps: { staff: StaffGuard; guardians: GuardianRepository; catalogue: Catalogue }): void {
  const reference = (req: Request) => String(req.params?.reference ?? '').toUpperCase();
  const notFound = (res: Response) => {
    res.status(404);
    res.json({ error: 'not_found' });
  };

  server.get('/api/staff/registrations/:reference/guardian', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    res.header('cache-control', 'no-store');
    const ref = reference(req);
    const c = REFERENCE.test(ref) ? await deps.guardians.byReference(ref) : null;
    await deps.staff.audit(who, { action: 'registration.guardian.read', recordType: 'registration', recordId: ref });
    if (!c) return notFound(res);
    res.json({ reference: c.referenceCode, status: c.status, guardian: { answer: c.answer, expiresAt: c.expiresAt.toISOString() } });
  });

  server.post('/api/staff/registrations/:reference/guardian', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    res.header('cache-control', 'no-store');
    const parsed = answerBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400);
      res.json({ error: 'invalid_body', field: parsed.error.issues[0]?.path.join('.') });
      return;
    }
    const ref = reference(req);
    const c = REFERENCE.test(ref) ? await deps.guardians.byReference(ref) : null;
    if (!c) return notFound(res);
    const out = await deps.guardians.answer(c.requestId, parsed.data.answer, 'staff');
    if (!out.ok) {
      res.status(out.reason === 'not_found' ? 404 : 409);
      res.json({ error: out.reason });
      return;
    }
    deps.catalogue.invalidate();
    await deps.staff.audit(who, { action: parsed.data.answer === 'yes' ? 'registration.guardian.confirm' : 'registration.guardian.decline', recordType: 'registration', recordId: c.referenceCode });
    res.json({ reference: c.referenceCode, status: out.status });
  });
}
