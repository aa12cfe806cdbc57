// Builds the handoff desk from the app's config and services.
import type { CloudAdapter } from 'botbuilder';
import type { Config } from '../../config';
import type { Catalogue } from '../../domain/catalogue';
import type { HandoffRepository, SettingsRepository } from '../../domain/handoffs';
import type { RegistrationRepository } from '../../domain/registrations';
import type { I18n } from '../../i18n';
import type { Logger } from '../../log';
import { HandoffDesk } from './desk';
import { StaffChannels } from './staff-channel';
import { createTranslator } from './translator';

export { HandoffDesk } from './desk';

export interface HandoffServices {
  handoffs: HandoffRepository;
  settings: SettingsRepository;
  catalogue: Catalogue;
  i18n: I18n;
  log: Logger;
  now: () => Date;
  /** Words the intent model knows: the translation's masker never takes them for names. */
  knownWord?: (word: string) => boolean;
  /** The resident's registrations: their children's names are kept from the translation's model too. */
  registrations?: Pick<RegistrationRepository, 'listForResident'>;
  /** True when the understanding reads the message as an emergency. */
  isEmergency: (text: string, lang: string) => Promise<boolean>;
}

export function createHandoffDesk(config: Config, s: HandoffServices, adapter: CloudAdapter): HandoffDesk {
  return new HandoffDesk({
    adapter,
    appId: config.MICROSOFT_APP_ID ?? '',
    handoffs: s.handoffs,
    channels: new StaffChannels(s.settings, config, s.log),
    catalogue: s.catalogue,
    i18n: s.i18n,
    staffLang: s.i18n.languages.includes(config.STAFF_LANGUAGE) ? config.STAFF_LANGUAGE : s.i18n.fallback,
    translator: createTranslator(config, s.log, {
      isKnownWord: s.knownWord,
      namesOf: async (residentId) => {
        const [r, registrations] = await Promise.all([s.handoffs.residentSummary(residentId), s.registrations?.listForResident(residentId) ?? []]);
        return [r.firstName, ...r.ownNames, ...registrations.map((g) => g.participantName)].filter((n): n is string => !!n);
      },
    }),
    isEmergency: s.isEmergency,
    hours: config.OFFICE_HOURS,
    renotifyMs: config.HANDOFF_RENOTIFY_MINUTES * 60_000,
    now: s.now,
    log: s.log,
  });
}
