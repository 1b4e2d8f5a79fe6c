import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { setNodeTrainable } from '../../src/doc/graphOps';
import { loadNotebookText } from '../../src/doc/load';
import { decodeShareLink, encodeShareLink, LINK_LIMITS, linkAdvice, MAX_SHARE_CHARS, SHARE_VERSION } from '../../src/doc/shareLink';
import type { NotebookDoc } from '../../src/doc/types';

const FIXTURES = join(__dirname, '../fixtures');
const LINKS = join(FIXTURES, 'links');
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function loadFixture(path: string): NotebookDoc {
  const result = loadNotebookText(readFileSync(join(FIXTURES, path), 'utf8'));
  if (!result.ok) throw result.error;
  return result.doc;
}

/** A link in the real layout around any bytes, with a correct check: what a crafted link looks like. */
function linkOf(bytes: Uint8Array, version = SHARE_VERSION): string {
  const check = crc32(bytes).toString(16).padStart(8, '0');
  return `v${version}.${Buffer.from(bytes).toString('base64url')}.${check}`;
}

const codeOf = (fragment: string): string => {
  const r = decodeShareLink(fragment);
  return r.ok ? 'ok' : r.error.code;
};

const notebooks = ['valid', 'insight'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.layerbook.json'))
    .map((f) => `${dir}/${f}`),
);
const intro = loadFixture('valid/intro.layerbook.json');
const introLink = encodeShareLink(intro);

describe('share links: round trip', () => {
  it('keeps a frozen layer frozen', () => {
    const doc = loadFixture('links/shapes-cnn.layerbook.json');
    const [graphId, graph] = Object.entries(doc.graphs)[0];
    const layer = graph.nodes.find((n) => n.className !== 'Input');
    if (!layer) throw new Error('the fixture has no layer');
    const frozen: NotebookDoc = { ...doc, graphs: { ...doc.graphs, [graphId]: setNodeTrainable(graph, layer.id, false) } };
    const back = decodeShareLink(encodeShareLink(frozen));
    expect(back).toEqual({ ok: true, doc: frozen });
    expect(back.ok && back.doc.graphs[graphId].nodes.find((n) => n.id === layer.id)?.trainable).toBe(false);
  });

  it.each(notebooks)('%s opens as the same notebook', (path) => {
    const doc = loadFixture(path);
    const link = encodeShareLink(doc);
    expect(link).toMatch(/^v1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(decodeShareLink(link)).toEqual({ ok: true, doc });
    expect(decodeShareLink(`#${link}`)).toEqual({ ok: true, doc });
  });

  it('checks the deflated bytes with the IEEE CRC-32 and encodes them as unpadded base64url', () => {
    const [, payload, check] = introLink.split('.');
    const bytes = Buffer.from(payload, 'base64url');
    expect(Buffer.from(bytes).toString('base64url')).toBe(payload);
    expect(check).toBe(crc32(bytes).toString(16).padStart(8, '0'));
  });
});

describe('share links: damage is reported as damage', () => {
  it('every truncation of a real link is damaged', () => {
    for (let n = 0; n < introLink.length; n++) {
      expect([n, codeOf(introLink.slice(0, n))]).toEqual([n, 'damaged']);
      expect([n, codeOf(`#${introLink.slice(0, n)}`)]).toEqual([n, 'damaged']);
    }
  });

  it('every single-character change of a real link is damaged, or a newer version', () => {
    const others = [...B64URL.split(''), '.', '=', '+', '/', ' ', '#', '%', 'é'];
    for (let i = 0; i < introLink.length; i++) {
      for (const ch of others) {
        if (ch === introLink[i]) continue;
        const changed = introLink.slice(0, i) + ch + introLink.slice(i + 1);
        const expected = i === 1 && ch >= '2' && ch <= '9' ? 'unknown-version' : 'damaged';
        expect([i, ch, codeOf(changed)]).toEqual([i, ch, expected]);
      }
    }
  });

  it('refuses non-canonical base64 and uppercase checks', () => {
    const [, payload, check] = introLink.split('.');
    expect(codeOf(`v1.${payload}.${check.toUpperCase()}`)).toBe(/[a-f]/.test(check) ? 'damaged' : 'ok');
    expect(codeOf(`v1.${payload}=.${check}`)).toBe('damaged');
    expect(codeOf(`v01.${payload}.${check}`)).toBe('damaged');
    expect(codeOf(`v0.${payload}.${check}`)).toBe('damaged');
    expect(codeOf(`v1.${payload}.${check}.`)).toBe('damaged');
  });

  it('a correct check over bytes that do not inflate, or stop before the last block, is damaged', () => {
    expect(codeOf(linkOf(new Uint8Array([0xff, 0xff, 0xff, 0xff])))).toBe('damaged');
    expect(codeOf(linkOf(new Uint8Array(0)))).toBe('damaged');
    const full = deflateSync(strToU8(JSON.stringify(intro)), { level: 9 });
    expect(codeOf(linkOf(full.subarray(0, full.length - 3)))).toBe('damaged');
    // A complete stored block holding the whole JSON, but not marked final:
    // the stream is unfinished, so the notebook must not open.
    const json = strToU8(JSON.stringify(intro));
    const stored = new Uint8Array([0, json.length & 255, json.length >> 8, ~json.length & 255, (~json.length >> 8) & 255, ...json]);
    expect(codeOf(linkOf(stored))).toBe('damaged');
    stored[0] = 1; // the same block marked final opens
    expect(codeOf(linkOf(stored))).toBe('ok');
  });

  it('text that is not UTF-8 is damaged', () => {
    expect(codeOf(linkOf(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))))).toBe('damaged');
  });

  it('every damaged link says what to do', () => {
    const r = decodeShareLink(introLink.slice(0, 40));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.name).toBe('ShareLinkError');
    expect(r.error.message).toMatch(/^This link is incomplete or damaged/);
    expect(r.error.message).toContain('copy the whole link again');
    expect(r.error.message).toContain('notebook file');
  });
});

describe('share links: versions, sizes and the load path', () => {
  it('a link of a newer format asks for an update', () => {
    const [, payload, check] = introLink.split('.');
    for (const v of [2, 9, 10, 123]) {
      const r = decodeShareLink(`#v${v}.${payload}.${check}`);
      expect(r.ok ? 'ok' : r.error.code).toBe('unknown-version');
      if (!r.ok) expect(r.error.message).toContain(`newer version of Layerbook (link format v${v})`);
    }
    expect(codeOf('v2.anything-at-all')).toBe('unknown-version');
  });

  it('stops a decompression bomb early, without unpacking it', () => {
    const bomb = linkOf(deflateSync(new Uint8Array(50 * 1024 * 1024), { level: 9 }));
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const r = decodeShareLink(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    // Unpacking it all would allocate at least its 50 MB; stopping at the cap
    // allocates about 20 MB in all, most of it garbage (GC can only lower this).
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 * 1024 * 1024);
    expect(r.ok ? 'ok' : r.error.code).toBe('too-large');
    if (!r.ok) expect(r.error.message).toMatch(/^This link unpacks to more than 5 MB/);
  });

  it('refuses an over-long fragment before reading it', () => {
    const r = decodeShareLink(`v1.${'A'.repeat(MAX_SHARE_CHARS)}.00000000`);
    expect(r.ok ? 'ok' : r.error.code).toBe('too-large');
    expect(codeOf(`#v9.${'A'.repeat(MAX_SHARE_CHARS)}`)).toBe('too-large');
  });

  it('JSON that is not a notebook gets the load path error, not damaged', () => {
    const r = decodeShareLink(linkOf(deflateSync(strToU8('{"format":"other"}'))));
    expect(r.ok ? 'ok' : r.error.code).toBe('not-notebook');
    const direct = loadNotebookText('{"format":"other"}');
    if (!r.ok && !direct.ok) expect(r.error.message).toBe(direct.error.message);
    expect(codeOf(linkOf(deflateSync(strToU8('{"format":'))))).toBe('invalid-json');
    expect(codeOf(linkOf(deflateSync(strToU8('{"__proto__":{}}'))))).toBe('forbidden-key');
  });
});

describe('share links: golden links of every released format', () => {
  const manifest: Record<string, string> = JSON.parse(readFileSync(join(LINKS, 'manifest.json'), 'utf8'));
  const files = readdirSync(LINKS).filter((f) => f.endsWith('.link.txt'));

  it('names the source of every link file', () => {
    expect(files.sort()).toEqual(Object.keys(manifest).sort());
    expect(files).toContain(`v${SHARE_VERSION}-intro.link.txt`);
  });

  it.each(files)('%s still opens the notebook it was made from', (file) => {
    const link = readFileSync(join(LINKS, file), 'utf8').trim();
    expect(decodeShareLink(link)).toEqual({ ok: true, doc: loadFixture(manifest[file]) });
  });
});

describe('share links: advice on length', () => {
  it('is ready up to 2,000 characters, long up to 8,000, too long after', () => {
    expect(LINK_LIMITS).toEqual({ ready: 2000, warn: 8000 });
    expect(linkAdvice(0)).toBe('ready');
    expect(linkAdvice(2000)).toBe('ready');
    expect(linkAdvice(2001)).toBe('long');
    expect(linkAdvice(8000)).toBe('long');
    expect(linkAdvice(8001)).toBe('too-long');
  });
});
