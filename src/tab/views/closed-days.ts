// Closed days staff set (GET/POST/DELETE /api/staff/closed-days, src/http/staff-closed-days-routes.ts):
// the list from today on, a form to close one day or a run of days with a reason, and "open again".
// Closing cancels the registrations on those days and tells each resident; the page says how many.
import { api } from '../api';
import { announce, day as dayText, el } from '../dom';
import { lang, t, type Ctx } from '../ctx';

interface ClosedDay { day: string; reason: string; setBy: string; createdAt: string }

function field(id: string, label: string, input: HTMLInputElement): HTMLElement {
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

export async function showClosedDays(main: HTMLElement, ctx: Ctx): Promise<void> {
  const { closedDays } = await api.get<{ closedDays: ClosedDay[] }>('/api/staff/closed-days');
  const again = () => showClosedDays(main, ctx);

  const from = el('input', { type: 'date', required: '' });
  const until = el('input', { type: 'date' });
  const reason = el('input', { type: 'text', required: '', maxlength: '500', dir: 'auto' });
  const form = el('form', { class: 'card', 'aria-labelledby': 'close-heading' },
    el('h3', { id: 'close-heading' }, t('closedDays.add')),
    field('closed-from', t('closedDays.day'), from), field('closed-until', t('closedDays.until'), until), field('closed-reason', t('closedDays.reason'), reason),
    el('p', { class: 'muted' }, t('closedDays.warning')),
    el('button', { type: 'submit', class: 'primary' }, t('closedDays.close')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { day: from.value, ...(until.value ? { until: until.value } : {}), reason: reason.value };
    void api.post<{ cancelled: number }>('/api/staff/closed-days', body)
      .then(async (r) => {
        await again();
        announce(t('closedDays.closed', { count: r.cancelled }));
      })
      .catch(ctx.fail);
  });

  const list = el('ul', { class: 'closed-days' });
  for (const d of closedDays) {
    const reopen = el('button', { type: 'button' }, t('closedDays.reopen'));
    reopen.addEventListener('click', () => {
      void api.del(`/api/staff/closed-days/${encodeURIComponent(d.day)}`)
        .then(async () => {
          await again();
          announce(t('closedDays.reopened'));
        })
        .catch(ctx.fail);
    });
    list.append(el('li', { class: 'closed-day', 'data-day': d.day },
      el('strong', {}, dayText(d.day, lang())), ' ', el('span', { dir: 'auto' }, d.reason), ' ', reopen));
  }
  main.replaceChildren(el('h2', {}, t('closedDays.heading')), el('p', { class: 'muted' }, t('closedDays.always')),
    closedDays.length ? list : el('p', { class: 'muted' }, t('closedDays.none')), form);
}
