// @vitest-environment happy-dom
/**
 * Identifier Lookup of a use-by date typed as the bench shows dates (as the order page and the packing
 * slip print it, "15/01/2027" on a day-first bench): use-by values are stored YYYY-MM-DD, so the look-up
 * found nothing and beeped. Now, when nothing is the text as typed, its stored form is looked up and the
 * screen says so; an identifier that is that very text is still found as typed. Real core.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { formatUseByDate } from '../../shared/identifiers/use-by-dates.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { showLookup } from './lookup-harness.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

const box = () => document.querySelector<HTMLInputElement>('input[type=search]')!;
const text = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
/** 15 January 2027 as this bench shows (and a packer types) it. */
const typed = () => formatUseByDate('2027-01-15', navigator.language);

async function lookUp(bench: TestBench, value: string) {
  await showLookup(mounted().root, coreApi(bench));
  typeInto(box(), value);
  await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
  for (let i = 0; i < 4; i++) await settle();
}

function milk(bench: TestBench) {
  const id = bench.product('MILK', 'single_use', 1, ['2027-01-15']);
  bench.ok('setIdentifierSpec', { productId: id, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
}

describe('Identifier Lookup, a use-by date typed as the bench shows dates', () => {
  it('finds the use-by value stored as YYYY-MM-DD, says how it was read, and does not beep', async () => {
    expect(typed()).not.toBe('2027-01-15');
    const bench = openTestBench();
    milk(bench);
    await lookUp(bench, typed());
    expect(text('.lookup-match h3')).toEqual(['2027-01-15 — MILK Title of MILK']);
    expect(text('.lookup-scope')).toEqual([`No identifier is "${typed()}" as typed: looked up as the use-by date ${typed()}, stored as 2027-01-15.`]);
    expect(text('.lookup-empty')).toEqual([]);
    await beeps.played();
    expect(beeps.count()).toBe(0);
    // The box keeps what the packer typed.
    expect(box().value).toBe(typed());
  });

  it('finds an identifier that is the typed text itself as typed, without reading it as a date', async () => {
    const bench = openTestBench();
    milk(bench);
    bench.product('NOTE', 'multiple_use', 1, [typed()]);
    await lookUp(bench, typed());
    expect(text('.lookup-match h3')).toEqual([`${typed()} — NOTE Title of NOTE`]);
    expect(text('.lookup-scope')).toEqual([]);
  });

  it('a date nothing holds in either form is not found, beeped once, and the screen says which forms it tried', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 1, ['SN-1']);
    await lookUp(bench, typed());
    expect(text('.lookup-match h3')).toEqual([]);
    expect(text('.lookup-scope')).toEqual([`No identifier is "${typed()}" as typed: looked up as the use-by date ${typed()}, stored as 2027-01-15.`]);
    expect(text('.lookup-empty')).toEqual(['No identifier "2027-01-15" was found. Identifiers are case sensitive.']);
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});
