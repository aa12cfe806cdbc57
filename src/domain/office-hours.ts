// When staff are at work (OFFICE_HOURS), in Copenhagen time: the resident is told when a person
// will answer, and a waiting handoff reminds the channel only while someone is there to read it.
// Written as `mon-thu 09:00-15:00; fri 09:00-13:00` (days: mon…sun, ranges or comma lists).

export interface OfficeHoursRule {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Minutes after midnight; `to` may be 1440 (24:00). */
  from: number;
  to: number;
}

export type OfficeHours = OfficeHoursRule[];

export const OFFICE_TIME_ZONE = 'Europe/Copenhagen';
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function parseDays(text: string): number[] | null {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map((d) => DAY_NAMES.indexOf(d.trim().toLowerCase()) + 1);
    if (!a || (part.includes('-') && !b)) return null;
    const last = b || a;
    if (last < a) return null;
    for (let d = a; d <= last; d++) days.add(d);
  }
  return [...days].sort((x, y) => x - y);
}

function parseTime(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : null;
}

/** The rules, or null when the text does not follow the format. */
export function parseOfficeHours(text: string): OfficeHours | null {
  const rules: OfficeHours = [];
  for (const chunk of text.split(';').map((c) => c.trim()).filter(Boolean)) {
    const m = /^([a-z,\- ]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/i.exec(chunk);
    if (!m) return null;
    const days = parseDays(m[1].replace(/\s+/g, ''));
    const from = parseTime(m[2]);
    const to = parseTime(m[3]);
    if (!days || from === null || to === null || to <= from) return null;
    rules.push({ days, from, to });
  }
  return rules.length ? rules : null;
}

/** ISO weekday and minutes after midnight of an instant, in Copenhagen. */
export function localTime(at: Date, timeZone = OFFICE_TIME_ZONE): { isoDay: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { isoDay: DAY_NAMES.indexOf(get('weekday').toLowerCase().slice(0, 3)) + 1, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function isOpen(hours: OfficeHours, at: Date): boolean {
  const { isoDay, minutes } = localTime(at);
  return hours.some((r) => r.days.includes(isoDay) && minutes >= r.from && minutes < r.to);
}

export interface Opening {
  /** 0 = later today, 1 = tomorrow, … */
  daysAhead: number;
  isoDay: number;
  minutes: number;
}

/** When staff are next at work after `at` (null when the rules name no time at all). */
export function nextOpening(hours: OfficeHours, at: Date): Opening | null {
  const now = localTime(at);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const isoDay = ((now.isoDay - 1 + ahead) % 7) + 1;
    const starts = hours
      .filter((r) => r.days.includes(isoDay) && (ahead > 0 || r.from > now.minutes))
      .map((r) => r.from)
      .sort((a, b) => a - b);
    if (starts.length) return { daysAhead: ahead, isoDay, minutes: starts[0] };
  }
  return null;
}

/** "09:00" from minutes after midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
