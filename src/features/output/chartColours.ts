/** Series colours that stay distinct in light and dark themes; ten, so the ten classes of MNIST each get their own. */
export const SERIES_COLOURS = [
  '#3b82f6',
  '#f97316',
  '#10b981',
  '#e11d48',
  '#8b5cf6',
  '#eab308',
  '#06b6d4',
  '#db2777',
  '#84cc16',
  '#a16207',
];
