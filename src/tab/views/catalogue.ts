// Edit the catalogue without a deploy: an activity's texts per language, its sessions and seats.
import { api } from '../api';
import { announce, el, fromLocalInput, toLocalInput, when } from '../dom';
import { lang as pageLang, languageName, t, type Ctx } from '../ctx';
import { titleOf, type ActivityView, type SessionView } from './activities';

let chosen: { activity?: string; lang?: string } = {};

/** PUT/POST a session's answer (src/domain/staff-tab.ts SessionSaved). */
interface SessionSaved { id: string; promoted: string[]; told: number }

function field(id: string, label: string, input: HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

/** Saves, shows the view again and says what happened (`said`: the sentence for the answer, else "Saved."). */
async function save<T>(run: () => Promise<T>, ctx: Ctx, again: () => Promise<void>, said?: (answer: T) => string): Promise<void> {
  try {
    const answer = await run();
    await again();
    announce(said ? said(answer) : t('roster.saved'));
  } catch (err) {
    ctx.fail(err);
  }
}

export async function showCatalogue(main: HTMLElement, ctx: Ctx): Promise<void> {
  const { activities, languages } = await api.get<{ activities: ActivityView[]; languages: string[] }>('/api/staff/activities');
  const again = () => showCatalogue(main, ctx);
  const a = activities.find((x) => x.id === chosen.activity) ?? activities[0];
  // The text in the page's language first; another language is one choice away.
  const lang = [chosen.lang, pageLang(), languages[0]].find((l): l is string => !!l && languages.includes(l))!;
  if (!a) return void main.replaceChildren(el('h2', {}, t('catalogue.heading')));

  const pick = el('select', { id: 'activity' });
  for (const x of activities) pick.append(el('option', { value: x.id, ...(x.id === a.id ? { selected: '' } : {}) }, titleOf(x)));
  pick.addEventListener('change', () => ((chosen.activity = pick.value), void again().catch(ctx.fail)));
  const langPick = el('select', { id: 'text-lang' });
  for (const l of languages) langPick.append(el('option', { value: l, lang: l, ...(l === lang ? { selected: '' } : {}) }, languageName(l)!));
  langPick.addEventListener('change', () => ((chosen = { activity: a.id, lang: langPick.value }), void again().catch(ctx.fail)));

  const text = a.texts[lang] ?? { title: '', description: '', schedule: '', bring: null };
  const title = el('input', { type: 'text', value: text.title, required: '', dir: 'auto' });
  const description = el('textarea', { rows: '5', required: '', dir: 'auto' });
  description.value = text.description;
  const schedule = el('input', { type: 'text', value: text.schedule, required: '', dir: 'auto' });
  const bring = el('input', { type: 'text', value: text.bring ?? '', dir: 'auto' });
  const textForm = el('form', { class: 'card', 'aria-labelledby': 'text-heading' },
    el('h3', { id: 'text-heading' }, `${titleOf(a)} (${languageName(lang)})`),
    field('text-title', t('catalogue.titleField'), title), field('text-description', t('catalogue.description'), description),
    field('text-schedule', t('catalogue.schedule'), schedule), field('text-bring', t('catalogue.bring'), bring),
    el('button', { type: 'submit', class: 'primary' }, t('catalogue.saveText')));
  textForm.addEventListener('submit', (e) => {
    e.preventDefault();
    chosen = { activity: a.id, lang };
    void save(() => api.put(`/api/staff/activities/${encodeURIComponent(a.id)}/texts/${lang}`,
      { title: title.value, description: description.value, schedule: schedule.value, bring: bring.value || null }), ctx, again);
  });

  const sessions = el('section', { class: 'card', 'aria-labelledby': 'sessions-heading' }, el('h3', { id: 'sessions-heading' }, t('catalogue.sessions')));
  for (const s of [...a.sessions, null]) sessions.append(sessionForm(a, s, ctx, again));
  main.replaceChildren(el('h2', {}, t('catalogue.heading')),
    el('div', { class: 'pickers' }, field('activity', t('catalogue.activity'), pick as never), field('text-lang', t('catalogue.textLanguage'), langPick as never)),
    textForm, sessions);
}

function sessionForm(a: ActivityView, s: SessionView | null, ctx: Ctx, again: () => Promise<void>): HTMLElement {
  const key = s ? s.id : 'new';
  const startsAt = el('input', { type: 'datetime-local', required: '', value: toLocalInput(s?.startsAt ?? null) });
  const endsAt = el('input', { type: 'datetime-local', value: toLocalInput(s?.endsAt ?? null) });
  const capacity = el('input', { type: 'number', min: '0', max: '10000', required: '', value: String(s?.capacity ?? 10), inputmode: 'numeric' });
  const place = el('input', { type: 'text', value: s?.place ?? '' });
  const form = el('form', { class: 'session-form' },
    el('h4', {}, s ? when(s.startsAt, pageLang()) : t('catalogue.newSession')),
    field(`starts-${key}`, t('catalogue.startsAt'), startsAt), field(`ends-${key}`, t('catalogue.endsAt'), endsAt),
    field(`capacity-${key}`, t('catalogue.capacity'), capacity), field(`place-${key}`, t('catalogue.place'), place),
    el('button', { type: 'submit' }, s ? t('catalogue.saveSession') : t('catalogue.addSession')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    chosen.activity = a.id;
    const body = { startsAt: fromLocalInput(startsAt.value), endsAt: fromLocalInput(endsAt.value), capacity: Number(capacity.value), place: place.value || null };
    const path = `/api/staff/activities/${encodeURIComponent(a.id)}/sessions`;
    // An edit may move people up from the waitlist and tell them of a new time: staff see how many.
    void save(() => (s ? api.put<SessionSaved>(`${path}/${encodeURIComponent(s.id)}`, body) : api.post<SessionSaved>(path, body)), ctx, again,
      (r) => t('catalogue.sessionSaved', { promoted: r.promoted.length, told: r.told }));
  });
  return form;
}
