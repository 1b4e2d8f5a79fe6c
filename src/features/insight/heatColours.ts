// Colour scales for Insight. Heat uses matplotlib's 'inferno': perceptually
// uniform, its lightness rises monotonically (so the order of values survives
// greyscale printing and most colour blindness), and it runs from black to pale
// yellow, so "hot" reads as bright. Activation maps use 'viridis' so that they
// are not mistaken for heat. Both are 17 stops (every 16th of the 256-entry
// tables d3-scale-chromatic ships) with linear interpolation between them,
// which is within a few levels of the full table.

export type Rgb = [number, number, number];

/** '#rrggbb' (a colour of ours, a theme variable) as bytes; null for any other form of colour. */
export function hexRgb(colour: string): Rgb | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null;
}

function parseStops(hex: string): Rgb[] {
  const out: Rgb[] = [];
  for (let i = 0; i < hex.length; i += 6) out.push([0, 2, 4].map((k) => parseInt(hex.slice(i + k, i + k + 2), 16)) as Rgb);
  return out;
}

const INFERNO = parseStops('0000040b0724210c4a3d096557106e71196e8a226aa32c61bc3754d04545e35933f1711ff98c0afcaa0ff9c932f2e865fcffa4');
const VIRIDIS = parseStops('44015448186a472d7b4240863b528b33638d2c728e26828e21918c1f9f8827ad813dbc745cc86381d34daadc32d5e21afde725');

function sample(stops: Rgb[], v: number): Rgb {
  // NaN (a dead unit, 0/0 normalisation) draws as the low end rather than throwing off the image.
  const t = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
  const x = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Heat 0..1 (clamped) as 0–255 RGB on the inferno scale: black (cold) to pale yellow (hot). */
export function heatColour(v: number): Rgb {
  return sample(INFERNO, v);
}

/** A value 0..1 (clamped) on the viridis scale: dark purple to yellow. */
export function viridisColour(v: number): Rgb {
  return sample(VIRIDIS, v);
}

/** A signed value around 0: blue for negative, white at 0, red for positive, full colour at ±maxAbs. */
export function divergingColour(v: number, maxAbs: number): Rgb {
  const t = maxAbs > 0 && Number.isFinite(v) ? Math.max(-1, Math.min(1, v / maxAbs)) : 0;
  // The two ends are the blue and red of ColorBrewer's RdBu, dark enough to read on white.
  const end: Rgb = t < 0 ? [33, 102, 172] : [178, 24, 43];
  const s = Math.abs(t);
  return [Math.round(255 + (end[0] - 255) * s), Math.round(255 + (end[1] - 255) * s), Math.round(255 + (end[2] - 255) * s)];
}

/** Relative luminance (0..1, sRGB as WCAG defines it), for tests and for picking legible text. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** A CSS linear-gradient of a scale, left (0) to right (1), for legends. */
export function gradientCss(colour: (v: number) => Rgb = heatColour, steps = 16): string {
  const stops = Array.from({ length: steps + 1 }, (_, i) => `rgb(${colour(i / steps).join(' ')})`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
