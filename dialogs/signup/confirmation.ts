// What a resident reads after signing up: reference code, date, place, what to bring, a calendar link.
import type { TurnContext } from 'botbuilder';
import { runMeetings, textFor, type Activity } from '../../src/domain/catalogue';
import type { RegistrationView } from '../../src/domain/registrations';
import { guardianPageUrl, type GuardianInvite } from '../../src/domain/guardian';
import { formatMeetings, formatWhen, menuChoices } from '../answers';
import { say } from '../reply';
import { turnInfo } from '../turn';
import type { SignupServices } from './services';

export function statusLine(ctx: TurnContext, r: RegistrationView): string {
  const { t } = turnInfo(ctx);
  if (r.status === 'waitlisted') return t('signup:status.waitlisted', { position: r.waitlistPosition ?? '?' });
  return t(`signup:status.${r.status}`);
}

/**
 * When a registration meets: a course's dates (every meeting still ahead), a session's day and time,
 * or null for a membership (the schedule says it then).
 */
export function whenText(s: SignupServices, lang: string, activity: Activity | undefined, r: RegistrationView): string | null {
  const meetings = activity?.seriesMeetings && r.sessionId ? runMeetings(activity, r.sessionId) : [];
  if (meetings.length) return formatMeetings(s, lang, meetings);
  return r.sessionStartsAt ? formatWhen(s, lang, r.sessionStartsAt) : null;
}

export async function sendConfirmation(ctx: TurnContext, s: SignupServices, activity: Activity, r: RegistrationView, invite?: GuardianInvite): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  const text = textFor(activity, lang, s.i18n.fallback);
  const lines = [
    t(r.status === 'waitlisted' ? 'signup:done.waitlisted' : r.status === 'pending_guardian' ? 'signup:done.pendingGuardian' : 'signup:done.registered'),
    t('signup:done.code', { code: r.referenceCode }),
    statusLine(ctx, r),
    t('signup:done.what', { title: text.title }),
    ...[whenText(s, lang, activity, r)].map((when) => (when ? t('signup:done.when', { when }) : t('signup:done.schedule', { schedule: text.schedule }))),
    t('signup:done.where', { place: activity.place }),
    ...(text.bring ? [t('signup:done.bring', { bring: text.bring })] : []),
    ...(r.sessionId ? [t('signup:done.calendar', { url: `${s.publicUrl}/api/sessions/${encodeURIComponent(r.sessionId)}.ics?lang=${lang}` })] : []),
    t('signup:done.cancelHint'),
  ];
  await say(ctx, lines.join('\n'), { prompt: 'menu', choices: menuChoices(ctx) });
  // A young person alone: the link and code for the parent's yes (src/domain/guardian.ts).
  if (invite) {
    const vars = { url: guardianPageUrl(s.publicUrl, invite.token), code: invite.code, hours: invite.answerHours };
    await say(ctx, t(r.status === 'waitlisted' ? 'guardian:inviteWaitlisted' : 'guardian:invite', vars));
  }
}

export async function sendAlreadyRegistered(ctx: TurnContext, s: SignupServices, activity: Activity, r: RegistrationView): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  await say(ctx, [t('signup:already', { title: textFor(activity, lang, s.i18n.fallback).title, code: r.referenceCode }), statusLine(ctx, r)].join('\n'), {
    prompt: 'menu',
    choices: menuChoices(ctx),
  });
}
