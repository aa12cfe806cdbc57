// The programme's activities as residents see them. Data lives in the database (seeded from
// prisma/catalogue.json); this module only shapes and caches it.

import type { Audience, Category, SignupMode } from './categories';

export type { Audience, Category, SignupMode };

export interface ActivityText {
  title: string;
  description: string;
  schedule: string;
  bring: string | null;
}

export interface SessionView {
  id: string;
  startsAt: Date;
  endsAt: Date | null;
  capacity: number;
  place: string | null;
  seatsTaken: number;
  /** The run of a series this meeting belongs to (the id of its first meeting); absent for a single day. */
  seriesId?: string | null;
  /** A series' meetings all carry the run's start, capacity and seats (the seat is held on the first meeting). */
  seriesStartsAt?: Date | null;
}

/** One run of a course of N meetings, booked as one: its id is its first meeting's. */
export interface SeriesRun {
  id: string;
  startsAt: Date;
  capacity: number;
  seatsTaken: number;
  /** The meetings still ahead (a meeting on a day closed later is not among them). */
  meetings: SessionView[];
}

export interface Activity {
  id: string;
  category: Category;
  audience: Audience;
  minAge: number | null;
  maxAge: number | null;
  guardianRequiredUnder: number | null;
  place: string;
  contact: string;
  sortOrder: number;
  signupMode: SignupMode;
  /** The last day it runs (Copenhagen day "2027-06-30"): its own end or the programme's, whichever is first. */
  endsOn?: string | null;
  /** A course of this many meetings, booked as one; absent or null for single days. */
  seriesMeetings?: number | null;
  texts: Record<string, ActivityText>;
  sessions: SessionView[];
}

/** Port: where activities come from. */
export interface CatalogueRepository {
  loadActivities(from: Date): Promise<Activity[]>;
}

/** Seats left on a session, or on a course's run (held on its first meeting). */
export function seatsLeft(s: { capacity: number; seatsTaken: number }): number {
  return Math.max(0, s.capacity - s.seatsTaken);
}

/** The text in the wanted language, else the fallback language, else any. */
export function textFor(a: Activity, lang: string, fallback: string): ActivityText {
  return a.texts[lang] ?? a.texts[fallback] ?? Object.values(a.texts)[0];
}

export function upcomingSessions(a: Activity, now: Date, limit = 3): SessionView[] {
  return a.sessions.filter((s) => s.startsAt.getTime() >= now.getTime()).slice(0, limit);
}

/** The earlier of two last days (either may be unset). */
export function endsFirst(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/** An offer has ended when its last day is before today (Copenhagen days, compared as text). */
export function hasEnded(a: Activity, today: string): boolean {
  return !!a.endsOn && a.endsOn < today;
}

/** The runs of a series activity not started yet, first start first. Empty for a single-day activity. */
export function seriesRuns(a: Activity, now: Date, limit = 3): SeriesRun[] {
  if (!a.seriesMeetings) return [];
  const runs = new Map<string, SeriesRun>();
  for (const s of a.sessions) {
    if (!s.seriesId || !s.seriesStartsAt || s.seriesStartsAt.getTime() < now.getTime()) continue;
    const run = runs.get(s.seriesId) ?? { id: s.seriesId, startsAt: s.seriesStartsAt, capacity: s.capacity, seatsTaken: s.seatsTaken, meetings: [] };
    run.meetings.push(s);
    runs.set(s.seriesId, run);
  }
  return [...runs.values()].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime()).slice(0, limit);
}

/** The meetings of one run still in the catalogue (from a few hours ago on), in date order. */
export function runMeetings(a: Activity, seriesId: string): SessionView[] {
  return a.sessions.filter((s) => s.seriesId === seriesId);
}

/** Parents see what is for parents and families first; youth what is for them. */
export function groupByAudience(activities: Activity[]): { forParents: Activity[]; forYouth: Activity[] } {
  const forYouth = activities.filter((a) => a.audience === 'youth' || a.audience === 'children');
  const forParents = activities.filter((a) => !forYouth.includes(a));
  return { forParents, forYouth };
}

/**
 * Reads the catalogue once and keeps it: every turn may list activities, and the catalogue
 * changes rarely. Seats change often, so `refresh` is called after a registration changes them.
 */
export class Catalogue {
  private cache: { at: number; activities: Activity[] } | null = null;
  private loading: Promise<Activity[]> | null = null;

  constructor(
    private readonly repo: CatalogueRepository,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async all(): Promise<Activity[]> {
    const t = this.now().getTime();
    if (this.cache && t - this.cache.at < this.maxAgeMs) return this.cache.activities;
    this.loading ??= this.repo
      .loadActivities(new Date(t - 3 * 3600_000))
      .then((activities) => {
        this.cache = { at: t, activities };
        return activities;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  async byId(id: string): Promise<Activity | undefined> {
    return (await this.all()).find((a) => a.id === id);
  }

  async byCategory(category: string): Promise<Activity[]> {
    return (await this.all()).filter((a) => a.category === category);
  }

  invalidate(): void {
    this.cache = null;
  }
}

// ---- Closed days: no session is generated on a Danish public holiday or in the Christmas and
// New Year closure (24 December – 1 January). Calendar days are UTC midnights of Copenhagen days.

/** Easter Sunday of a year (the Gregorian computus). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const DAY_MS = 86_400_000;

/**
 * Why the programme is closed on a day, or null: helligdage (skærtorsdag, langfredag, påske, Kristi
 * himmelfart, pinse, grundlovsdag) and the Christmas and New Year closure.
 */
export function closedDayReason(day: Date): 'holiday' | 'christmas' | null {
  const y = day.getUTCFullYear();
  const m = day.getUTCMonth() + 1;
  const d = day.getUTCDate();
  if ((m === 12 && d >= 24) || (m === 1 && d === 1)) return 'christmas';
  if (m === 6 && d === 5) return 'holiday';
  const easter = easterSunday(y).getTime();
  // Skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag.
  const offsets = [-3, -2, 0, 1, 39, 49, 50];
  const t = Date.UTC(y, m - 1, d);
  return offsets.some((o) => easter + o * DAY_MS === t) ? 'holiday' : null;
}
