// The bot's knowledge (the knowledge API): questions nobody could answer, and facts and answers
// staff change without a deploy.
import { api } from '../api';
import { announce, el, when } from '../dom';
import { lang, languageName, t, type Ctx } from '../ctx';

interface Entry { key: string; kind: string; value: string | null; texts: Record<string, { title: string; answer: string }> }
interface Question { id: number; at: string; lang: string; text: string }

export async function showKnowledge(main: HTMLElement, ctx: Ctx): Promise<void> {
  const [{ questions }, { entries }] = await Promise.all([
    api.get<{ questions: Question[] }>('/api/staff/unanswered?limit=50'),
    api.get<{ entries: Entry[] }>('/api/staff/knowledge'),
  ]);
  const asked = el('ul', { class: 'questions' });
  for (const q of questions) asked.append(el('li', {}, el('span', { class: 'muted' }, `${when(q.at, lang())} · ${languageName(q.lang)} `), el('span', { lang: q.lang, dir: 'auto' }, q.text)));
  const list = el('div', {});
  for (const e of entries) list.append(entryForm(e, ctx));
  main.replaceChildren(el('h2', {}, t('knowledge.heading')),
    el('section', { class: 'card' }, el('h3', {}, t('knowledge.unanswered')), questions.length ? asked : el('p', { class: 'muted' }, t('knowledge.noUnanswered'))),
    el('h3', {}, t('knowledge.entries')), list);
}

function entryForm(e: Entry, ctx: Ctx): HTMLElement {
  const l = e.texts[lang()] ? lang() : Object.keys(e.texts)[0];
  const text = e.texts[l];
  const answer = el('textarea', { id: `answer-${e.key}`, rows: '3', dir: 'auto' });
  answer.value = text?.answer ?? '';
  const value = el('input', { id: `value-${e.key}`, type: 'text', value: e.value ?? '', dir: 'auto' });
  const form = el('form', { class: 'card' }, el('h4', {}, text?.title ?? e.key),
    e.kind === 'fact' ? el('div', { class: 'field' }, el('label', { for: value.id }, t('knowledge.value')), value) : null,
    el('div', { class: 'field' }, el('label', { for: answer.id }, `${t('knowledge.answer')} (${languageName(l)})`), answer),
    el('button', { type: 'submit' }, t('knowledge.save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.put(`/api/staff/knowledge/${encodeURIComponent(e.key)}`, { ...(e.kind === 'fact' ? { value: value.value || null } : {}), texts: { [l]: { answer: answer.value } } });
      announce(t('roster.saved'));
    } catch (err) {
      ctx.fail(err);
    }
  });
  return form;
}
