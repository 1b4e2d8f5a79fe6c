import { deflateSync, Inflate, strToU8 } from 'fflate';
import { withoutProgress } from './exerciseOps';
import { loadNotebookText, type LoadErrorCode } from './load';
import type { NotebookDoc } from './types';

// A share link carries the whole notebook in the URL fragment, which never
// reaches a server: `#v1.<payload>.<check>`. The payload is the deflated JSON
// in base64url; the check is a CRC-32 of the deflated bytes, so a link cut
// short or mistyped by a chat app is told apart from a notebook that is wrong.
// A link can come from anyone, so decoding bounds every size before it grows.

/** The link format this build writes; links of higher versions are refused with advice to update. */
export const SHARE_VERSION = 1;
/** Most bytes a link may unpack to; a real notebook is a few kB, a bomb is gigabytes. */
const MAX_SHARE_BYTES = 5 * 1024 * 1024;
/** Longest fragment looked at; no browser keeps a longer URL, and past it only an attack remains. */
export const MAX_SHARE_CHARS = 2_000_000;

/**
 * Lengths of a whole share URL that decide what the share dialog says: up to
 * `ready` it pastes anywhere; up to `warn` it works, but some chat apps and
 * mail clients cut it; above that, offer the notebook file instead.
 */
export const LINK_LIMITS = { ready: 2000, warn: 8000 } as const;

type ShareLinkErrorCode = 'damaged' | 'unknown-version' | 'too-large' | LoadErrorCode;

/** A link that could not be opened, with a message written for the learner. */
class ShareLinkError extends Error {
  constructor(
    readonly code: ShareLinkErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ShareLinkError';
  }
}

export type ShareLinkResult = { ok: true; doc: NotebookDoc } | { ok: false; error: ShareLinkError };

const DAMAGED =
  'This link is incomplete or damaged: part of it is missing or was changed on the way. ' +
  'Ask the sender to copy the whole link again, or to send the notebook file (.layerbook.json) instead.';
const TOO_LARGE =
  'This link unpacks to more than 5 MB, far more than any shared notebook. It may be damaged or ' +
  'crafted to exhaust memory; ask the sender for the notebook file (.layerbook.json) instead.';

/** The fragment (without '#') of a link that opens `doc`. */
export function encodeShareLink(doc: NotebookDoc): string {
  // The whole document goes in: cells, graphs with their training settings,
  // exercises with their solutions and checks, and metadata. Outputs, runs and
  // session state are never part of the document (DESIGN.md). The sender's own
  // exercise progress stays behind: whoever opens the link starts at 0 done.
  const docForSharing: NotebookDoc = withoutProgress(doc);
  const bytes = deflateSync(strToU8(JSON.stringify(docForSharing)), { level: 9 });
  return `v${SHARE_VERSION}.${toBase64Url(bytes)}.${crcHex(bytes)}`;
}

/** Opens a link's fragment (with or without '#') through the one load path. */
export function decodeShareLink(fragment: string): ShareLinkResult {
  if (fragment.length > MAX_SHARE_CHARS) {
    const chars = fragment.length.toLocaleString('en-US');
    return fail(
      'too-large',
      `This link is ${chars} characters long, more than any notebook needs (at most ${MAX_SHARE_CHARS.toLocaleString('en-US')}). ` +
        'Ask the sender for the notebook file (.layerbook.json) instead.',
    );
  }
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  // The version is read before anything else, so a newer format with another
  // layout still gets "update the app" rather than "damaged".
  const firstDot = text.indexOf('.');
  const head = firstDot < 0 ? text : text.slice(0, firstDot);
  if (!/^v[1-9]\d{0,8}$/.test(head)) return fail('damaged', DAMAGED);
  const version = Number(head.slice(1));
  if (version > SHARE_VERSION) {
    return fail(
      'unknown-version',
      `This link was made by a newer version of Layerbook (link format v${version}); this one opens link format v${SHARE_VERSION}. ` +
        'Reload the page to update the app, then open the link again.',
    );
  }
  const parts = text.slice(firstDot + 1).split('.');
  if (firstDot < 0 || parts.length !== 2 || !/^[0-9a-f]{8}$/.test(parts[1])) return fail('damaged', DAMAGED);
  const bytes = fromBase64Url(parts[0]);
  if (!bytes || bytes.length === 0 || crcHex(bytes) !== parts[1]) return fail('damaged', DAMAGED);
  const inflated = inflateCapped(bytes, MAX_SHARE_BYTES);
  if (inflated === 'too-large') return fail('too-large', TOO_LARGE);
  if (inflated === 'damaged') return fail('damaged', DAMAGED);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return fail('damaged', DAMAGED);
  }
  const loaded = loadNotebookText(json);
  if (loaded.ok) return loaded;
  return fail(loaded.error.code, loaded.error.message, loaded.error);
}

/** What to tell the sharer about a share URL of `length` characters (see LINK_LIMITS). */
export function linkAdvice(length: number): 'ready' | 'long' | 'too-long' {
  if (length <= LINK_LIMITS.ready) return 'ready';
  return length <= LINK_LIMITS.warn ? 'long' : 'too-long';
}

function fail(code: ShareLinkErrorCode, message: string, cause?: unknown): ShareLinkResult {
  return { ok: false, error: new ShareLinkError(code, message, cause ? { cause } : undefined) };
}

// Deflate expands at most ~1032:1, so feeding 1 kB at a time bounds each step's
// output near 1 MB: a bomb is stopped one step past the cap, never unpacked.
// (Smaller steps cost more copying of fflate's 32 kB window per step.)
const INFLATE_STEP = 1024;

function inflateCapped(bytes: Uint8Array, cap: number): Uint8Array | 'too-large' | 'damaged' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let at = 0; at < bytes.length && !over; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, bytes.length);
      inflater.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    return 'damaged';
  }
  if (over) return 'too-large';
  // The last push is marked final, so fflate throws (caught above) on a stream
  // that ends before its final block does, even between blocks.
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Map(ALPHABET.split('').map((ch, i) => [ch, i]));

/** RFC 4648 §5 without padding: every character is safe in a URL fragment. */
function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/**
 * Strict decoding: unknown characters, an impossible length or non-zero
 * padding bits are refused, so every changed character changes the bytes
 * (and so the check) rather than decoding to the same notebook.
 */
function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of text) {
    const v = DECODE.get(ch);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

// fflate keeps its CRC-32 private, so the IEEE table is built here once (never mutated).
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crcHex(bytes: Uint8Array): string {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
