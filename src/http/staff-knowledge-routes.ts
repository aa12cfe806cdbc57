// Staff and the knowledge (issue 13): what residents asked that nobody could answer, and the
// entries (plan, practical facts, referrals) staff read and edit. Every route is behind the staff
// guard and audited. JSON shapes (the staff tab builds on them):
//
// GET /api/staff/unanswered[?limit=1..500][&before=<id>]          (audit: unanswered.read)
//   200 { "questions": [ { "id": 12, "at": "2026-11-30T21:03:00.000Z", "lang": "da",
//                          "text": "hvor kan <name> få hjælp til SU", "reason": "no-match" | "unset",
//                          "entryKey": null | "opening-hours" } ] }              newest first
//   Text is masked (<name>, <phone>, <email>); no resident or conversation id is stored.
//
// GET /api/staff/knowledge                                       (audit: knowledge.read)
//   200 { "languages": ["da","ar","en"],
//         "entries": [ { "key": "address", "kind": "plan" | "fact" | "referral",
//                        "source": "plan" | "staff" | "guidance", "section": "1" | "title" | null,
//                        "value": null | "Testvej 1", "editedByStaff": false, "active": true,
//                        "updatedAt": "2026-11-30T21:03:00.000Z",
//                        "contact": { "address": null, "phone": null, "email": null, "url": null, "hours": null },
//                        "texts": { "da": { "title": "beboerhusets adresse",
//                                           "answer": "Beboerhuset ligger på {{value}}.",
//                                           "value": null, "questions": ["hvor ligger i", …] }, "ar": {…}, "en": {…} } } ] }
//   A fact's answer holds {{value}}; its value is the entry's value or, per language, texts[lang].value.
//   A fact or referral is "unset" (the bot says it does not know yet and offers a person) while
//   it has no value / no contact field.
//
// PUT /api/staff/knowledge/:key                                  (audit: knowledge.edit, recordId = key)
//   body (every field optional; null or "" clears a value):
//     { "value": "Testvej 1, 2630 Taastrup" | null,
//       "contact": { "phone": "…", "email": "…", "address": "…", "url": "…", "hours": "…" },
//       "texts": { "da": { "title": "…", "answer": "…", "value": "…", "questions": ["…"] } } }
//   200 { "entry": <entry as in GET> }   editedByStaff becomes true (the seed never overwrites it
//        again); a change to what residents read (value, contact, title, answer) makes the source
//        "staff", and the bot then says "Updated by staff on <date>".
//   400 { "error": "invalid_body", "field": "texts.da.answer" }
//   400 { "error": "unknown_language" | "fact_without_value_slot" | "new_language_incomplete" }
//   404 { "error": "not_found" }
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { KnowledgeAdmin, UnansweredLog } from '../domain/knowledge';
import type { StaffGuard } from './staff-auth';

export interface StaffKnowledgeDeps {
  staff: StaffGuard;
  knowledgeAdmin: KnowledgeAdmin;
  unanswered: UnansweredLog;
  languages: readonly string[];
  /** Called after an edit, so the next answer uses it at once. */
  knowledgeChanged: () => void;
}

const field = z.string().max(2000).nullable();
const editBody = z
  .object({
    value: field.optional(),
    contact: z
      .object({ phone: field, email: field, address: field, url: field, hours: field })
      .partial()
      .strict()
      .optional(),
    texts: z
      .record(
        z.string().regex(/^[a-z]{2,3}$/),
        z
          .object({
            title: z.string().trim().min(1).max(200),
            answer: z.string().trim().min(1).max(4000),
            value: field,
            questions: z.array(z.string().trim().min(1).max(300)).max(200),
          })
          .partial()
          .strict(),
      )
      .optional(),
  })
  .strict();

function send(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.header('cache-control', 'no-store');
  res.json(body);
}

const num = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export function addStaffKnowledgeRoutes(server: Server, deps: StaffKnowledgeDeps): void {
  server.get('/api/staff/unanswered', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const q = (req.query ?? {}) as Record<string, unknown>;
    const questions = await deps.unanswered.list({ limit: num(q.limit), before: num(q.before) });
    await deps.staff.audit(who, { action: 'unanswered.read', recordType: 'unanswered', recordId: null });
    send(res, 200, { questions });
  });

  server.get('/api/staff/knowledge', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const entries = await deps.knowledgeAdmin.listForStaff();
    await deps.staff.audit(who, { action: 'knowledge.read', recordType: 'knowledge', recordId: null });
    send(res, 200, { languages: deps.languages, entries });
  });

  server.put('/api/staff/knowledge/:key', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const parsed = editBody.safeParse(req.body ?? {});
    if (!parsed.success) return send(res, 400, { error: 'invalid_body', field: parsed.error.issues[0]?.path.join('.') });
    const key = String(req.params.key ?? '');
    const result = await deps.knowledgeAdmin.edit(key, parsed.data, deps.languages);
    if (!result.ok) return send(res, result.reason === 'not_found' ? 404 : 400, { error: result.reason });
    await deps.staff.audit(who, { action: 'knowledge.edit', recordType: 'knowledge', recordId: key });
    deps.knowledgeChanged();
    send(res, 200, { entry: result.entry });
  });
}
