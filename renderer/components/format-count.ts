/**
 * "50,000": a count with thousands separators. Plain string work on purpose: the first
 * toLocaleString/Intl call loads locale data, which cost tens of ms at start-up on the list.
 */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
