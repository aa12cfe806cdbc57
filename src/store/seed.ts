// Seeds the catalogue from prisma/catalogue.json (written from the programme's plan). Existing
// activities are never overwritten: staff may have edited them. Weekly sessions are kept
// filled for the coming weeks, so the bot always has dates to offer.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AUDIENCES, CATEGORIES, SIGNUP_MODES } from '../domain/categories';
import { closedDayReason, endsFirst } from '../domain/catalogue';
import { copenhagenDay, isDayText } from '../domain/closed-days';
import { closedDaysFrom } from './closed-day-repository';
import type { Db } from './prisma';
import { projectRoot } from '../paths';

const text = z.object({ title: z.string().min(1), description: z.string().min(1), schedule: z.string().min(1), bring: z.string().nullable() });
const hhmm = z.string().regex(/^\d{2}:\d{2}$/);
const day = z.string().refine(isDayText, { message: 'expected a day YYYY-MM-DD' });
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
  // The last day it runs (before the programme's end); absent: as long as the programme.
  endsOn: day.nullable().optional(),
  // A course: the recurrence's `weeks` meetings are one run, booked as one (the resident picks a start).
  series: z.boolean().optional(),
});
const catalogueFile = z.object({
  version: z.literal(1),
  // The programme's period. planPeriod: what the plan in shared/seed says (1 Aug 2020 – 31 Jul 2024);
  // endsOn: the last day sessions are generated for, null while no end is set (PROGRAMME_ENDS_ON overrides).
  programme: z.object({ planPeriod: z.object({ from: day, until: day }), endsOn: day.nullable() }).optional(),
  activities: z.array(activity),
});
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
 * passing over closed days (public holidays, the Christmas closure, and the days `closed` says staff
 * closed): a course of six meetings still has six, the week after instead.
 */
export function weeklyDays(from: Date, weekday: number, count: number, closed: (day: Date) => boolean = () => false): Date[] {
  const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  const isoToday = ((start.getUTCDay() + 6) % 7) + 1;
  const offset = (weekday - isoToday + 7) % 7;
  const days: Date[] = [];
  for (let i = 0; days.length < count && i < count + 20; i++) {
    const day = new Date(start.getTime() + (offset + 7 * i) * 86_400_000);
    if (!closedDayReason(day) && !closed(day)) days.push(day);
  }
  return days;
}

/** How many runs of a series are kept bookable ahead (the resident picks a start). */
export const SERIES_RUNS_AHEAD = 2;

export interface SeedOptions {
  /** The programme's last day; undefined: the catalogue file's programme.endsOn. */
  programmeEndsOn?: string | null;
}

/** The programme's last day: the deployment's (PROGRAMME_ENDS_ON) or the catalogue file's, null when unset. */
export function programmeEndsOn(seed: CatalogueSeed, override?: string | null): string | null {
  return override !== undefined ? override : (seed.programme?.endsOn ?? null);
}

type SeedActivity = CatalogueSeed['activities'][number];
type SessionRow = { id: string; activityId: string; startsAt: Date; endsAt: Date; capacity: number; seriesId?: string };

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

export async function seedCatalogue(db: Db, seed: CatalogueSeed = readCatalogue(), now = new Date(), opts: SeedOptions = {}): Promise<{ activities: number; sessions: number }> {
  const existing = new Map((await db.activity.findMany({ select: { id: true, endsOn: true, seriesMeetings: true } })).map((a) => [a.id, a]));
  const programmeEnd = programmeEndsOn(seed, opts.programmeEndsOn);
  const staffClosed = await closedDaysFrom(db, copenhagenDay(now));
  const closed = (d: Date) => staffClosed.has(dayKey(d));
  let activities = 0;
  let sessions = 0;
  for (const a of seed.activities) {
    const seriesMeetings = a.series && a.recurrence ? a.recurrence.weeks : null;
    const have = existing.get(a.id);
    if (!have) {
      await db.activity.create({
        data: {
          id: a.id, category: a.category, audience: a.audience, minAge: a.minAge, maxAge: a.maxAge,
          guardianRequiredUnder: a.guardianRequiredUnder, place: a.place, contact: a.contact, sortOrder: a.sortOrder, signupMode: a.signupMode,
          endsOn: a.endsOn ?? null, seriesMeetings,
          texts: { create: Object.entries(a.texts).map(([lang, t]) => ({ lang, ...t })) },
        },
      });
      activities++;
    } else if ((have.endsOn === null && a.endsOn) || (have.seriesMeetings === null && seriesMeetings)) {
      // Added to the file later: filled in, never overwriting what staff set.
      await db.activity.update({ where: { id: a.id }, data: { endsOn: have.endsOn ?? a.endsOn ?? null, seriesMeetings: have.seriesMeetings ?? seriesMeetings } });
    }
    if (!a.recurrence) continue;
    const end = endsFirst(have?.endsOn ?? a.endsOn ?? null, programmeEnd);
    const row = (day: Date, seriesId?: string): SessionRow => ({
      id: `${a.id}-${dayKey(day)}`, activityId: a.id, startsAt: copenhagenTime(day, a.recurrence!.start), endsAt: copenhagenTime(day, a.recurrence!.end),
      capacity: a.recurrence!.capacity, ...(seriesId ? { seriesId } : {}),
    });
    const wanted = seriesMeetings
      ? await seriesRuns(db, a, seriesMeetings, now, closed, end, row)
      : weeklyDays(now, a.recurrence.weekday, a.recurrence.weeks, closed).filter((d) => !end || dayKey(d) <= end).map((d) => row(d));
    sessions += await createMissing(db, wanted, now);
  }
  return { activities, sessions };
}

/** Creates the sessions not there yet (a session already there gets its series). */
async function createMissing(db: Db, wanted: SessionRow[], now: Date): Promise<number> {
  const have = new Map(
    (await db.session.findMany({ where: { id: { in: wanted.map((w) => w.id) } }, select: { id: true, seriesId: true } })).map((s) => [s.id, s.seriesId]),
  );
  for (const w of wanted) {
    if (w.seriesId && have.has(w.id) && have.get(w.id) !== w.seriesId) await db.session.update({ where: { id: w.id }, data: { seriesId: w.seriesId } });
  }
  const missing = wanted.filter((w) => !have.has(w.id) && w.startsAt.getTime() > now.getTime());
  if (missing.length) await db.session.createMany({ data: missing });
  return missing.length;
}

/**
 * A series' runs, back to back: the next run starts the week after the last one ends, until
 * SERIES_RUNS_AHEAD runs have not started yet. A run that could not finish by the end date is not made.
 */
async function seriesRuns(
  db: Db, a: SeedActivity, meetings: number, now: Date, closed: (d: Date) => boolean, end: string | null, row: (day: Date, seriesId?: string) => SessionRow,
): Promise<SessionRow[]> {
  const r = a.recurrence!;
  const made = await db.session.findMany({ where: { activityId: a.id, seriesId: { not: null } }, orderBy: { startsAt: 'asc' }, select: { id: true, seriesId: true, startsAt: true } });
  const starts = made.filter((s) => s.id === s.seriesId);
  let ahead = starts.filter((s) => s.startsAt.getTime() > now.getTime()).length;
  // From the day after the last meeting made, or from today (a first meeting still ahead).
  const last = made.at(-1)?.startsAt;
  let cursor = last && last > now ? new Date(last.getTime() + 86_400_000) : now;
  const runs: SessionRow[] = [];
  while (ahead < SERIES_RUNS_AHEAD) {
    const days = weeklyDays(cursor, r.weekday, meetings, closed);
    if (days.length < meetings || (end && dayKey(days[days.length - 1]) > end)) break;
    if (row(days[0]).startsAt.getTime() <= now.getTime()) {
      cursor = new Date(days[0].getTime() + 86_400_000);
      continue;
    }
    const seriesId = row(days[0]).id;
    runs.push(...days.map((d) => row(d, seriesId)));
    ahead++;
    cursor = new Date(days[days.length - 1].getTime() + 86_400_000);
  }
  return runs;
}
