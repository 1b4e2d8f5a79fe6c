#!/usr/bin/env node
// Writes the app's PNG icons (192 and 512 px, plain and maskable) into public/icons:
// three stacked layer bars on the theme colour. Drawn here, pixel by pixel, because
// the machines have no image tools; `node scripts/make-icons.mjs` rebuilds them.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const THEME = [37, 99, 235];
const BAR = [255, 255, 255];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** Rounded square of the theme colour (corner radius r) with three bars; `inset` keeps a maskable icon's safe zone. */
function icon(inset, radius) {
  return (u, v) => {
    const dx = Math.max(radius - u, 0, u - (1 - radius));
    const dy = Math.max(radius - v, 0, v - (1 - radius));
    if (radius > 0 && dx * dx + dy * dy > radius * radius) return [0, 0, 0, 0];
    const s = (t) => (t - inset) / (1 - 2 * inset);
    const x = s(u);
    const y = s(v);
    const bars = [
      [0.2, 0.8],
      [0.28, 0.72],
      [0.36, 0.64],
    ];
    for (let i = 0; i < 3; i++) {
      const top = 0.22 + i * 0.22;
      if (y >= top && y <= top + 0.14 && x >= bars[i][0] && x <= bars[i][1]) return [...BAR, 255];
    }
    return [...THEME, 255];
  };
}
for (const size of [192, 512]) {
  writeFileSync(`public/icons/icon-${size}.png`, png(size, icon(0, 0.18)));
  // Maskable: full bleed, the drawing inside the central 80 % that every mask keeps.
  writeFileSync(`public/icons/maskable-${size}.png`, png(size, icon(0.1, 0)));
}
