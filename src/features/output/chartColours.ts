/** Series colours that stay distinct in light and dark themes. */
export const SERIES_COLOURS = ['#3b82f6', '#f97316', '#10b981', '#e11d48', '#8b5cf6', '#eab308'];
