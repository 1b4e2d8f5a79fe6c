import type { DisplayOutput, DisplayUpdate, PlotSeries } from '../../../src/protocol/display';

const seriesBuffers = (series: PlotSeries[]) => series.flatMap((s) => [s.x.buffer as ArrayBuffer, s.y.buffer as ArrayBuffer]);

/**
 * The buffers an output can hand over instead of copying: its pixels, heatmap cells and series. Each is
 * a whole buffer of its own (a view into a shared one would detach the others), made for this output.
 */
export function displayTransferables(output: DisplayOutput): ArrayBuffer[] {
  switch (output.kind) {
    case 'image':
      return [output.rgba.buffer as ArrayBuffer];
    case 'images':
      return output.images.map((image) => image.rgba.buffer as ArrayBuffer);
    case 'heatmap':
      return [output.z.buffer as ArrayBuffer];
    case 'plot':
      return seriesBuffers(output.series);
    default:
      return [];
  }
}

/** An update's series buffers, each made for it as it was sent. */
export function updateTransferables(update: DisplayUpdate): ArrayBuffer[] {
  switch (update.kind) {
    case 'append':
      return seriesBuffers(update.points);
    case 'replace':
      return seriesBuffers(update.series);
    case 'progress':
      return [];
  }
}
