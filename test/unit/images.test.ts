import { describe, expect, it } from 'vitest';
import { classBalance } from '../../src/data/balance';
import { ImageDataError, imagesToDataset, resizeImage, type LabelledImage } from '../../src/data/images';

/** An opaque grey image from levels 0–255, row after row. */
function greyImage(label: string, width: number, levels: number[], name?: string): LabelledImage {
  const rgba = new Uint8ClampedArray(levels.length * 4);
  levels.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  return { label, width, height: levels.length / width, rgba, name };
}

/** A side × side image of one colour. */
function solid(label: string, [r, g, b, a = 255]: number[], name?: string, side = 3): LabelledImage {
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) rgba.set([r, g, b, a], i * 4);
  return { label, width: side, height: side, rgba, name };
}

const rounded = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 255 * 1000) / 1000);

describe('resizeImage', () => {
  it('averages each 2 × 2 block when a 4 × 4 image becomes 2 × 2', () => {
    const rgba = new Uint8ClampedArray(4 * 4 * 4);
    // Red rises along x, green along y, blue is constant.
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) rgba.set([x * 60, y * 80, 17, 255], (y * 4 + x) * 4);
    const out = resizeImage({ label: 'ramp', width: 4, height: 4, rgba }, 2, 3);
    expect(rounded(out)).toEqual([30, 40, 17, 150, 40, 17, 30, 200, 17, 150, 200, 17]);
  });

  it('averages a 3 × 3 image into 2 × 2 by the area each source pixel covers', () => {
    const levels = [0, 90, 180, 0, 90, 180, 0, 90, 180];
    const out = resizeImage(greyImage('a', 3, levels), 2, 3);
    // Output column 0 covers source columns 0 (1 part) and 1 (half a part): (0 + 45) / 1.5.
    expect(rounded(out.filter((_, i) => i % 3 === 0))).toEqual([30, 150, 30, 150]);
  });

  it('makes grey with the luma weights of tf.image.rgbToGrayscale', () => {
    const [r, g, b] = [200, 100, 50];
    const out = resizeImage(solid('c', [r, g, b]), 2, 1);
    expect(out).toHaveLength(4);
    for (const v of out) expect(v).toBeCloseTo((0.2989 * r + 0.587 * g + 0.114 * b) / 255, 5);
  });

  it('reads transparent pixels as white, so drawings on a clear background keep their strokes', () => {
    const out = resizeImage(solid('clear', [0, 0, 0, 0]), 2, 3);
    for (const v of out) expect(v).toBeCloseTo(1, 6);
  });

  it('enlarges a small image without blurring whole pixels', () => {
    const out = resizeImage(greyImage('tiny', 2, [0, 255, 255, 0]), 4, 3);
    expect(rounded(out.filter((_, i) => i % 3 === 0))).toEqual([0, 0, 255, 255, 0, 0, 255, 255, 255, 255, 0, 0, 255, 255, 0, 0]);
  });
});

describe('imagesToDataset', () => {
  const folder = () => [
    solid('dog', [255, 255, 255], 'dog/1.png'),
    solid('cat', [0, 0, 0], 'cat/1.png'),
    solid('cat', [0, 0, 0], 'cat/2.png'),
    solid('bird', [255, 0, 0], 'bird/1.png'),
    solid('dog', [255, 255, 255], 'dog/2.png'),
    solid('cat', [0, 0, 0], 'cat/3.png'),
  ];

  it('sorts classes by name, labels each image by its class index, and gives the shape and range', () => {
    const data = imagesToDataset(folder(), { size: 8, channels: 3 });
    expect(data.classes).toEqual(['bird', 'cat', 'dog']);
    expect(data.count).toBe(6);
    expect(data.xShape).toEqual([8, 8, 3]);
    expect(data.x).toHaveLength(6 * 8 * 8 * 3);
    expect(classBalance(data.y, 3)).toEqual([1, 3, 2]);
    // Each example's pixels match its label: birds red, cats black, dogs white.
    const colour = { bird: [1, 0, 0], cat: [0, 0, 0], dog: [1, 1, 1] } as const;
    for (let i = 0; i < data.count; i++) {
      const first = Array.from(data.x.subarray(i * 192, i * 192 + 3));
      expect(first.map((v) => Math.round(v))).toEqual(colour[data.classes[data.y[i]] as keyof typeof colour]);
    }
    for (const v of data.x) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('sorts numbered class folders as numbers', () => {
    const data = imagesToDataset([solid('10', [0, 0, 0]), solid('2', [0, 0, 0]), solid('1', [0, 0, 0])], { size: 8, channels: 1 });
    expect(data.classes).toEqual(['1', '2', '10']);
  });

  it('is the same dataset every time, whatever order the files come in, and shuffled', () => {
    const a = imagesToDataset(folder(), { size: 8, channels: 1 });
    const b = imagesToDataset(folder().reverse(), { size: 8, channels: 1 });
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    // Not in class order, so a split from the end is fair: the last ten hold both classes.
    const many = Array.from({ length: 40 }, (_, i) => solid(i < 20 ? 'a' : 'b', [0, 0, 0], `${i}`));
    const y = Array.from(imagesToDataset(many, { size: 8, channels: 1 }).y);
    expect(y.slice(30).some((v) => v === 0)).toBe(true);
    expect(y.slice(30).some((v) => v === 1)).toBe(true);
  });

  it('explains what is wrong, in an ImageDataError', () => {
    const two = [solid('a', [0, 0, 0]), solid('b', [0, 0, 0])];
    const cases: Array<[() => unknown, RegExp]> = [
      [() => imagesToDataset([], { size: 32, channels: 1 }), /no images/],
      [
        () => imagesToDataset([solid('cat', [0, 0, 0]), solid('cat', [9, 9, 9])], { size: 32, channels: 1 }),
        /a folder per class: at least two/,
      ],
      [() => imagesToDataset(two, { size: 4, channels: 1 }), /from 8 to 128/],
      [() => imagesToDataset(two, { size: 256, channels: 1 }), /from 8 to 128/],
      [() => imagesToDataset(two, { size: 31.5, channels: 1 }), /whole number/],
      [
        () => imagesToDataset([...two, { label: 'a', width: 2, height: 2, rgba: new Uint8ClampedArray(3) }], { size: 8, channels: 1 }),
        /damaged/,
      ],
    ];
    for (const [run, message] of cases) {
      expect(run).toThrow(ImageDataError);
      expect(run).toThrow(message);
    }
  });
});

describe('classBalance', () => {
  it('counts examples per class and ignores labels that name no class', () => {
    expect(classBalance(new Float32Array([0, 2, 2, 1, 2, 0]), 3)).toEqual([2, 1, 3]);
    expect(classBalance(new Float32Array([0, 5, -1, 0.5, NaN]), 2)).toEqual([1, 0]);
    expect(classBalance(new Float32Array([]), 4)).toEqual([0, 0, 0, 0]);
  });
});
