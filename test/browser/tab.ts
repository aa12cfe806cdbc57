// What the staff tab's browser tests share: its Danish texts and the sign-in outside Teams.
import { t, type Phone } from './chromium';

/** A staff tab text in Danish (locales/da/tab.json). */
export const tabText = (key: string, vars?: Record<string, unknown>): string => t('da', `tab:${key}`, vars);

/** Outside Teams: the page says so; the static token signs in and the activities show. */
export async function signInToTab(p: Phone, token: string): Promise<void> {
  await p.page.getByText(tabText('teams.outside')).waitFor();
  await p.page.getByLabel(tabText('signin.token')).fill(token);
  await p.page.getByRole('button', { name: tabText('signin.submit') }).click();
  await p.page.getByRole('heading', { name: tabText('activities.heading') }).waitFor();
}
