// Just enough HDF5 to read a Keras 3 `.weights.h5` as h5py writes it by default (libver
// "earliest"): superblock 0 or 1, version-1 object headers, groups as symbol tables (a version-1
// B-tree and a local heap), and contiguous or compact little-endian float32 datasets. Anything
// else is refused by name: the file is a stranger's, so every offset is checked before use.

/** A dataset of float32 values, by its path in the file ("layers/dense/vars/0"). */
export interface Hdf5Dataset {
  shape: number[];
  values: Float32Array;
}

export class Hdf5Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Hdf5Error';
  }
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const UNDEFINED = 0xffffffffffffffffn;
/** More objects than any model's weights file: a crafted file with a B-tree cycle stops here. */
const MAX_OBJECTS = 100_000;
/** Deeper than any weights file's groups or group indexes: a crafted chain stops here, not at the end of the stack. */
const MAX_DEPTH = 64;

class Reader {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly offsetSize: number,
    readonly lengthSize: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  check(at: number, size: number, what: string): void {
    if (!Number.isSafeInteger(at) || at < 0 || at + size > this.bytes.length)
      throw new Hdf5Error(`The weights file is damaged: its ${what} lies outside the file.`);
  }

  u8 = (at: number) => (this.check(at, 1, 'data'), this.view.getUint8(at));
  u16 = (at: number) => (this.check(at, 2, 'data'), this.view.getUint16(at, true));
  u32 = (at: number) => (this.check(at, 4, 'data'), this.view.getUint32(at, true));

  /** An offset or length of `size` bytes; UNDEFINED comes back as -1. */
  uint(at: number, size: number): number {
    this.check(at, size, 'data');
    let value = 0n;
    for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(this.view.getUint8(at + i));
    if (value === UNDEFINED || (size === 4 && value === 0xffffffffn)) return -1;
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Hdf5Error('The weights file is damaged: an offset is out of range.');
    return Number(value);
  }

  offset = (at: number) => this.uint(at, this.offsetSize);
  length = (at: number) => this.uint(at, this.lengthSize);

  /** A zero-terminated name at `at`. */
  name(at: number): string {
    let end = at;
    while (end < this.bytes.length && this.bytes[end] !== 0) end++;
    if (end >= this.bytes.length) throw new Hdf5Error('The weights file is damaged: a name runs past its end.');
    return new TextDecoder().decode(this.bytes.subarray(at, end));
  }
}

interface Message {
  type: number;
  at: number;
  size: number;
}

/** The messages of a version-1 object header, following continuation blocks. */
function messages(r: Reader, address: number): Message[] {
  if (r.u8(address) !== 1)
    throw new Hdf5Error('This weights file uses a newer HDF5 layout than Layerbook reads (object header version 2).');
  const count = r.u16(address + 2);
  const blocks: Array<[number, number]> = [[address + 16, r.u32(address + 8)]];
  const found: Message[] = [];
  for (let b = 0; b < blocks.length && found.length < count; b++) {
    const [start, size] = blocks[b];
    r.check(start, size, 'object header');
    for (let at = start; at + 8 <= start + size && found.length < count;) {
      const type = r.u16(at);
      const length = r.u16(at + 2);
      r.check(at + 8, length, 'object header message');
      found.push({ type, at: at + 8, size: length });
      // A continuation: more messages elsewhere.
      if (type === 0x10) blocks.push([r.offset(at + 8), r.length(at + 8 + r.offsetSize)]);
      at += 8 + length;
    }
    if (blocks.length > 64) throw new Hdf5Error('The weights file is damaged: its object headers continue without end.');
  }
  return found;
}

/** The names and object headers of a symbol-table group's members. */
/**
 * What a walk has visited: a crafted file whose groups or indexes point back at themselves stops,
 * and so does one that reads the same data over and over.
 */
interface Seen {
  count: number;
  addresses: Set<number>;
  values: number;
}

function groupMembers(r: Reader, btree: number, heap: number, seen: Seen): Array<[string, number]> {
  if (r.name(heap).slice(0, 4) !== 'HEAP') throw new Hdf5Error('The weights file is damaged: a group has no local heap.');
  const heapData = r.offset(heap + 8 + 2 * r.lengthSize);
  const members: Array<[string, number]> = [];
  const visit = (node: number, depth = 0) => {
    if (depth > MAX_DEPTH) throw new Hdf5Error('The weights file is damaged: its group index is too deep.');
    if (++seen.count > MAX_OBJECTS || seen.addresses.has(node)) throw new Hdf5Error('The weights file is damaged: its groups do not end.');
    seen.addresses.add(node);
    r.check(node, 8, 'group index');
    const signature = new TextDecoder().decode(r.bytes.subarray(node, node + 4));
    if (signature === 'SNOD') {
      const entries = r.u16(node + 6);
      const entrySize = 2 * r.offsetSize + 4 + 4 + 16;
      for (let i = 0; i < entries; i++) {
        const entry = node + 8 + i * entrySize;
        members.push([r.name(heapData + r.offset(entry)), r.offset(entry + r.offsetSize)]);
      }
      return;
    }
    if (signature !== 'TREE' || r.u8(node + 4) !== 0)
      throw new Hdf5Error('The weights file is damaged: a group index is not a group B-tree.');
    const entries = r.u16(node + 6);
    // Keys and children alternate after the siblings: key, child, key, child … key.
    const first = node + 8 + 2 * r.offsetSize;
    for (let i = 0; i < entries; i++) visit(r.offset(first + r.lengthSize + i * (r.lengthSize + r.offsetSize)), depth + 1);
  };
  visit(btree);
  return members;
}

/** One object: a group's members, or a dataset's values. */
interface Walk {
  out: Map<string, Hdf5Dataset>;
  wanted: (path: string) => boolean;
  seen: Seen;
}

function readObject(r: Reader, address: number, path: string, walk: Walk): void {
  if (path.split('/').length > MAX_DEPTH) throw new Hdf5Error('The weights file is damaged: its groups nest too deep.');
  // Each object once: a group listed inside itself would otherwise recurse until the stack ends.
  if (walk.seen.addresses.has(-address - 1)) throw new Hdf5Error('The weights file is damaged: a group holds itself.');
  walk.seen.addresses.add(-address - 1);
  const found = messages(r, address);
  const table = found.find((m) => m.type === 0x11);
  if (table) {
    for (const [name, child] of groupMembers(r, r.offset(table.at), r.offset(table.at + r.offsetSize), walk.seen))
      readObject(r, child, path ? `${path}/${name}` : name, walk);
    return;
  }
  // Not a weight the caller wants (the optimizer's step count is an int64, for one): not read at all.
  if (!walk.wanted(path)) return;
  const space = found.find((m) => m.type === 0x01);
  const type = found.find((m) => m.type === 0x03);
  const layout = found.find((m) => m.type === 0x08);
  if (!space || !type || !layout) return; // Neither a group nor a dataset Layerbook needs.
  // Datatype: class 1 (floating point), 4 bytes, little-endian.
  const classAndVersion = r.u8(type.at);
  const bigEndian = (r.u8(type.at + 1) & 1) === 1;
  if ((classAndVersion & 0x0f) !== 1 || r.u32(type.at + 4) !== 4 || bigEndian)
    throw new Hdf5Error(`The weight ${path} is not stored as little-endian float32, which Layerbook reads.`);
  // Dataspace version 1 or 2: its rank, then one length per dimension.
  const version = r.u8(space.at);
  const rank = r.u8(space.at + 1);
  const dims = version === 1 ? space.at + 8 : space.at + 4;
  const shape = Array.from({ length: rank }, (_, i) => r.length(dims + i * r.lengthSize));
  const count = shape.reduce((a, b) => a * b, 1);
  if (r.u8(layout.at) !== 3) throw new Hdf5Error(`The weight ${path} uses an HDF5 storage layout Layerbook does not read.`);
  const kind = r.u8(layout.at + 1);
  let start: number;
  if (kind === 1) start = r.offset(layout.at + 2);
  else if (kind === 0) start = layout.at + 4;
  else throw new Hdf5Error(`The weight ${path} is stored in chunks (compressed?), which Layerbook does not read yet.`);
  r.check(start, count * 4, `weight ${path}`);
  // The values read cannot outnumber the file's bytes: several datasets sharing one block of data would.
  walk.seen.values += count;
  if (walk.seen.values * 4 > r.bytes.length) throw new Hdf5Error('The weights file is damaged: its weights overlap.');
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = r.view.getFloat32(start + 4 * i, true);
  walk.out.set(path, { shape, values });
}

/** The float32 datasets `wanted` in a Keras weights file, by path; throws Hdf5Error saying what it cannot read. */
export function readHdf5(bytes: Uint8Array, wanted: (path: string) => boolean = () => true): Map<string, Hdf5Dataset> {
  if (bytes.length < 64 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Hdf5Error('This is not an HDF5 file.');
  const version = bytes[8];
  if (version > 1)
    throw new Hdf5Error(`This weights file uses HDF5 superblock version ${version}; Layerbook reads the layout h5py writes by default.`);
  const r = new Reader(bytes, bytes[13], bytes[14]);
  if (![4, 8].includes(r.offsetSize) || ![4, 8].includes(r.lengthSize))
    throw new Hdf5Error('The weights file is damaged: odd offset sizes.');
  // After the fixed fields (and version 1's two more), four addresses, then the root's symbol table entry.
  const addresses = 24 + (version === 1 ? 4 : 0);
  const rootEntry = addresses + 4 * r.offsetSize;
  const out = new Map<string, Hdf5Dataset>();
  readObject(r, r.offset(rootEntry + r.offsetSize), '', { out, wanted, seen: { count: 0, addresses: new Set(), values: 0 } });
  return out;
}
