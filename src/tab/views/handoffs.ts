// Open and recent handoffs: state, why, and a link that opens the staff thread in Teams.
import { api } from '../api';
import { el, when } from '../dom';
import { lang, languageName, t, type Ctx } from '../ctx';

interface Handoff { id: string; status: string; trigger: string; urgent: boolean; language: string; createdAt: string; threadUrl: string | null }

export async function showHandoffs(main: HTMLElement, _ctx: Ctx): Promise<void> {
  const { handoffs } = await api.get<{ handoffs: Handoff[] }>('/api/staff/handoffs');
  const list = el('ul', { class: 'handoffs' });
  for (const h of handoffs) {
    list.append(el('li', { class: `card handoff state-${h.status}` },
      el('h3', {}, t(`handoffs.trigger.${h.trigger}`), h.urgent ? el('span', { class: 'badge urgent' }, t('handoffs.urgent')) : null),
      el('p', {}, `${t(`handoffs.state.${h.status}`)} · ${t('handoffs.created', { date: when(h.createdAt, lang()) })} · ${languageName(h.language)}`),
      // Teams opens its own deep links; outside Teams the link opens Teams on the web.
      h.threadUrl ? el('a', { href: h.threadUrl, target: '_blank', rel: 'noopener noreferrer' }, t('handoffs.open')) : null));
  }
  main.replaceChildren(el('h2', {}, t('handoffs.heading')), handoffs.length ? list : el('p', { class: 'muted' }, t('handoffs.empty')));
}
