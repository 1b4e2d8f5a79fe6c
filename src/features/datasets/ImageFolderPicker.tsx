import { useEffect, useId, useRef, useState } from 'react';
import { readImageFolder, type ImageFolderRead } from './readImageFolder';
import { imageUserDataset, leftOutNote, messageOf, type UserDataset } from './userData';

const SIZES = [28, 32, 64];
const fmt = (n: number) => n.toLocaleString('en-US');

/** A folder with a folder of images per class: read, squeezed to a square, and used at once. */
export function ImageFolderPicker({ onLoad }: { onLoad(data: UserDataset): void }) {
  const folderId = useId();
  const headingId = useId();
  const sizeId = useId();
  const colourId = useId();
  const [size, setSize] = useState(32);
  const [channels, setChannels] = useState<1 | 3>(3);
  const [progress, setProgress] = useState('');
  const [error, setError] = useState('');
  const [loaded, setLoaded] = useState('');
  const files = useRef<File[]>([]);
  // The decoded images, kept so a change of colour needs no second read.
  const decoded = useRef<{ files: File[]; size: number; read: ImageFolderRead } | null>(null);
  const reading = useRef<AbortController | null>(null);
  useEffect(() => () => reading.current?.abort(), []);

  async function load(size: number, channels: 1 | 3) {
    const chosen = files.current;
    if (!chosen.length) return;
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    setError('');
    setLoaded('');
    setProgress('Reading images…');
    try {
      let cache = decoded.current;
      if (!cache || cache.files !== chosen || cache.size !== size) {
        const read = await readImageFolder(chosen, {
          size,
          signal: controller.signal,
          // Every image would re-render the picker 5,000 times; every 25th is smooth enough.
          onProgress: (done, total) => (done % 25 === 0 || done === total) && setProgress(`Reading images… ${fmt(done)} of ${fmt(total)}`),
        });
        cache = decoded.current = { files: chosen, size, read };
      }
      const folder = (chosen[0].webkitRelativePath || chosen[0].name).split('/')[0];
      const data = imageUserDataset(folder, cache.read, size, channels);
      setLoaded([`Loaded ${data.note}.`, leftOutNote(cache.read)].filter(Boolean).join(' '));
      onLoad(data);
    } catch (e) {
      if (!controller.signal.aborted) setError(messageOf(e, 'read the images'));
    } finally {
      if (reading.current === controller) setProgress('');
    }
  }

  return (
    <div className="user-data-part" role="group" aria-labelledby={headingId}>
      <h4 id={headingId} className="user-data-title">
        Images, a folder per class
      </h4>
      <div className="param">
        <label htmlFor={folderId}>Image folder</label>
        <input
          id={folderId}
          type="file"
          multiple
          // React's types lack webkitdirectory; without it the input picks files, not a folder.
          ref={(el) => {
            el?.setAttribute('webkitdirectory', '');
          }}
          onChange={(e) => {
            files.current = Array.from(e.target.files ?? []);
            decoded.current = null;
            void load(size, channels);
          }}
        />
        <small className="param-help">
          A folder holding one folder of images per class (cats/, dogs/): each folder's name is its class. The images stay in this browser.
        </small>
      </div>
      <div className="user-data-row">
        <div className="param">
          <label htmlFor={sizeId}>Image size</label>
          <select
            id={sizeId}
            value={size}
            onChange={(e) => {
              setSize(Number(e.target.value));
              void load(Number(e.target.value), channels);
            }}
          >
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s} × {s}
              </option>
            ))}
          </select>
        </div>
        <div className="param">
          <label htmlFor={colourId}>Colour</label>
          <select
            id={colourId}
            value={channels}
            onChange={(e) => {
              const c = Number(e.target.value) as 1 | 3;
              setChannels(c);
              void load(size, c);
            }}
          >
            <option value={1}>grey</option>
            <option value={3}>RGB</option>
          </select>
        </div>
      </div>
      {progress && (
        <p role="status" className="param-help">
          {progress}
        </p>
      )}
      {error && (
        <p role="alert" className="param-error">
          {error}
        </p>
      )}
      {loaded && !progress && (
        <p role="status" className="param-help">
          {loaded}
        </p>
      )}
    </div>
  );
}
