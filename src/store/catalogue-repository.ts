import type { Activity, Audience, Category, CatalogueRepository, SignupMode } from '../domain/catalogue';
import { endsFirst } from '../domain/catalogue';
import { copenhagenDay, type DayText } from '../domain/closed-days';
import { SEAT_HOLDING } from '../domain/registrations';
import { closedDaysFrom } from './closed-day-repository';
import type { Db } from './prisma';

export interface CatalogueOptions {
  /** The programme's last day (catalogue.json or PROGRAMME_ENDS_ON); null: no end set. */
  programmeEndsOn?: DayText | null;
}

/**
 * The activities with their sessions from `from` on. A session on a day staff closed, or after the
 * day its activity (or the programme) ends, is not part of the catalogue: it is never offered,
 * listed or booked.
 */
export function prismaCatalogueRepository(db: Db, opts: CatalogueOptions = {}): CatalogueRepository {
  return {
    async loadActivities(from: Date): Promise<Activity[]> {
      const [rows, closed] = await Promise.all([
        db.activity.findMany({
          where: { active: true },
          orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
          select: {
            id: true, category: true, audience: true, minAge: true, maxAge: true, guardianRequiredUnder: true,
            place: true, contact: true, sortOrder: true, signupMode: true, endsOn: true, seriesMeetings: true,
            texts: { select: { lang: true, title: true, description: true, schedule: true, bring: true } },
            sessions: {
              where: { startsAt: { gte: from } },
              orderBy: { startsAt: 'asc' },
              select: {
                id: true, startsAt: true, endsAt: true, capacity: true, place: true, seriesId: true,
                _count: { select: { registrations: { where: { status: { in: [...SEAT_HOLDING] } } } } },
              },
            },
          },
        }),
        closedDaysFrom(db, copenhagenDay(from)),
      ]);
      // A series' seat is held on its first meeting: every meeting shows the run's start and seats.
      const runIds = [...new Set(rows.flatMap((r) => r.sessions.flatMap((s) => (s.seriesId ? [s.seriesId] : []))))];
      const runs = new Map(
        (
          await db.session.findMany({
            where: { id: { in: runIds } },
            select: { id: true, startsAt: true, capacity: true, _count: { select: { registrations: { where: { status: { in: [...SEAT_HOLDING] } } } } } },
          })
        ).map((s) => [s.id, { seriesStartsAt: s.startsAt, capacity: s.capacity, seatsTaken: s._count.registrations }]),
      );
      return rows.map((r) => {
        const endsOn = endsFirst(r.endsOn, opts.programmeEndsOn ?? null);
        const open = (at: Date) => {
          const day = copenhagenDay(at);
          return !closed.has(day) && (!endsOn || day <= endsOn);
        };
        const { texts, sessions, category, audience, signupMode, endsOn: _ownEnd, ...fields } = r;
        return {
          ...fields,
          category: category as Category,
          audience: audience as Audience,
          signupMode: signupMode as SignupMode,
          endsOn,
          texts: Object.fromEntries(texts.map(({ lang, ...t }) => [lang, t])),
          sessions: sessions
            .filter((s) => open(s.startsAt))
            .map(({ _count, ...s }) => ({ ...s, seatsTaken: _count.registrations, ...(s.seriesId ? runs.get(s.seriesId) : {}) })),
        };
      });
    },
  };
}
