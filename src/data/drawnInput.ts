// Turns a drawing pad's grey pixels into what a model trained on a built-in
// image set expects. A person's drawing differs from the training images in
// size and placement; undoing that with the set's own preprocessing is what
// lets a network trained on MNIST read a digit drawn with a mouse.

export interface DrawnTarget {
  /** The model's input side in pixels (28 for MNIST, 32 for Shapes). */
  size: number;
  /** 'mnist': crop, fit to 20/28 of the frame, centre by mass. 'fill': shrink the whole pad. */
  style: 'mnist' | 'fill';
}

// Antialiased stroke edges leave faint pixels; ignoring them keeps the crop
// tight around what was actually drawn.
const INK = 0.1;

/** A size × size grey image (row-major, values 0–1) for the model, from a width × height pad image (0 background, 1 ink). */
export function toModelInput(pixels: Float32Array, width: number, height: number, target: DrawnTarget): Float32Array {
  if (pixels.length !== width * height) throw new Error(`Expected ${width * height} pixels, got ${pixels.length}`);
  const { size } = target;
  if (!Number.isInteger(size) || size < 1) throw new Error(`Bad model input size ${size}`);
  if (target.style === 'fill') return clamp01(resampleArea(pixels, width, { x: 0, y: 0, w: width, h: height }, size, size));
  return mnistStyle(pixels, width, height, size);
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function mnistStyle(pixels: Float32Array, width: number, height: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const box = inkBox(pixels, width, height);
  if (!box) return out;
  // MNIST's digits were fitted into 20×20 and set in a 28×28 frame; keep that
  // proportion for other sizes.
  const fit = Math.max(1, Math.round((size * 20) / 28));
  const scale = fit / Math.max(box.w, box.h);
  const w = Math.max(1, Math.min(fit, Math.round(box.w * scale)));
  const h = Math.max(1, Math.min(fit, Math.round(box.h * scale)));
  const small = clamp01(resampleArea(pixels, width, box, w, h));
  const [cx, cy] = centreOfMass(small, w, h);
  // Whole-pixel shifts as MNIST used, clamped so lopsided strokes (an L, a 7)
  // are not pushed off the frame.
  const ox = Math.min(size - w, Math.max(0, Math.round(size / 2 - cx)));
  const oy = Math.min(size - h, Math.max(0, Math.round(size / 2 - cy)));
  for (let y = 0; y < h; y++) out.set(small.subarray(y * w, (y + 1) * w), (y + oy) * size + ox);
  return out;
}

function inkBox(pixels: Float32Array, width: number, height: number): Rect | null {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x] > INK) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

/** Centre of mass with pixel i spanning [i, i+1), so a frame of side n has its middle at n/2. */
function centreOfMass(image: Float32Array, w: number, h: number): [number, number] {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = image[y * w + x];
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return mass > 0 ? [sx / mass, sy / mass] : [w / 2, h / 2];
}

// Area averaging: each output pixel is the mean of the source area it covers,
// partial pixels weighted by overlap. Unlike sampling, a thin stroke shrinks
// to a fainter line instead of vanishing between samples.
function resampleArea(src: Float32Array, sw: number, rect: Rect, dw: number, dh: number): Float32Array {
  const cols = areaWeights(rect.x, rect.w, dw);
  const rows = areaWeights(rect.y, rect.h, dh);
  // Separable: shrink the rows first, then the columns.
  const mid = new Float32Array(rect.h * dw);
  for (let y = 0; y < rect.h; y++) {
    const row = (rect.y + y) * sw;
    for (let o = 0; o < dw; o++) {
      let sum = 0;
      for (const [i, wt] of cols[o]) sum += src[row + i] * wt;
      mid[y * dw + o] = sum;
    }
  }
  const out = new Float32Array(dw * dh);
  for (let o = 0; o < dh; o++) {
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (const [i, wt] of rows[o]) sum += mid[(i - rect.y) * dw + x] * wt;
      out[o * dw + x] = sum;
    }
  }
  return out;
}

/** For each of n outputs spanning [start, start+length), the source indices it covers and their weights (summing to 1). */
function areaWeights(start: number, length: number, n: number): [number, number][][] {
  const step = length / n;
  const weights: [number, number][][] = [];
  for (let o = 0; o < n; o++) {
    const a = start + o * step;
    const b = a + step;
    const list: [number, number][] = [];
    for (let i = Math.floor(a); i < Math.ceil(b); i++) {
      const overlap = Math.min(b, i + 1) - Math.max(a, i);
      if (overlap > 1e-9) list.push([i, overlap / step]);
    }
    weights.push(list);
  }
  return weights;
}

function clamp01(image: Float32Array): Float32Array {
  for (let i = 0; i < image.length; i++) image[i] = Math.min(1, Math.max(0, image[i]));
  return image;
}
