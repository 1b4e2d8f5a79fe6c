import { afterEach, describe, expect, it, vi } from 'vitest';
import { classBalance } from '../../src/data/balance';
import { parseCsv } from '../../src/data/csv';
import type { TensorData } from '../../src/data/types';
import { imagePixels, looksLikeWordIds, sampleKind, splitCounts, targetSummary, wordIds } from '../../src/features/datasets/previewStats';
import { isImageFile, labelOf, MAX_IMAGES, readImageFolder } from '../../src/features/datasets/readImageFolder';
import {
  csvUserDataset,
  defaultCsvChoice,
  guessDelimiter,
  imageUserDataset,
  leftOutNote,
  numericColumns,
} from '../../src/features/datasets/userData';

const iris = parseCsv(
  [
    'sepal_length,sepal_width,petal_length,petal_width,species',
    ...Array.from(
      { length: 30 },
      (_, i) => `${5 + (i % 7) / 10},3.${i % 5},${1 + i / 10},0.${i % 9},${['setosa', 'versicolor', 'virginica'][Math.floor(i / 10)]}`,
    ),
  ].join('\n'),
);

describe('the CSV part of the data picker', () => {
  it('offers every numeric column but the last as a feature, the last as the label, normalised', () => {
    const table = parseCsv('name,age,height,city,score\nAnn,30,1.6,Oslo,1\nBo,,1.8,Rome,0\n');
    expect(numericColumns(table)).toEqual(['age', 'height', 'score']);
    expect(defaultCsvChoice(table)).toEqual({ label: 'score', features: ['age', 'height'], normalize: true });
  });

  it('makes a shuffled dataset with a one-line note', () => {
    const data = csvUserDataset(iris, 'iris.csv', defaultCsvChoice(iris));
    expect(data.note).toBe('iris.csv: 30 rows, 4 features, label species (3 classes), normalised');
    expect(data).toMatchObject({ name: 'iris.csv', source: 'csv', count: 30, xShape: [4], classes: ['setosa', 'versicolor', 'virginica'] });
    expect(data.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(classBalance(data.y, 3)).toEqual([10, 10, 10]);
    // The file is sorted by species; the last fifth (a test split) must not be one species.
    expect(new Set(data.y.slice(24)).size).toBeGreaterThan(1);
  });

  it('mentions rows left out and cells filled, and a number to predict', () => {
    const table = parseCsv('a,b,price\n1,,10.5\n2,3,\n4,5,7.25\n');
    const data = csvUserDataset(table, 'houses.csv', { features: ['a', 'b'], label: 'price', normalize: false });
    expect(data.note).toBe(
      'houses.csv: 2 rows, 2 features, target price (a number to predict), not normalised, ' +
        "1 row with no price left out, 1 empty cell filled with the column's mean",
    );
    expect(data.classes).toBeUndefined();
  });

  it('guesses the delimiter from the header', () => {
    expect(guessDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(guessDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(guessDelimiter('a,b;c\n')).toBe(',');
    expect(guessDelimiter('single')).toBe(',');
  });
});

describe('reading a folder of images', () => {
  afterEach(() => vi.unstubAllGlobals());

  const file = (path: string, type = '') =>
    Object.assign(new Blob([path], { type }), {
      name: path.split('/').pop()!,
      webkitRelativePath: path,
      lastModified: 0,
    }) as unknown as File;

  /** A browser stand-in: every image decodes to one colour taken from its path; "broken" ones fail. */
  function fakeBrowser() {
    vi.stubGlobal('createImageBitmap', async (blob: Blob) => {
      const path = await blob.text();
      if (path.includes('broken')) throw new Error('decode failed');
      return { path, close() {} };
    });
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(
          public width: number,
          public height: number,
        ) {}
        getContext() {
          let level = 0;
          return {
            imageSmoothingQuality: 'low',
            drawImage: (bitmap: { path: string }) => (level = bitmap.path.includes('/dog/') ? 255 : 0),
            getImageData: (_x: number, _y: number, w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4).fill(level) }),
          };
        }
      },
    );
  }

  it('labels by the parent folder and tells images from other files', () => {
    expect(labelOf({ name: 'img1.png', webkitRelativePath: 'root/cat/img1.png' })).toBe('cat');
    expect(labelOf({ name: 'a.png', webkitRelativePath: 'root/train/dog/a.png' })).toBe('dog');
    expect(labelOf({ name: 'a.png', webkitRelativePath: 'root/a.png' })).toBeNull();
    expect(isImageFile({ name: 'A.JPEG', type: '' })).toBe(true);
    expect(isImageFile({ name: 'photo', type: 'image/webp' })).toBe(true);
    expect(isImageFile({ name: 'notes.txt', type: 'text/plain' })).toBe(false);
    expect(isImageFile({ name: 'IMG_1.HEIC', type: 'image/heic' })).toBe(false);
    expect(isImageFile({ name: '._cat.png', type: '' })).toBe(false);
  });

  it('reads, skips and counts, then makes a dataset', async () => {
    fakeBrowser();
    const files = [
      file('pets/cat/1.png', 'image/png'),
      file('pets/cat/2.jpg'),
      file('pets/dog/1.png'),
      file('pets/dog/broken.png'),
      file('pets/.DS_Store'),
      file('pets/readme.png'),
    ];
    const progress: number[] = [];
    const read = await readImageFolder(files, { size: 8, onProgress: (done) => progress.push(done) });
    expect(read).toMatchObject({ skipped: 1, unlabelled: 1, unreadable: 1, leftOut: 0 });
    expect(read.images.map((im) => im.label).sort()).toEqual(['cat', 'cat', 'dog']);
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(leftOutNote(read)).toBe(
      'Skipped 1 file that is not a png, jpg, gif, webp or bmp image; skipped 1 image outside a class folder; ' +
        'could not read 1 image (damaged, or a format this browser cannot open).',
    );
    const data = imageUserDataset('pets', read, 8, 1);
    expect(data.note).toBe('pets: 3 images, 2 classes (cat, dog), 8 × 8 grey');
    expect(data.xShape).toEqual([8, 8, 1]);
  });

  it('takes at most 5,000 images, evenly across the folders', async () => {
    fakeBrowser();
    const files = Array.from({ length: 6000 }, (_, i) => file(`big/${i < 3000 ? 'cat' : 'dog'}/${i}.png`));
    const read = await readImageFolder(files, { size: 8 });
    expect(read.images).toHaveLength(MAX_IMAGES);
    expect(read.leftOut).toBe(1000);
    expect(read.images.filter((im) => im.label === 'cat')).toHaveLength(2500);
    expect(leftOutNote(read)).toMatch(/at most 5,000/);
  });

  it('says what to do when there is nothing to read', async () => {
    fakeBrowser();
    await expect(readImageFolder([])).rejects.toThrow(/empty/);
    await expect(readImageFolder([file('x/a.txt'), file('x/b.heic')])).rejects.toThrow(/None of the 2 files/);
    await expect(readImageFolder([file('x/a.png'), file('x/b.png')])).rejects.toThrow(/folder of its own/);
  });

  it('stops when asked to', async () => {
    fakeBrowser();
    const controller = new AbortController();
    controller.abort();
    await expect(readImageFolder([file('x/a/1.png')], { signal: controller.signal })).rejects.toThrow();
  });
});

describe('the dataset preview', () => {
  const data = (xShape: number[], x: number[], y: number[], classes?: string[]): TensorData => ({
    x: new Float32Array(x),
    xShape,
    y: new Float32Array(y),
    classes,
    count: y.length,
  });

  it('splits as Keras does: test from the end, then validation from the end of the rest', () => {
    expect(splitCounts(2400, 480, 0.2)).toEqual({ train: 1536, validation: 384, test: 480 });
    expect(splitCounts(100, 20, 0)).toEqual({ train: 80, validation: 0, test: 20 });
    expect(splitCounts(10, 50, 0.5)).toEqual({ train: 0, validation: 0, test: 10 });
  });

  it('chooses how to show examples', () => {
    expect(sampleKind(data([2, 2, 1], [0, 0, 0, 0], [0], ['a']), false)).toBe('images');
    expect(sampleKind(data([2], [0, 1], [0], ['a']), false)).toBe('points');
    expect(sampleKind(data([3], [0.5, 1, 2], [0], ['a']), false)).toBe('table');
    expect(sampleKind(data([3], [0.5, 1, 2], [0], ['a']), true)).toBe('text');
    const words = data([5], [4, 9, 2, 0, 0, 7, 3, 3, 3, 8], [1, 0], ['neg', 'pos']);
    expect(looksLikeWordIds(words)).toBe(true);
    expect(sampleKind(words, false)).toBe('text');
    expect(wordIds(words, 0)).toEqual([4, 9, 2]);
    expect(looksLikeWordIds(data([5], [4, 9, 2, 1, 6], [1]))).toBe(false);
  });

  it('summarises a regression target and draws grey or RGB pixels', () => {
    expect(targetSummary(new Float32Array([2, -1, 5]))).toEqual({ min: -1, mean: 2, max: 5 });
    const grey = data([1, 2, 1], [0, 1, 0.5, 0.25], [0, 1]);
    expect(Array.from(imagePixels(grey, 1, false))).toEqual([128, 128, 128, 255, 64, 64, 64, 255]);
    const rgb = data([1, 1, 3], [255, 0, 10], [0]);
    expect(Array.from(imagePixels(rgb, 0, true))).toEqual([255, 0, 10, 255]);
  });
});
