// Activities with their sessions (seats taken/left, waitlist), and a session's registrations:
// search, attendance, move up from the waitlist, a guardian's yes, cancel with a reason, CSV.
import { api } from '../api';
import { announce, el, when } from '../dom';
import { lang, languageName, t, type Ctx } from '../ctx';

export interface SessionView { id: string; startsAt: string; endsAt: string | null; capacity: number; place: string | null; seatsTaken: number; seatsLeft: number; waitlisted: number }
export interface ActivityView { id: string; category: string; active: boolean; texts: Record<string, { title: string; description: string; schedule: string; bring: string | null }>; sessions: SessionView[] }
interface Row {
  reference: string; status: string; waitlistPosition: number | null; participant: string; name: string | null; age: number | null; phone: string | null;
  guardianName: string | null; guardianPhone: string | null; guardian: string; language: string | null; attended: boolean | null; cancelReason: string | null;
}

export const REASONS = ['session_cancelled', 'not_eligible', 'resident_asked', 'no_show', 'other'];

export function titleOf(a: ActivityView): string {
  return (a.texts[lang()] ?? a.texts.da ?? Object.values(a.texts)[0])?.title ?? a.id;
}

export async function showActivities(main: HTMLElement, ctx: Ctx): Promise<void> {
  const { activities } = await api.get<{ activities: ActivityView[] }>('/api/staff/activities');
  main.replaceChildren(el('h2', {}, t('activities.heading')));
  for (const a of activities) {
    const list = el('ul', { class: 'sessions' });
    for (const s of a.sessions) {
      const open = el('button', { type: 'button', class: 'primary' }, t('activities.open'));
      open.addEventListener('click', () => void showRoster(main, ctx, a, s).catch(ctx.fail));
      list.append(el('li', { class: 'session', 'data-session': s.id },
        el('strong', {}, when(s.startsAt, lang())),
        el('span', {}, t('activities.seats', { taken: s.seatsTaken, capacity: s.capacity, left: s.seatsLeft })),
        s.waitlisted ? el('span', { class: 'badge' }, t('activities.waitlist', { count: s.waitlisted })) : null,
        open));
    }
    main.append(el('section', { class: 'card', 'aria-label': titleOf(a) },
      el('h3', {}, titleOf(a), a.active ? null : el('span', { class: 'badge' }, t('activities.inactive'))),
      a.sessions.length ? list : el('p', { class: 'muted' }, t('activities.noSessions'))));
  }
}

async function showRoster(main: HTMLElement, ctx: Ctx, a: ActivityView, s: SessionView, query = ''): Promise<void> {
  const base = `/api/staff/sessions/${encodeURIComponent(s.id)}/registrations`;
  const { registrations } = await api.get<{ registrations: Row[] }>(query ? `${base}?q=${encodeURIComponent(query)}` : base);
  const back = el('button', { type: 'button', class: 'link' }, t('roster.back'));
  back.addEventListener('click', () => void showActivities(main, ctx).catch(ctx.fail));
  const search = el('input', { type: 'search', id: 'search', value: query });
  const form = el('form', { class: 'search', role: 'search' }, el('label', { for: 'search' }, t('roster.search')), search);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void showRoster(main, ctx, a, s, search.value.trim()).catch(ctx.fail);
  });
  const csv = el('button', { type: 'button' }, t('roster.csv'));
  csv.addEventListener('click', () =>
    void api.download(`/api/staff/registrations?activity=${encodeURIComponent(a.id)}&session=${encodeURIComponent(s.id)}&format=csv`, `${s.id}.csv`).catch(ctx.fail));
  const reload = () => showRoster(main, ctx, a, s, search.value.trim());
  const list = el('ul', { class: 'roster' });
  for (const r of registrations) list.append(rosterRow(r, ctx, reload));
  main.replaceChildren(back, el('h2', {}, `${titleOf(a)} · ${when(s.startsAt, lang())}`),
    el('p', {}, t('activities.seats', { taken: s.seatsTaken, capacity: s.capacity, left: s.seatsLeft })),
    form, csv, registrations.length ? list : el('p', { class: 'muted' }, t('roster.empty')));
}

function fact(label: string, value: string | number | null): HTMLElement | null {
  return value === null || value === '' ? null : el('div', {}, el('dt', {}, label), el('dd', {}, String(value)));
}

function action(label: string, run: () => Promise<unknown>, ctx: Ctx, done: () => Promise<void>, cls = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await run();
      await done();
      announce(t('roster.saved'));
    } catch (err) {
      b.disabled = false;
      ctx.fail(err);
    }
  });
  return b;
}

function rosterRow(r: Row, ctx: Ctx, reload: () => Promise<void>): HTMLElement {
  const path = `/api/staff/registrations/${encodeURIComponent(r.reference)}`;
  const status = t(`status.${r.status}`) + (r.waitlistPosition ? ` (${t('roster.waitlistPosition', { position: r.waitlistPosition })})` : '');
  const guardian = r.guardian === 'not_needed' ? null : `${t(`guardianState.${r.guardian}`)}${r.guardianName ? ` · ${r.guardianName}` : ''}${r.guardianPhone ? ` · ${r.guardianPhone}` : ''}`;
  const item = el('li', { class: `card row status-${r.status}`, 'data-reference': r.reference },
    el('h3', {}, r.name ?? r.reference),
    el('dl', {},
      fact(t('roster.status'), status), fact(t('roster.age'), r.age), fact(t('roster.phone'), r.phone), fact(t('roster.guardian'), guardian),
      fact(t('roster.languageOf'), languageName(r.language)), fact(t('roster.reference'), r.reference),
      fact(t('roster.attended'), r.attended === null ? null : r.attended ? t('roster.attended') : t('roster.absent'))));
  if (r.status === 'cancelled') {
    if (r.cancelReason) item.append(el('p', { class: 'muted' }, t(`reason.${r.cancelReason}`)));
    return item;
  }
  const actions = el('div', { class: 'actions' });
  if (r.status !== 'waitlisted') {
    actions.append(
      action(t('roster.markAttended'), () => api.post(`${path}/attendance`, { attended: true }), ctx, reload, r.attended === true ? 'on' : ''),
      action(t('roster.markAbsent'), () => api.post(`${path}/attendance`, { attended: false }), ctx, reload, r.attended === false ? 'on' : ''),
    );
  } else {
    actions.append(action(t('roster.promote'), () => api.post(`${path}/promote`), ctx, reload));
  }
  // The guardian's yes after a phone call (the guardian flow's staff route).
  if (r.status === 'pending_guardian') actions.append(action(t('roster.confirmGuardian'), () => api.post(`${path}/guardian`, { answer: 'yes' }), ctx, reload));
  const cancel = el('button', { type: 'button', class: 'danger' }, t('roster.cancel'));
  cancel.addEventListener('click', () => {
    cancel.hidden = true;
    actions.append(cancelForm(r, path, ctx, reload, () => {
      cancel.hidden = false;
      cancel.focus();
    }));
  });
  actions.append(cancel);
  item.append(actions);
  return item;
}

function cancelForm(r: Row, path: string, ctx: Ctx, reload: () => Promise<void>, abort: () => void): HTMLElement {
  const id = `reason-${r.reference}`;
  const select = el('select', { id });
  for (const reason of REASONS) select.append(el('option', { value: reason }, t(`reason.${reason}`)));
  const confirm = el('button', { type: 'submit', class: 'danger' }, t('roster.cancelConfirm'));
  const no = el('button', { type: 'button' }, t('roster.cancelAbort'));
  const form = el('form', { class: 'cancel' }, el('label', { for: id }, t('roster.cancelReason')), select, confirm, no);
  no.addEventListener('click', () => {
    form.remove();
    abort();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    confirm.disabled = true;
    try {
      await api.post(`${path}/cancel`, { reason: select.value });
      await reload();
      announce(t('roster.cancelled'));
    } catch (err) {
      confirm.disabled = false;
      ctx.fail(err);
    }
  });
  queueMicrotask(() => select.focus());
  return form;
}
