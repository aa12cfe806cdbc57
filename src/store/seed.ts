// Seeds the catalogue from prisma/catalogue.json (written from the programme's plan). Existing
// activities are never overwritten: staff may have edited them. Weekly sessions are kept
// filled for the coming weeks, so the bot always has dates to offer.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AUDIENCES, CATEGORIES, SIGNUP_MODES } from '../domain/categories';
import { closedDayReason } from '../domain/catalogue';
import type { Db } from './prisma';
import { projectRoot } from '../paths';

const text = z.object({ title: z.string().min(1), description: z.string().min(1), schedule: z.string().min(1), bring: z.string().nullable() });
const hhmm = z.string().regex(/^\d{2}:\d{2}$/);
const activity = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  category: z.enum(CATEGORIES),
  audience: z.enum(AUDIENCES),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  guardianRequiredUnder: z.number().int().nullable(),
  place: z.string().min(1),
  contact: z.string().min(1),
  sortOrder: z.number().int(),
  signupMode: z.enum(SIGNUP_MODES),
  texts: z.record(z.string(), text),
  recurrence: z
    .object({ weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm, weeks: z.number().int().min(1).max(52), capacity: z.number().int().min(1) })
    .nullable(),
});
const catalogueFile = z.object({ version: z.literal(1), activities: z.array(activity) });
export type CatalogueSeed = z.infer<typeof catalogueFile>;

export const defaultCatalogueFile = path.join(projectRoot, 'prisma', 'catalogue.json');
const TZ = 'Europe/Copenhagen';

export function readCatalogue(file = defaultCatalogueFile): CatalogueSeed {
  return catalogueFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The UTC instant of a wall-clock time in Copenhagen on a given calendar day. */
export function copenhagenTime(day: Date, hhmmText: string): Date {
  const [h, m] = hhmmText.split(':').map(Number);
  const guess = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(guess))
    .reduce<Record<string, number>>((acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }), {});
  const shownAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return new Date(guess - (shownAsUtc - guess));
}

/**
 * The next `count` dates (UTC midnight of the calendar day) falling on an ISO weekday, from today,
 * passing over closed days (public holidays, the Christmas closure): a course of six meetings
 * still has six, the week after instead.
 */
export function weeklyDays(from: Date, weekday: number, count: number): Date[] {
  const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  const isoToday = ((start.getUTCDay() + 6) % 7) + 1;
  const offset = (weekday - isoToday + 7) % 7;
  const days: Date[] = [];
  for (let i = 0; days.length < count && i < count + 10; i++) {
    const day = new Date(start.getTime() + (offset + 7 * i) * 86_400_000);
    if (!closedDayReason(day)) days.push(day);
  }
  return days;
}

export async function seedCatalogue(db: Db, seed: CatalogueSeed = readCatalogue(), now = new Date()): Promise<{ activities: number; sessions: number }> {
  const existing = new Set((await db.activity.findMany({ select: { id: true } })).map((a) => a.id));
  let activities = 0;
  let sessions = 0;
  for (const a of seed.activities) {
    if (!existing.has(a.id)) {
      await db.activity.create({
        data: {
          id: a.id, category: a.category, audience: a.audience, minAge: a.minAge, maxAge: a.maxAge,
          guardianRequiredUnder: a.guardianRequiredUnder, place: a.place, contact: a.contact, sortOrder: a.sortOrder, signupMode: a.signupMode,
          texts: { create: Object.entries(a.texts).map(([lang, t]) => ({ lang, ...t })) },
        },
      });
      activities++;
    }
    if (!a.recurrence) continue;
    const r = a.recurrence;
    const wanted = weeklyDays(now, r.weekday, r.weeks).map((day) => ({
      id: `${a.id}-${day.toISOString().slice(0, 10)}`,
      activityId: a.id,
      startsAt: copenhagenTime(day, r.start),
      endsAt: copenhagenTime(day, r.end),
      capacity: r.capacity,
    }));
    const have = new Set(
      (await db.session.findMany({ where: { id: { in: wanted.map((w) => w.id) } }, select: { id: true } })).map((s) => s.id),
    );
    const missing = wanted.filter((w) => !have.has(w.id) && w.startsAt.getTime() > now.getTime());
    if (missing.length) {
      await db.session.createMany({ data: missing });
      sessions += missing.length;
    }
  }
  return { activities, sessions };
}
