import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { builtinDataset } from '../../src/data/builtin';
import type { TensorData } from '../../src/data/types';
import { DatasetPreview } from '../../src/features/datasets/DatasetPreview';
import { UserDataPicker } from '../../src/features/datasets/UserDataPicker';

// Server rendering in Node: no effects run (canvases stay blank), but the
// markup, its labels and the cost of a render are all there to check.

const preview = (data: TensorData, extra: Partial<Parameters<typeof DatasetPreview>[0]> = {}) =>
  renderToStaticMarkup(createElement(DatasetPreview, { data, testCount: Math.round(data.count * 0.2), validationSplit: 0.2, ...extra }));

describe('DatasetPreview markup', () => {
  it('shows the size, split, balance and labelled sample images of an image set', () => {
    const html = preview(builtinDataset('shapes', 2400, 0.1, 1));
    expect(html).toContain('aria-label="Dataset preview"');
    expect(html).toContain('2,400 examples · each 32 × 32 × 1 · 3 classes');
    expect(html).toContain('Train 1,536 · Validation 384 · Test 480');
    expect(html).toContain('dataset-balance-bar');
    expect(html.match(/role="img"/g)).toHaveLength(12);
    expect(html).toMatch(/aria-label="sample 3: (circle|square|triangle)"/);
  });

  it('renders 12,000 examples of 784 pixels', () => {
    const count = 12000;
    const data: TensorData = {
      x: new Float32Array(count * 784),
      xShape: [28, 28, 1],
      y: new Float32Array(count).map((_, i) => i % 10),
      classes: Array.from({ length: 10 }, (_, i) => String(i)),
      count,
    };
    const html = preview(data);
    expect(html).toContain('12,000 examples · each 28 × 28 × 1 · 10 classes');
  });

  it('shows a scatter for points, text for sentences, and a target range for regression', () => {
    expect(preview(builtinDataset('spiral', 200, 0, 1))).toContain('Scatter of 200 points, coloured by class');
    const sentences = preview(builtinDataset('sentiment', 100, 0, 1));
    expect(sentences).toMatch(/word ids [\d ]+<\/span> → <strong>(positive|negative)<\/strong>/);
    expect(preview(builtinDataset('sentiment', 100, 0, 1), { describe: (i) => `sentence ${i}` })).toContain('sentence 5');
    const sine = preview(builtinDataset('sine', 100, 0, 1));
    expect(sine).toContain('a number to predict');
    expect(sine).toMatch(/Target: min -?[\d.]+ · mean -?[\d.]+ · max -?[\d.]+/);
    expect(sine).toContain('aria-label="First examples"');
  });

  it('names CSV columns in the table of feature vectors', () => {
    const data: TensorData = {
      x: new Float32Array([1, 2, 3, 4]),
      xShape: [2],
      y: new Float32Array([0, 1]),
      classes: ['no', 'yes'],
      count: 2,
    };
    // Two features would be a scatter; three show as a table with their names.
    const three: TensorData = { ...data, x: new Float32Array([1, 2, 3, 4, 5, 6]), xShape: [3] };
    expect(preview(three, { featureNames: ['age', 'height', 'weight'] })).toMatch(/<th scope="col">age<\/th><th scope="col">height<\/th>/);
  });
});

describe('UserDataPicker markup', () => {
  it('labels every control', () => {
    const html = renderToStaticMarkup(createElement(UserDataPicker, { onLoad: () => {} }));
    for (const label of ['CSV file', 'Image folder', 'Image size', 'Colour'])
      expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(html).toContain('<option value="32" selected="">32 × 32</option>');
  });
});
