import type { Activity, Audience, Category, CatalogueRepository, SignupMode } from '../domain/catalogue';
import { SEAT_HOLDING } from '../domain/registrations';
import type { Db } from './prisma';


export function prismaCatalogueRepository(db: Db): CatalogueRepository {
  return {
    async loadActivities(from: Date): Promise<Activity[]> {
      const rows = await db.activity.findMany({
        where: { active: true },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        select: {
          id: true, category: true, audience: true, minAge: true, maxAge: true, guardianRequiredUnder: true,
          place: true, contact: true, sortOrder: true, signupMode: true,
          texts: { select: { lang: true, title: true, description: true, schedule: true, bring: true } },
          sessions: {
            where: { startsAt: { gte: from } },
            orderBy: { startsAt: 'asc' },
            select: {
              id: true, startsAt: true, endsAt: true, capacity: true, place: true,
              _count: { select: { registrations: { where: { status: { in: [...SEAT_HOLDING] } } } } },
            },
          },
        },
      });
      return rows.map((r) => ({
        id: r.id,
        category: r.category as Category,
        audience: r.audience as Audience,
        minAge: r.minAge,
        maxAge: r.maxAge,
        guardianRequiredUnder: r.guardianRequiredUnder,
        place: r.place,
        contact: r.contact,
        sortOrder: r.sortOrder,
        signupMode: r.signupMode as SignupMode,
        texts: Object.fromEntries(r.texts.map(({ lang, ...t }) => [lang, t])),
        sessions: r.sessions.map(({ _count, ...s }) => ({ ...s, seatsTaken: _count.registrations })),
      }));
    },
  };
}
