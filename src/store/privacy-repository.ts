// Export and erasure of one resident (src/domain/privacy.ts), for the chat and the staff API.
import type { ErasureResult, PrivacyRepository, ResidentData } from '../domain/privacy';
import { isActiveRegistration } from '../domain/privacy';
import type { RegistrationRepository } from '../domain/registrations';
import type { Db } from './prisma';
import { anonymiseRegistration } from './retention-repository';

/** The conversation state key botbuilder's ConversationState uses for a conversation reference. */
function stateKeyOf(conversationRef: string): string | null {
  try {
    const ref = JSON.parse(conversationRef) as { channelId?: string; conversation?: { id?: string } };
    return ref.channelId && ref.conversation?.id ? `${ref.channelId}/conversations/${ref.conversation.id}/` : null;
  } catch {
    return null;
  }
}

export function prismaPrivacyRepository(db: Db, registrations: RegistrationRepository): PrivacyRepository {
  async function exportResident(residentId: string): Promise<ResidentData | null> {
    const r = await db.resident.findUnique({
      where: { id: residentId },
      select: {
        id: true, channelId: true, language: true, consentAt: true, consentVersion: true, firstName: true, createdAt: true,
        registrations: {
          orderBy: { createdAt: 'asc' },
          select: {
            referenceCode: true, activityId: true, sessionId: true, participant: true, participantName: true, participantBirthYear: true,
            participantPhone: true, guardianName: true, guardianPhone: true, status: true, createdAt: true, session: { select: { startsAt: true } },
          },
        },
        handoffs: { orderBy: { createdAt: 'asc' }, select: { id: true, status: true, createdAt: true, closedAt: true, _count: { select: { messages: true } } } },
      },
    });
    if (!r) return null;
    return {
      ...r,
      registrations: r.registrations.map(({ session, ...g }) => ({ ...g, sessionStartsAt: session?.startsAt ?? null })),
      handoffs: r.handoffs.map(({ _count, ...h }) => ({ ...h, messages: _count.messages })),
    };
  }

  return {
    export: exportResident,

    async erase(residentId, opts = {}): Promise<ErasureResult | null> {
      const data = await exportResident(residentId);
      if (!data) return null;
      // Seats and waitlist places first, through the same rule as a cancellation: the next one moves up.
      let cancelled = 0;
      const active = await db.registration.findMany({ where: { residentId, status: { not: 'cancelled' } }, select: { id: true, status: true } });
      for (const g of active) if (isActiveRegistration(g.status) && (await registrations.cancel(residentId, g.id)).ok) cancelled++;
      let anonymised = 0;
      const rows = await db.registration.findMany({ where: { residentId }, select: { id: true, activityId: true, sessionId: true, status: true, createdAt: true } });
      for (const g of rows) if (await anonymiseRegistration(db, g)) anonymised++;
      // Conversation state: the conversations we know of, and any that still mention a name or number of theirs.
      const handoffs = await db.handoff.findMany({ where: { residentId }, select: { conversationRef: true } });
      const keys = [...(opts.stateKeys ?? []), ...handoffs.map((h) => stateKeyOf(h.conversationRef)).filter((k): k is string => !!k)];
      if (keys.length) await db.botState.deleteMany({ where: { key: { in: keys } } });
      const mentions = [data.firstName, ...data.registrations.flatMap((g) => [g.participantName, g.participantPhone, g.guardianName, g.guardianPhone])]
        .filter((s): s is string => !!s && s.trim().length >= 4);
      for (const s of new Set(mentions)) await db.botState.deleteMany({ where: { data: { contains: s } } });
      // The resident, with their handoffs and messages and anything else that hangs off them (cascade).
      await db.resident.deleteMany({ where: { id: residentId } });
      return { cancelled, anonymised };
    },

    async residentByReference(code) {
      const r = await db.registration.findUnique({ where: { referenceCode: code.trim().toUpperCase() }, select: { residentId: true } });
      return r?.residentId ?? null;
    },
  };
}
