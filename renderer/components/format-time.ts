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
