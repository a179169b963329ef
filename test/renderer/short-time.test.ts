/** The header's short times: the day only when not today, the year only when not this year. */
import { describe, expect, it } from 'vitest';
import { shortTimeWithZone } from '../../renderer/components/format-time.js';

describe('short times with their zone', () => {
  it('name the year of a time from another year, so a bench offline since last year does not read as this year', () => {
    const now = new Date();
    const lastYear = new Date(now.getFullYear() - 1, 10, 28, 9, 41).toISOString();
    expect(shortTimeWithZone(lastYear)).toContain(`28 Nov ${now.getFullYear() - 1}`);
    const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 1).toISOString();
    expect(shortTimeWithZone(today)).toMatch(/^00:01 \S+$/);
  });
});
