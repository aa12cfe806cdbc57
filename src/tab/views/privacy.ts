// One resident's data (the data-rights API): found by a registration code, exported or erased.
import { api } from '../api';
import { announce, el } from '../dom';
import { t, type Ctx } from '../ctx';

export async function showPrivacy(main: HTMLElement, ctx: Ctx): Promise<void> {
  const code = el('input', { id: 'privacy-code', type: 'text', autocomplete: 'off', required: '', maxlength: '12' });
  const result = el('div', { class: 'result' });
  const form = el('form', { class: 'card' }, el('label', { for: 'privacy-code' }, t('privacy.reference')), code, el('button', { type: 'submit', class: 'primary' }, t('privacy.find')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.replaceChildren();
    try {
      const { residentId } = await api.get<{ residentId: string }>(`/api/staff/residents?reference=${encodeURIComponent(code.value.trim().toUpperCase())}`);
      const path = `/api/staff/residents/${encodeURIComponent(residentId)}`;
      const exportButton = el('button', { type: 'button' }, t('privacy.export'));
      exportButton.addEventListener('click', () => void api.download(`${path}/export`, `resident-${residentId}.json`).catch(ctx.fail));
      // Asked on the page, not with window.confirm(): Teams' desktop client does not show browser dialogs.
      const erase = el('button', { type: 'button', class: 'danger' }, t('privacy.erase'));
      const actions = el('div', { class: 'actions' }, exportButton, erase);
      erase.addEventListener('click', () => {
        erase.hidden = true;
        const yes = el('button', { type: 'button', class: 'danger' }, t('privacy.eraseYes'));
        const no = el('button', { type: 'button' }, t('privacy.eraseNo'));
        const ask = el('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'erase-question' },
          el('p', { id: 'erase-question' }, t('privacy.eraseConfirm')), yes, no);
        no.addEventListener('click', () => {
          ask.remove();
          erase.hidden = false;
          erase.focus();
        });
        yes.addEventListener('click', async () => {
          yes.disabled = true;
          try {
            await api.post(`${path}/erase`);
            result.replaceChildren(el('p', {}, t('privacy.erased')));
          } catch (err) {
            yes.disabled = false;
            ctx.fail(err);
          }
        });
        actions.append(ask);
        no.focus();
      });
      result.replaceChildren(el('p', {}, t('privacy.found')), actions);
    } catch (err) {
      if ((err as { status?: number }).status === 404 && (err as { code?: string }).code !== 'notAvailable') announce(t('privacy.notFound'), true);
      else ctx.fail(err);
    }
  });
  main.replaceChildren(el('h2', {}, t('privacy.heading')), form, result);
}
