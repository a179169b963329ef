// Generates build/icon.png (1024×1024 RGBA): a parcel with a barcode on a rounded blue tile.
// electron-builder derives the Windows .ico, macOS .icns and Linux sizes from it.
// Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 1024;
const px = Buffer.alloc(N * N * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * N + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
const inRounded = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = x < x0 + r ? x0 + r : x >= x1 - r ? x1 - r - 1 : x;
  const cy = y < y0 + r ? y0 + r : y >= y1 - r ? y1 - r - 1 : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const BLUE = [31, 95, 168, 255];
const CARD = [244, 226, 190, 255];
const TAPE = [214, 182, 128, 255];
const INK = [30, 30, 36, 255];
const bars = [3, 1, 2, 1, 1, 3, 1, 2, 2, 1, 3, 1, 1, 2, 1, 3, 2, 1, 1, 2, 3, 1];
const barX0 = 300, barX1 = 724, barY0 = 560, barY1 = 760;
const unit = (barX1 - barX0) / bars.reduce((a, b) => a + b + 1, 0);
const barAt = (x) => {
  let pos = barX0;
  for (const w of bars) {
    if (x >= pos && x < pos + w * unit) return true;
    pos += (w + 1) * unit;
  }
  return false;
};
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    let c = [0, 0, 0, 0];
    if (inRounded(x, y, 40, 40, 984, 984, 180)) c = BLUE;
    if (inRounded(x, y, 200, 260, 824, 840, 40)) c = CARD;
    if (x >= 472 && x < 552 && y >= 260 && y < 480) c = TAPE;
    if (x >= 200 && x < 824 && y >= 440 && y < 480) c = TAPE;
    if (y >= barY0 && y < barY1 && x >= barX0 && x < barX1 && barAt(x)) c = INK;
    set(x, y, c);
  }
}
const raw = Buffer.alloc((N * 4 + 1) * N);
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png written (${png.length} bytes)`);
