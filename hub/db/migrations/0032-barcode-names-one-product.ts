/**
 * A barcode names one product. A bench refuses a product barcode another product already has
 * (electron/core/imports/shared-barcodes.ts), but the hub stored it, from the order system's
 * POST /v1/products and from a bench's push alike, and every bench then pulled two products a scan
 * could not tell apart. op_product_upsert (0009), which both reach through apply_op (intake_op for the
 * order system), now refuses it, naming the barcode and the other SKU:
 * "Barcode 05012345678900 is already product CBL-1's; a barcode names one product" (no full stop, as
 * every reject() reason: a bench sets it inside its own sentence, "The hub refused it: …. This bench …").Barcodes are
 * compared as scans compare them (shared/gs1/barcode-forms.ts): a GTIN written as GTIN-8, -12, -13 or
 * -14 as its GTIN-14, any other barcode as itself; barcode_form is that form at the hub, and the index
 * finds its holders. A product sending a barcode it already has (in any form) goes ahead, even where
 * products shared one before this migration; so does one moving to a free barcode.
 * Only op_product_upsert changes: the rest of the 0009 text is as it was.
 */
import { GTIN_LENGTHS } from '../../../shared/gs1/barcode-forms.js';
import { identifierKindsSql } from './0009-identifier-kinds.js';
import { substituted } from './substituted.js';

/** The advisory lock class two upserts giving products one barcode take turns on (key: warehouse and form). */
export const BARCODE_FORM_LOCK = 9_092;
export const BARCODE_FORM_INDEX = 'products_barcode_form';

const start = identifierKindsSql.indexOf('CREATE OR REPLACE FUNCTION op_product_upsert(');
const productUpsertOf0009 = identifierKindsSql.slice(start, identifierKindsSql.indexOf('$$;', start) + '$$;'.length);

const gtin = `^(${GTIN_LENGTHS.map((length) => `[0-9]{${length}}`).join('|')})$`;

export const barcodeNamesOneProductSql = /* sql */ `
-- A barcode as a scan compares it (barcodeAsGtin14, sameBarcodeForms): a GTIN with a right check digit
-- (GS1 mod 10) as its GTIN-14, any other barcode as itself; NULL stays NULL.
CREATE FUNCTION barcode_form(p_barcode text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  v_gtin text;
  v_sum int := 0;
BEGIN
  IF p_barcode !~ '${gtin}' THEN RETURN p_barcode; END IF;
  v_gtin := lpad(p_barcode, 14, '0');
  FOR i IN 1..13 LOOP
    v_sum := v_sum + substr(v_gtin, i, 1)::int * CASE WHEN i % 2 = 1 THEN 3 ELSE 1 END;
  END LOOP;
  RETURN CASE WHEN (10 - v_sum % 10) % 10 = substr(v_gtin, 14, 1)::int THEN v_gtin ELSE p_barcode END;
END $$;

CREATE INDEX ${BARCODE_FORM_INDEX} ON products (warehouse_id, barcode_form(barcode));

${substituted('op_product_upsert of 0009', productUpsertOf0009, [
  [
    'RETURNS void LANGUAGE sql AS $$\n',
    `RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_form text := barcode_form(p_op->>'barcode');
  v_other products;
BEGIN
  IF v_form IS NOT NULL THEN
    -- Two upserts giving one barcode to two products at once take turns: the second sees the first.
    PERFORM pg_advisory_xact_lock(${BARCODE_FORM_LOCK}, hashtext(p_wh || ' ' || v_form));
    PERFORM 1 FROM products WHERE warehouse_id = p_wh AND sku = p_op->>'sku' AND barcode_form(barcode) = v_form;
    IF NOT FOUND THEN
      SELECT * INTO v_other FROM products
       WHERE warehouse_id = p_wh AND barcode_form(barcode) = v_form AND sku <> p_op->>'sku' ORDER BY sku LIMIT 1;
      IF FOUND THEN
        PERFORM reject(format('Barcode %s is already product %s''s%s; a barcode names one product', p_op->>'barcode', v_other.sku,
          CASE WHEN v_other.barcode = p_op->>'barcode' THEN '' ELSE format(' (as %s, the same GTIN)', v_other.barcode) END));
      END IF;
    END IF;
  END IF;
`,
  ],
  ['ELSE products.min_shelf_life_days END\n$$;', 'ELSE products.min_shelf_life_days END;\nEND $$;'],
])}
`;
