/**
 * Reads an .xlsx back with an independent reader (fflate's unzipSync and happy-dom's XML parser), the
 * OOXML escape (_xHHHH_) decoded here by its spec, not by our writer's code. For the tests of the
 * bench's "Export for Excel", the shared writer and the hub's .xlsx routes.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { Window } from 'happy-dom';
import { expect } from 'vitest';

export interface Cell {
  type: string | null;
  text: string;
  style: string | null;
}

/** The OOXML string escape, decoded left to right: _x001D_ is U+001D, _x005F_ an underscore. */
export function ooxmlUnescape(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function parseXml(xml: string) {
  const doc = new new Window().DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

/** The workbook's one sheet, as rows of cells by column letter (an independent reading of the file). */
export function readWorkbook(bytes: Uint8Array): { rows: Map<string, Cell>[]; parts: Record<string, string> } {
  expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // "PK": a zip
  const entries = unzipSync(bytes);
  const parts = Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, strFromU8(data)]));
  for (const name of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) {
    expect(parts[name], name).toBeDefined();
    parseXml(parts[name]!);
  }
  const sheet = parseXml(parts['xl/worksheets/sheet1.xml']!);
  const rows = [...sheet.getElementsByTagName('row')].map((row, i) => {
    expect(row.getAttribute('r')).toBe(String(i + 1));
    const cells = new Map<string, Cell>();
    for (const c of [...row.getElementsByTagName('c')]) {
      const ref = c.getAttribute('r')!;
      expect(ref).toBe(`${ref.replace(/\d+$/, '')}${i + 1}`);
      expect(c.getElementsByTagName('f')).toHaveLength(0); // never a formula
      const t = c.getElementsByTagName('t')[0];
      const v = c.getElementsByTagName('v')[0];
      cells.set(ref.replace(/\d+$/, ''), { type: c.getAttribute('t'), style: c.getAttribute('s'), text: t ? ooxmlUnescape(t.textContent ?? '') : (v?.textContent ?? '') });
    }
    return cells;
  });
  return { rows, parts };
}
