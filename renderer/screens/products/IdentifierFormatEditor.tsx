/**
 * A product's identifier kind, format and minimum shelf life (issue 12). Saving never drops an
 * identifier: those that no longer fit are listed here with the rule each breaks (also on opening,
 * e.g. after another bench or the order system changed the format).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import type { UnfitIdentifiers } from '../../../shared/contract/identifier-spec-schemas.js';
import { describeIdentifierSpec } from '../../../shared/identifiers/describe.js';
import {
  CHECK_DIGIT_LABELS,
  CHECK_DIGIT_RULES,
  FORMAT_PRESETS,
  IDENTIFIER_KINDS,
  IDENTIFIER_KIND_LABELS,
  FORMAT_TEXT_RULES,
  MAX_FORMAT_DESCRIPTION_LENGTH,
  MAX_FORMAT_LENGTH,
  MAX_FORMAT_PATTERN_LENGTH,
  MAX_SHELF_LIFE_DAYS,
  MIN_CHECK_DIGIT_VALUE_LENGTH,
  MIN_FORMAT_LENGTH,
  type CheckDigitRule,
  type IdentifierFormat,
  type IdentifierKind,
} from '../../../shared/identifiers/kinds.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { wholeNumberOrNull } from '../../components/whole-number.js';
import { counted, withThousands } from '../../../shared/domain/counted.js';
import { patternProblem } from '../../../shared/identifiers/format-pattern.js';
import { textProblem } from '../../../shared/sync/bounds.js';
import { usePanelDone } from './use-panel-done.js';

interface Props {
  api: BenchApi;
  product: Product;
  onChanged: (product: Product) => void;
}

/** A box a refusal names: a custom format's, or the minimum shelf life. */
type Box = keyof ReturnType<typeof customOf> | 'shelfLife';

/** A saved spec, to tell one reading of the product from another. */
const specKeyOf = (p: Product) => JSON.stringify([p.identifierKind, p.identifierFormat, p.minShelfLifeDays]);

const NO_FORMAT = 'none';
const CUSTOM = 'custom';

function presetOf(format: IdentifierFormat | null): string {
  if (!format) return NO_FORMAT;
  return FORMAT_PRESETS.find((p) => JSON.stringify(p.format) === JSON.stringify(format))?.name ?? CUSTOM;
}

/** The custom format's boxes as `format` fills them. */
function customOf(format: IdentifierFormat | null) {
  return {
    description: format?.description ?? '',
    pattern: format?.pattern ?? '',
    minLength: format?.minLength?.toString() ?? '',
    maxLength: format?.maxLength?.toString() ?? '',
    checkDigit: (format?.checkDigit ?? 'none') as CheckDigitRule,
  };
}

/** What the editor's boxes show for a saved spec (the kind, the format chosen, its custom boxes, the shelf life). */
function formOf(spec: Product) {
  return { kind: spec.identifierKind, preset: presetOf(spec.identifierFormat), custom: customOf(spec.identifierFormat), shelfLife: spec.minShelfLifeDays?.toString() ?? '' };
}
type Form = ReturnType<typeof formOf>;

/** Whether the boxes hold input not saved: they differ from what `spec` fills them with (custom boxes only while Custom… is chosen). */
function differs(form: Form, spec: Product): boolean {
  const saved = formOf(spec);
  return (
    form.kind !== saved.kind ||
    form.shelfLife !== saved.shelfLife ||
    (form.kind !== 'use_by' && (form.preset !== saved.preset || (form.preset === CUSTOM && JSON.stringify(form.custom) !== JSON.stringify(saved.custom))))
  );
}

export function IdentifierFormatEditor({ api, product, onChanged }: Props) {
  const [kind, setKind] = useState<IdentifierKind>(product.identifierKind);
  const [preset, setPreset] = useState(() => presetOf(product.identifierFormat));
  const [custom, setCustom] = useState(() => customOf(product.identifierFormat));
  const [shelfLife, setShelfLife] = useState(product.minShelfLifeDays?.toString() ?? '');
  const refusal = useRefusal();
  const [refusedBox, setRefusedBox] = useState<Box | null>(null);
  const [done, setDone] = usePanelDone('format');
  const [unfit, setUnfit] = useState<UnfitIdentifiers | null>(null);
  const [busy, setBusy] = useState(false);

  // The product may be read afresh (another window, a pulled change, a CSV import changed its format):
  // show its current spec and the identifiers that no longer fit it, or "Save Format" would put back
  // the spec the screen opened with, unseen.
  // With input not saved here, that input is kept (it is the manager's) and the change elsewhere said,
  // naming the saved spec, as the Settings screen does for a window that saved meanwhile.
  const specKey = specKeyOf(product);
  /** The saved spec the boxes were filled from (or this editor saved): a reading that differs came from elsewhere. */
  const base = useRef(product);
  const saving = useRef(false);
  const form = { kind, preset, custom, shelfLife };
  const latestForm = useRef(form);
  useEffect(() => {
    latestForm.current = form;
  });
  /** The product as read while this editor's own save runs: judged once its answer says whose it was. */
  const readWhileSaving = useRef<Product | null>(null);
  /** Shows `read` (its spec), keeping the unsaved input here when the spec was changed elsewhere. */
  function showReading(read: Product) {
    const before = base.current;
    base.current = read;
    const changedElsewhere = before.id === read.id && specKeyOf(before) !== specKeyOf(read);
    if (changedElsewhere && differs(latestForm.current, before)) {
      setDone(`The saved format was changed elsewhere: now ${describeIdentifierSpec(read)}. Your unsaved changes are kept; Save Format replaces it with them.`);
      return;
    }
    const saved = formOf(read);
    setKind(saved.kind);
    setPreset(saved.preset);
    setCustom(saved.custom);
    setShelfLife(saved.shelfLife);
    if (changedElsewhere) setDone(`The saved format was changed elsewhere: now ${describeIdentifierSpec(read)}.`);
  }
  useEffect(() => {
    // Read while this editor's own save runs: the change stream's word of that save, or a change made
    // elsewhere meanwhile. Only its answer tells which (a refused save changed nothing), so the input
    // typed here stays as it is until then.
    if (saving.current && base.current.id === product.id) readWhileSaving.current = product;
    else showReading(product);
    let open = true;
    void api.getUnfitIdentifiers({ productId: product.id }).then((r) => {
      if (open && r.ok) setUnfit(r.value);
    });
    return () => {
      open = false;
    };
  }, [api, product.id, specKey]); // eslint-disable-line react-hooks/exhaustive-deps -- specKey stands for the spec read above

  /**
   * The format to save, or the refusal (words, and the box it names) for a box the core would refuse:
   * a length that is not a whole number or is outside the shared bounds, a check digit no value could carry,
   * no description or one too long, or a pattern that is no regular expression RE2 can run (the core's words
   * for these name its fields, "identifierFormat.pattern", not the boxes).
   */
  function formatChosen(): IdentifierFormat | null | { message: string; box: Box } {
    if (kind === 'use_by' || preset === NO_FORMAT) return null;
    const found = FORMAT_PRESETS.find((p) => p.name === preset);
    if (found) return found.format;
    const lengths = { minLength: 'Minimum length', maxLength: 'Maximum length' } as const;
    const read: Partial<Record<keyof typeof lengths, number | null>> = {};
    for (const box of ['minLength', 'maxLength'] as const) {
      const value = wholeNumberOrNull(custom[box]);
      if (value === undefined) return { box, message: `the ${lengths[box].toLowerCase()} must be a whole number, digits only (got "${custom[box].trim()}").` };
      if (value !== null && (value < MIN_FORMAT_LENGTH || value > MAX_FORMAT_LENGTH)) {
        return { box, message: `${lengths[box]} must be from ${MIN_FORMAT_LENGTH} to ${MAX_FORMAT_LENGTH} characters (got ${custom[box].trim()}), or empty for no limit.` };
      }
      read[box] = value;
    }
    const minLength = read.minLength ?? null;
    const maxLength = read.maxLength ?? null;
    if (minLength !== null && maxLength !== null && minLength > maxLength) {
      return { box: 'minLength', message: `${lengths.minLength} (${minLength}) is more than ${lengths.maxLength} (${maxLength}).` };
    }
    const pattern = custom.pattern.trim() === '' ? null : custom.pattern.trim();
    const patternLength = pattern === null ? 0 : [...pattern].length;
    if (patternLength > MAX_FORMAT_PATTERN_LENGTH) return { box: 'pattern', message: `the pattern is ${patternLength} characters long; at most ${MAX_FORMAT_PATTERN_LENGTH}.` };
    const problem = pattern === null ? null : (textProblem(pattern, FORMAT_TEXT_RULES.pattern) ?? patternProblem(pattern));
    if (problem) return { box: 'pattern', message: `the pattern "${pattern}" cannot be used: ${problem}.` };
    const description = custom.description.trim();
    if (description === '') {
      return { box: 'description', message: 'the description packers read is empty: enter what a packer reads when a value does not fit, such as "IMEI: 15 digits".' };
    }
    const descriptionLength = [...description].length;
    if (descriptionLength > MAX_FORMAT_DESCRIPTION_LENGTH) {
      return { box: 'description', message: `the description packers read is ${descriptionLength} characters long; at most ${MAX_FORMAT_DESCRIPTION_LENGTH}.` };
    }
    // What else the core's rule refuses: a control character, such as a tab pasted from a spreadsheet.
    const descriptionProblem = textProblem(description, FORMAT_TEXT_RULES.description);
    // A tab or another control character (the one way a paste puts one there): how to type it instead.
    const onOneLine = descriptionProblem?.startsWith('contains a control character') ? ': type it on one line, with spaces' : '';
    if (descriptionProblem) return { box: 'description', message: `the description packers read ${descriptionProblem}${onOneLine}.` };
    const rule = custom.checkDigit;
    if (rule !== 'none') {
      const label = CHECK_DIGIT_LABELS[rule];
      if (maxLength !== null && maxLength < MIN_CHECK_DIGIT_VALUE_LENGTH) {
        return { box: 'maxLength', message: `Check digit "${label}" needs values of at least ${MIN_CHECK_DIGIT_VALUE_LENGTH} digits, but ${lengths.maxLength} is ${maxLength}: raise it or choose no check digit.` };
      }
    }
    return { description, pattern, minLength, maxLength, checkDigit: rule };
  }

  /** A refusal before anything is sent: shown, announced (the alert) and beeped; the box it names marked. */
  function refuse(message: string, box: Box | null = null) {
    refusal.refuse(`The format was not changed: ${message}`);
    setRefusedBox(box);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Pressed again while the save runs: said and beeped (it was silent); the format is saved once.
    if (busy) return refusal.refuse('Already saving the format: wait for it to answer.');
    setDone(null);
    refusal.clear();
    setRefusedBox(null);
    const shelf = kind === 'use_by' || kind === 'lot' ? wholeNumberOrNull(shelfLife) : null;
    if (shelf === undefined) {
      // Named as typed ("-5", "1.5", "7 days"): the manager sees which part the bench could not read.
      refuse(`the minimum shelf life must be a whole number of days, digits only (got "${shelfLife.trim()}").`, 'shelfLife');
      return;
    }
    if (shelf !== null && shelf > MAX_SHELF_LIFE_DAYS) {
      refuse(`the minimum shelf life must be at most ${withThousands(MAX_SHELF_LIFE_DAYS)} days (got ${shelfLife.trim()}).`, 'shelfLife');
      return;
    }
    const format = formatChosen();
    if (format !== null && 'message' in format) {
      refuse(format.message, format.box);
      return;
    }
    setBusy(true);
    saving.current = true;
    readWhileSaving.current = null;
    const result = await api.setIdentifierSpec({ productId: product.id, identifierKind: kind, identifierFormat: format, minShelfLifeDays: shelf });
    saving.current = false;
    setBusy(false);
    const readMeanwhile = readWhileSaving.current;
    readWhileSaving.current = null;
    if (!result.ok) {
      refuse(result.error.message); // beeped like the refusals found here: the packer may be looking at the product
      // Nothing was saved here: a reading that came meanwhile was a change made elsewhere.
      if (readMeanwhile) showReading(readMeanwhile);
      return;
    }
    refusal.clear();
    // The spec saved here is shown (a reading meanwhile was of this save, or is overwritten by it).
    base.current = result.value.product;
    showReading(result.value.product);
    onChanged(result.value.product);
    setUnfit(result.value.unfit);
    const { total } = result.value.unfit;
    setDone(`Saved: ${describeIdentifierSpec(result.value.product)}.${total ? ` ${counted(total, 'identifier does', 'identifiers do')} not fit; they are kept and listed below.` : ''}`);
  }

  const field = (key: keyof typeof custom, label: string, props: Record<string, unknown> = {}) => (
    <div className="field-row">
      <label htmlFor={`format-${key}`}>{label}</label>
      <input
        id={`format-${key}`}
        value={custom[key]}
        aria-invalid={refusedBox === key || undefined}
        aria-describedby={refusedBox === key ? 'format-refusal' : undefined}
        onChange={(e) => setCustom({ ...custom, [key]: e.target.value })}
        {...props}
      />
    </div>
  );

  return (
    <form className="panel format-editor" onSubmit={submit} aria-labelledby="format-heading">
      <h3 id="format-heading">Identifier Kind and Format</h3>
      <p>
        Now: <strong data-testid="identifier-spec">{describeIdentifierSpec(product)}</strong>
      </p>
      <div className="field-row">
        <label htmlFor="identifier-kind">Kind</label>
        <select id="identifier-kind" value={kind} onChange={(e) => setKind(e.target.value as IdentifierKind)}>
          {IDENTIFIER_KINDS.map((k) => (
            <option key={k} value={k}>
              {IDENTIFIER_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      {kind === 'use_by' || kind === 'lot' ? (
        <div className="field-row">
          <label htmlFor="min-shelf-life">Minimum shelf life left (days)</label>
          <input
            id="min-shelf-life"
            inputMode="numeric"
            value={shelfLife}
            onChange={(e) => setShelfLife(e.target.value)}
            aria-invalid={refusedBox === 'shelfLife' || undefined}
            aria-describedby={refusedBox === 'shelfLife' ? 'format-refusal min-shelf-life-hint' : 'min-shelf-life-hint'}
          />
          <span id="min-shelf-life-hint" className="hint">
            Empty: only expired dates are refused{kind === 'lot' ? ' (for lots carrying a use-by date)' : ''}. Dates are entered as 2027-03-31, in this bench&apos;s date format, or as a GS1 YYMMDD.
          </span>
        </div>
      ) : null}
      {kind === 'use_by' ? null : (
        <>
          <div className="field-row">
            <label htmlFor="identifier-format">Format</label>
            <select id="identifier-format" value={preset} onChange={(e) => setPreset(e.target.value)}>
              <option value={NO_FORMAT}>None (any text)</option>
              {FORMAT_PRESETS.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.format.description}
                  {p.format.checkDigit !== 'none' ? `, ${CHECK_DIGIT_LABELS[p.format.checkDigit]} check digit` : ''}
                </option>
              ))}
              <option value={CUSTOM}>Custom…</option>
            </select>
          </div>
          {preset === CUSTOM && (
            <fieldset className="custom-format">
              <legend>Custom format</legend>
              {field('description', 'Description packers read')}
              {field('pattern', 'Pattern (regular expression, whole value)', { spellCheck: false })}
              {field('minLength', 'Minimum length', { inputMode: 'numeric' })}
              {field('maxLength', 'Maximum length', { inputMode: 'numeric' })}
              <div className="field-row">
                <label htmlFor="format-checkDigit">Check digit</label>
                <select id="format-checkDigit" value={custom.checkDigit} aria-invalid={refusedBox === 'checkDigit' || undefined} aria-describedby={refusedBox === 'checkDigit' ? 'format-refusal' : undefined} onChange={(e) => setCustom({ ...custom, checkDigit: e.target.value as CheckDigitRule })}>
                  {CHECK_DIGIT_RULES.map((r) => (
                    <option key={r} value={r}>
                      {CHECK_DIGIT_LABELS[r]}
                    </option>
                  ))}
                </select>
              </div>
            </fieldset>
          )}
        </>
      )}
      <button type="submit" className="primary" aria-disabled={busy || undefined}>
        Save Format
      </button>
      {refusal.message && <ErrorText id="format-refusal" again={refusal.key}>{refusal.message}</ErrorText>}
      <p role="status" className="ok-text">
        {done}
      </p>
      {unfit && unfit.total > 0 && (
        <section aria-labelledby="unfit-heading" className="unfit-list">
          <h4 id="unfit-heading">
            {counted(unfit.total, 'identifier does', 'identifiers do')} not fit (kept, not removed)
            {unfit.total > unfit.items.length ? `; the first ${unfit.items.length} are listed` : ''}
          </h4>
          <ul>
            {unfit.items.map((u) => (
              <li key={u.identifierId}>
                <strong>{u.value}</strong> ({u.status}): {u.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}
