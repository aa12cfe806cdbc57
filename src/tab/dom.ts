// Small DOM helpers: elements are built with text nodes only (no innerHTML), so nothing a
// resident typed can run on a staff member's screen.

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export function clear(node: Element): void {
  node.replaceChildren();
}

/** Says something in the page's live region (read by screen readers), as a problem when `problem`. */
export function announce(text: string, problem = false): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('problem', problem);
  // A staff member who saved a form far down the page sees what happened (screen readers hear it anyway).
  status.scrollIntoView({ block: 'nearest' });
}

/** "Monday 7 December 14:00" in the page's language, Copenhagen time. */
export function when(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
}

/** A calendar day "2026-12-09" as "onsdag 9. december 2026" in the page's language. */
export function day(text: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${text}T12:00:00Z`));
}

/** An ISO time as the value of <input type="datetime-local"> in Copenhagen time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Copenhagen' })
      .formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A datetime-local value (Copenhagen time) as an ISO instant. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const asUtc = new Date(`${value}:00Z`);
  // The offset Copenhagen had at that moment (CET +1, CEST +2).
  const local = new Date(asUtc.toLocaleString('en-US', { timeZone: 'Europe/Copenhagen' }));
  const utc = new Date(asUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(asUtc.getTime() - (local.getTime() - utc.getTime())).toISOString();
}
