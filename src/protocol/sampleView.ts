// Its own file: both the lab's replies and insight results carry samples, and lab imports insight.
/** One example as the page shows it: an image (grey or RGB, 0–1) or a text. */
export type SampleView =
  | { kind: 'image'; width: number; height: number; channels: number; pixels: Float32Array }
  | { kind: 'text'; text: string }
  | { kind: 'values'; values: number[] };
