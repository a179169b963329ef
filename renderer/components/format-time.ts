/**
 * A recorded time (ISO 8601) with its zone named, one pattern on every screen ("05/12/2026, 06:42:04 BST",
 * "… GMT+14", "… UTC"), so a packer and a manager reading two screens side by side never guess the zone.
 * The bench's local zone, or UTC where a screen's day filter works in UTC days (Recall).
 */
const PATTERN: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  // Spelt out: with a zone name, en-GB's default drops the leading zero of the hour.
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

export function timeWithZone(iso: string, timeZone?: 'UTC'): string {
  return new Date(iso).toLocaleString('en-GB', timeZone ? { ...PATTERN, timeZone } : PATTERN);
}

/**
 * The same convention where room is short (the header's sync times): the time with its zone named the
 * same way ("09:41 BST", "09:51:07 GMT+14"), and the day only when it is not today ("5 Dec, 09:41 BST"), the year only when it is not this year
 * ("28 Nov 2025, 09:41 GMT").
 * timeWithZone gives the whole time (for a tooltip).
 */
export function shortTimeWithZone(iso: string, withSeconds = false): string {
  const at = new Date(iso);
  const time: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hourCycle: 'h23',
    timeZoneName: 'short',
  };
  const now = new Date();
  if (at.toDateString() === now.toDateString()) return at.toLocaleTimeString('en-GB', time);
  // A bench offline since last year: "28 Nov" alone would read as this year's.
  const year = at.getFullYear() === now.getFullYear() ? undefined : 'numeric';
  return at.toLocaleString('en-GB', { day: 'numeric', month: 'short', year, ...time });
}

/** A time's day, year, minute and zone name, as the range below writes them ("14 Mar", "2026", "09:41", "GMT"). */
function rangeEnd(iso: string): { day: string; year: string; time: string; zone: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('day')} ${part('month')}`, year: part('year'), time: `${part('hour')}:${part('minute')}`, zone: part('timeZoneName') };
}

/**
 * From one recorded time to another where room is one line (the 4×6-inch label): to the minute, the
 * zone named as everywhere else, each day, year and zone said once where both ends share it, as a
 * date range is written ("31 Oct – 1 Nov 2026"):
 * "14 Mar 2026 09:41–11:05 GMT" (the minute once, "14 Mar 2026 09:41 GMT", where both ends share it),
 * "3 Dec 14:02 – 5 Dec 2026 09:15 GMT",
 * "31 Dec 2025 23:50 – 1 Jan 2026 00:10 GMT", and each end with its own zone where the clocks
 * changed between them ("28 Mar 23:50 GMT – 29 Mar 2026 10:15 BST").
 */
export function timeRangeWithZone(fromIso: string, toIso: string): string {
  const from = rangeEnd(fromIso);
  const to = rangeEnd(toIso);
  const sameZone = from.zone === to.zone;
  if (sameZone && from.day === to.day && from.year === to.year) {
    // Parcels sent within one minute: "21:49–21:49" read as a slip misprinted; the minute once.
    const times = from.time === to.time ? to.time : `${from.time}–${to.time}`;
    return `${to.day} ${to.year} ${times} ${to.zone}`;
  }
  const fromDay = from.year === to.year ? from.day : `${from.day} ${from.year}`;
  const fromEnd = sameZone ? `${fromDay} ${from.time}` : `${fromDay} ${from.time} ${from.zone}`;
  return `${fromEnd} – ${to.day} ${to.year} ${to.time} ${to.zone}`;
}
