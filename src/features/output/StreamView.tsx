import { useState } from 'react';
import type { StreamLevel } from '../../protocol/messages';

/** Lines shown before "Show all": long logs stay readable and cheap to render. */
const STREAM_PREVIEW_LINES = 200;

/** Printed text, cut to its first lines with a way to see the rest. */
export function StreamView({ level, text }: { level: StreamLevel; text: string }) {
  const [all, setAll] = useState(false);
  const lines = text.split('\n');
  const cut = !all && lines.length > STREAM_PREVIEW_LINES;
  return (
    <div className={`stream stream-${level}`}>
      <pre>{cut ? lines.slice(0, STREAM_PREVIEW_LINES).join('\n') : text}</pre>
      {cut && (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          Show all {lines.length.toLocaleString()} lines
        </button>
      )}
    </div>
  );
}
