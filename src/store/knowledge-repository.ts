import type { KnowledgeEntry, KnowledgeKind, KnowledgeRepository, KnowledgeSource } from '../domain/knowledge';
import type { Db } from './prisma';

/** Questions are stored as a JSON array; a damaged one matches nothing rather than breaking a turn. */
export function parseQuestions(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

export function prismaKnowledgeRepository(db: Db): KnowledgeRepository {
  return {
    async loadEntries(): Promise<KnowledgeEntry[]> {
      const rows = await db.knowledgeEntry.findMany({
        where: { active: true },
        orderBy: { key: 'asc' },
        select: {
          key: true, kind: true, source: true, section: true, value: true,
          phone: true, email: true, address: true, url: true, hours: true, updatedAt: true,
          texts: { select: { lang: true, title: true, answer: true, value: true, questions: true } },
        },
      });
      return rows.map((r) => ({
        key: r.key,
        kind: r.kind as KnowledgeKind,
        source: r.source as KnowledgeSource,
        section: r.section,
        value: r.value,
        contact: { phone: r.phone, email: r.email, address: r.address, url: r.url, hours: r.hours },
        updatedAt: r.updatedAt,
        texts: Object.fromEntries(r.texts.map(({ lang, questions, ...t }) => [lang, { ...t, questions: parseQuestions(questions) }])),
      }));
    },
  };
}
