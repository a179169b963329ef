import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkCheckDigit,
  checkIdentifierFormat,
  daysBetween,
  fefoDefaults,
  fefoOrder,
  FORMAT_PRESETS,
  formatUseByDate,
  gs1CheckDigit,
  gs1DateToIso,
  identifierFormatSchema,
  identifierSpecProblem,
  localeDateOrder,
  luhnCheckDigit,
  normaliseIdentifier,
  parseUseByDate,
  shelfLifeProblem,
  type IdentifierFormat,
  type IdentifierSpec,
} from '../../shared/identifiers/index.js';

const IMEI = FORMAT_PRESETS.find((p) => p.name === 'IMEI')!.format;
const GTIN = FORMAT_PRESETS.find((p) => p.name === 'GTIN-14')!.format;
const dates = { order: 'dmy' as const, today: '2026-12-02' };

describe('check digits', () => {
  it('Luhn: real IMEIs pass, every wrong last digit fails', () => {
    for (const imei of ['490154203237518', '356938035643809', '353918057251239']) {
      expect(checkCheckDigit(imei, 'luhn')).toEqual({ ok: true });
      for (let d = 0; d <= 9; d++) {
        const wrong = imei.slice(0, -1) + d;
        if (wrong !== imei) expect(checkCheckDigit(wrong, 'luhn')).toEqual({ ok: false, reason: 'check digit wrong (Luhn)' });
      }
    }
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('Luhn catches a single changed digit and a swap of neighbours', () => {
    expect(checkCheckDigit('490154203237508', 'luhn').ok).toBe(false);
    expect(checkCheckDigit('940154203237518', 'luhn').ok).toBe(false);
  });

  it('GS1 mod-10: GTIN-13, GTIN-14 and SSCC pass; a wrong digit fails', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1); // 4006381333931
    expect(checkCheckDigit('4006381333931', 'gs1_mod10')).toEqual({ ok: true });
    expect(checkCheckDigit('09506000134352', 'gs1_mod10')).toEqual({ ok: true });
    expect(checkCheckDigit('106141411234567897', 'gs1_mod10')).toEqual({ ok: true });
    expect(checkCheckDigit('09506000134353', 'gs1_mod10')).toEqual({ ok: false, reason: 'check digit wrong (GS1 mod-10)' });
  });

  it('a check digit rule on a value with letters names the rule', () => {
    expect(checkCheckDigit('12A4', 'luhn')).toEqual({ ok: false, reason: 'a Luhn check digit needs digits only (at least 2)' });
    expect(checkCheckDigit('anything', 'none')).toEqual({ ok: true });
  });
});

describe('formats', () => {
  it('IMEI: length, pattern and check digit are each named', () => {
    expect(checkIdentifierFormat('490154203237518', IMEI)).toEqual({ ok: true });
    expect(checkIdentifierFormat('49015420323751', IMEI)).toEqual({
      ok: false,
      rule: 'length',
      reason: 'does not fit "IMEI: 15 digits": 14 characters, needs 15',
    });
    expect(checkIdentifierFormat('49015420323751X', IMEI)).toMatchObject({ rule: 'pattern', reason: 'does not fit "IMEI: 15 digits": does not match its pattern' });
    expect(checkIdentifierFormat('490154203237519', IMEI)).toMatchObject({
      rule: 'check_digit',
      reason: 'does not fit "IMEI: 15 digits": check digit wrong (Luhn)',
    });
    expect(checkIdentifierFormat('09506000134352', GTIN)).toEqual({ ok: true });
  });

  it('length limits without a pattern; the pattern must match the whole value', () => {
    const f: IdentifierFormat = { pattern: 'SN-[0-9]+', description: 'SN- then digits', minLength: 4, maxLength: 8, checkDigit: 'none' };
    expect(checkIdentifierFormat('SN-1', f).ok).toBe(true);
    expect(checkIdentifierFormat('xSN-1', f)).toMatchObject({ rule: 'pattern' });
    expect(checkIdentifierFormat('SN-12345', f).ok).toBe(true);
    expect(checkIdentifierFormat('SN-123456', f)).toMatchObject({ reason: 'does not fit "SN- then digits": 9 characters, needs at most 8' });
  });

  it('a pattern that backtracks exponentially in JavaScript is matched in linear time (RE2): it answers at once', () => {
    // JavaScript's own engine would take about 2^60 steps here, so this test would never end.
    const nested: IdentifierFormat = { pattern: '(a+)+b', description: 'a run of a then b', minLength: null, maxLength: null, checkDigit: 'none' };
    expect(checkIdentifierFormat(`${'a'.repeat(60)}!`, nested)).toMatchObject({ ok: false, rule: 'pattern' });
    expect(checkIdentifierFormat(`${'a'.repeat(60)}b`, nested)).toEqual({ ok: true });
    // Lookaround and backreferences have no linear-time match: refused where a format is set.
    const base = { description: 'x', minLength: null, maxLength: null, checkDigit: 'none' };
    expect(identifierFormatSchema.safeParse({ ...base, pattern: '(?=A)[A-Z]+' }).error?.issues[0]?.message).toMatch(/^pattern cannot be matched in linear time: .*lookaround and backreferences/);
    expect(identifierFormatSchema.safeParse({ ...base, pattern: '(a)\\1' }).error?.issues[0]?.message).toMatch(/^pattern cannot be matched in linear time/);
    // RE2-only syntax is refused too (a bench on an earlier version could not run it).
    expect(identifierFormatSchema.safeParse({ ...base, pattern: '(?i)sn-\\d+' }).error?.issues[0]?.message).toMatch(/^pattern is not a valid regular expression/);
    // JavaScript's syntax as people write it keeps working, \u escapes included (an escaped backslash stays one).
    const accents: IdentifierFormat = { pattern: 'CAF\\u00c9-\\u{1F600}-[\\u0041-\\u005A]+\\\\u0041', description: 'x', minLength: null, maxLength: null, checkDigit: 'none' };
    expect(identifierFormatSchema.safeParse(accents).success).toBe(true);
    expect(checkIdentifierFormat('CAFÉ-😀-XYZ\\u0041', accents)).toEqual({ ok: true });
    expect(checkIdentifierFormat('CAFE-😀-XYZ\\u0041', accents)).toMatchObject({ ok: false, rule: 'pattern' });
    // Repeats past any identifier's length, or too many of them, are refused before RE2 compiles them.
    expect(identifierFormatSchema.safeParse({ ...base, pattern: '\\p{L}{0,999}' }).error?.issues[0]?.message).toBe('pattern repeats something 999 times; identifiers are at most 200 characters');
    expect(identifierFormatSchema.safeParse({ ...base, pattern: '\\p{L}{0,200}'.repeat(6) }).error?.issues[0]?.message).toMatch(/^pattern's repeats add up to 1200, more than 1000/);
    for (const pattern of ['[0-9]{15}', '[0-9]{2,}-\\{3\\}', '\\d{4}-\\d{2}', 'SN-\\w+', '\\p{L}+', '(?:AB|CD)\\d+', '(?<year>\\d{4})']) {
      expect(identifierFormatSchema.safeParse({ ...base, pattern }).success, pattern).toBe(true);
    }
  });

  it('the format schema refuses a broken pattern, min > max and an empty description', () => {
    const base = { pattern: null, description: 'x', minLength: null, maxLength: null, checkDigit: 'none' };
    expect(identifierFormatSchema.safeParse({ ...base, pattern: '[0-9' }).error?.issues[0]?.message).toMatch(/^pattern is not a valid regular expression/);
    expect(identifierFormatSchema.safeParse({ ...base, minLength: 5, maxLength: 4 }).error?.issues[0]?.message).toBe(
      'minimum length is more than the maximum length',
    );
    expect(identifierFormatSchema.safeParse({ ...base, description: '' }).error?.issues[0]?.message).toBe('format description is empty');
    expect(identifierFormatSchema.safeParse({ ...base, checkDigit: 'mod11' }).success).toBe(false);
    expect(identifierFormatSchema.safeParse(IMEI).success).toBe(true);
  });
});

describe('use-by dates', () => {
  it('ISO, GS1 YYMMDD and the locale form normalise to YYYY-MM-DD', () => {
    expect(parseUseByDate('2027-03-31', dates)).toEqual({ ok: true, value: '2027-03-31' });
    expect(parseUseByDate('270331', dates)).toEqual({ ok: true, value: '2027-03-31' });
    expect(parseUseByDate('31/03/2027', dates)).toEqual({ ok: true, value: '2027-03-31' });
    expect(parseUseByDate('3.4.2027', dates)).toEqual({ ok: true, value: '2027-04-03' });
    expect(parseUseByDate('03/31/2027', { ...dates, order: 'mdy' })).toEqual({ ok: true, value: '2027-03-31' });
    expect(parseUseByDate('2027/3/1', dates)).toEqual({ ok: true, value: '2027-03-01' });
  });

  it('impossible dates and text are refused with a reason', () => {
    expect(parseUseByDate('2027-02-29', dates)).toEqual({ ok: false, reason: 'day 29 does not exist in 2027-02' });
    expect(parseUseByDate('2028-02-29', dates).ok).toBe(true);
    expect(parseUseByDate('271301', dates)).toEqual({ ok: false, reason: 'month 13 does not exist' });
    expect(parseUseByDate('03/31/2027', dates)).toEqual({ ok: false, reason: 'month 31 does not exist (this bench reads dates day first, as DD/MM/YYYY; write it YYYY-MM-DD, e.g. 2027-03-31)' });
    expect(parseUseByDate('next tuesday', dates)).toMatchObject({ ok: false, reason: expect.stringMatching(/^is not a date/) });
  });

  it('GS1 day 00 is the last day of the month; the century follows the GS1 window', () => {
    expect(gs1DateToIso('270200', dates.today)).toEqual({ ok: true, value: '2027-02-28' });
    expect(gs1DateToIso('991231', '2026-01-01')).toEqual({ ok: true, value: '1999-12-31' });
    expect(gs1DateToIso('750101', '2026-01-01')).toEqual({ ok: true, value: '2075-01-01' });
    expect(gs1DateToIso('770101', '2026-01-01')).toEqual({ ok: true, value: '1977-01-01' });
    expect(gs1DateToIso('050101', '2098-06-01')).toEqual({ ok: true, value: '2105-01-01' });
  });

  it('expired is before today; shelf life counts whole days', () => {
    expect(shelfLifeProblem('2026-12-02', '2026-12-02', null)).toBeNull();
    expect(shelfLifeProblem('2026-12-01', '2026-12-02', null)).toEqual({ rule: 'expired', reason: 'expired on 2026-12-01' });
    expect(shelfLifeProblem('2026-12-12', '2026-12-02', 10)).toBeNull();
    expect(shelfLifeProblem('2026-12-11', '2026-12-02', 10)).toEqual({
      rule: 'shelf_life',
      reason: 'use-by 2026-12-11 leaves 9 days; this product needs at least 10 days of shelf life',
    });
    expect(daysBetween('2026-12-31', '2027-03-01')).toBe(60);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('locale order and display', () => {
    expect(localeDateOrder('en-GB')).toBe('dmy');
    expect(localeDateOrder('en-US')).toBe('mdy');
    expect(localeDateOrder('sv-SE')).toBe('ymd');
    expect(formatUseByDate('2027-03-31', 'en-GB')).toBe('31/03/2027');
    expect(formatUseByDate('2027-03-31', 'en-US')).toBe('03/31/2027');
    expect(formatUseByDate('LOT-1', 'en-GB')).toBe('LOT-1');
    // Chromium under LANG=C.UTF-8 reports "en-US@posix", which Intl refuses: the language part is used.
    expect(localeDateOrder('en-US@posix')).toBe('mdy');
    expect(formatUseByDate('2027-03-31', 'en-US@posix')).toBe('03/31/2027');
    expect(() => localeDateOrder('not a locale!')).not.toThrow();
  });
});

describe('per-product checks', () => {
  const useBy: IdentifierSpec = { identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 5 };
  const imei: IdentifierSpec = { identifierKind: 'serial', identifierFormat: IMEI, minShelfLifeDays: null };

  it('entry normalises use-by dates and checks serial formats', () => {
    expect(normaliseIdentifier(' 270331\n', useBy, dates)).toEqual({ ok: true, value: '2027-03-31' });
    expect(normaliseIdentifier('490154203237518\t', imei, dates)).toEqual({ ok: true, value: '490154203237518' });
    expect(normaliseIdentifier('490154203237517', imei, dates)).toMatchObject({ ok: false, rule: 'check_digit' });
    expect(normaliseIdentifier('', imei, dates)).toMatchObject({ ok: false, rule: 'text' });
  });

  it('the wire takes stored forms only', () => {
    expect(identifierSpecProblem('2027-03-31', useBy)).toBeNull();
    expect(identifierSpecProblem('270331', useBy)).toEqual({ rule: 'date', reason: 'is not a use-by date written YYYY-MM-DD' });
    expect(identifierSpecProblem('anything', { identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null })).toBeNull();
  });
});

describe('FEFO', () => {
  const c = (identifierId: number, value: string) => ({ identifierId, value });
  const candidates = [c(1, '2027-05-01'), c(2, 'NOT-A-DATE'), c(3, '2026-11-30'), c(4, '2027-01-15'), c(5, '2026-12-05')];

  it('orders by date, non-dates last', () => {
    expect(fefoOrder(candidates).map((x) => x.identifierId)).toEqual([3, 5, 4, 1, 2]);
  });

  it('single use: each unit the next usable date; expired and too-short ones skipped', () => {
    const picks = fefoDefaults([1, 2, 3], candidates, { today: '2026-12-02', minShelfLifeDays: 7, singleUse: true });
    expect([...picks].map(([unit, pick]) => [unit, pick.value])).toEqual([
      [1, '2027-01-15'],
      [2, '2027-05-01'],
    ]);
  });

  it('multiple use: every unit the earliest usable; taken values skipped', () => {
    const picks = fefoDefaults([4, 5], candidates, { today: '2026-12-02', minShelfLifeDays: null, singleUse: false, taken: new Set(['2026-12-05']) });
    expect([...picks.values()].map((p) => p.value)).toEqual(['2027-01-15', '2027-01-15']);
  });
});
