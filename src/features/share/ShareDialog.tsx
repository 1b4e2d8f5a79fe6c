import { useEffect, useId, useRef, useState } from 'react';
import type { NotebookDoc } from '../../doc/types';
import { encodeShareLink, LINK_LIMITS, linkAdvice } from '../../doc/shareLink';
import { downloadNotebook } from '../notebook/downloadNotebook';
import { useEscape } from '../dialog/useEscape';

/** The address that opens `doc`: this page's, with the notebook in the hash (which no server ever sees). */
function shareUrl(doc: NotebookDoc, location: Pick<Location, 'origin' | 'pathname'> = window.location): string {
  return `${location.origin}${location.pathname}#${encodeShareLink(doc)}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** "Share": the notebook as a link (cells, graphs and their training settings; no outputs, no weights). */
export function ShareDialog({ doc, onClose }: { doc: NotebookDoc; onClose(): void }) {
  const [url] = useState(() => shareUrl(doc));
  const [copied, setCopied] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const advice = linkAdvice(url.length);

  useEscape(onClose);
  // The link is selected when the dialog opens, ready for Ctrl+C.
  useEffect(() => box.current?.select(), []);

  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => setCopied('Link copied.'),
      () => {
        // Without clipboard permission the link is selected, ready for Ctrl+C.
        box.current?.select();
        setCopied('Copy was refused by the browser: the link is selected, press Ctrl+C.');
      },
    );

  return (
    <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="share-dialog">
      <h2 id={titleId}>Share “{doc.title.trim() || 'Untitled'}”</h2>
      <p className="param-help">
        The link holds the whole notebook (cells, graphs and their training settings; not outputs or trained weights), compressed into the
        part after “#”, which browsers never send to a server. Whoever opens it sees the notebook read-only; nothing runs until they choose
        Trust and run.
      </p>
      <label htmlFor={`${titleId}-link`}>Share link</label>
      <textarea id={`${titleId}-link`} ref={box} readOnly rows={3} value={url} aria-label="Share link" className="share-link" />
      <p className={advice === 'ready' ? 'param-help' : 'param-error'} data-advice={advice}>
        {advice === 'ready' && `${count(url.length)} characters: ready to paste anywhere.`}
        {advice === 'long' &&
          `${count(url.length)} characters: some chat apps cut links longer than ${count(LINK_LIMITS.ready)} characters. ` +
            'If it arrives broken, send the notebook file instead.'}
        {advice === 'too-long' &&
          `${count(url.length)} characters: too long for most chat and mail apps ` +
            `(over ${count(LINK_LIMITS.warn)}). Send the notebook file instead.`}
      </p>
      <div className="training-buttons">
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>
        <button
          type="button"
          onClick={() => downloadNotebook(doc)}
          title="The .layerbook.json file: any size, opened with Open notebook file"
        >
          Download notebook file
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {copied && <p role="status">{copied}</p>}
      <p className="param-help">
        Trained weights never go in a link: send them as files with <strong>Download model</strong> under a trained graph cell; the receiver
        loads them with <strong>Load weights…</strong>.
      </p>
    </div>
  );
}
