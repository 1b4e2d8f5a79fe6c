import { useMemo } from 'react';
import type { MarkdownCell } from '../../doc/types';
import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import { focusCell } from '../notebook/focusCell';
import { renderMarkdown } from './renderMarkdown';

/** A markdown cell: rendered, or a text area while in edit mode (double-click or Enter). */
export function MarkdownCellView({ cell, editing }: { cell: MarkdownCell; editing: boolean }) {
  const setCellSource = useNotebook((s) => s.setCellSource);
  const setEditing = useNotebook((s) => s.setEditing);
  const store = useNotebookStoreApi();
  const html = useMemo(() => renderMarkdown(cell.source), [cell.source]);

  const leave = () => {
    setEditing(null);
    focusCell(cell.id);
  };

  if (editing) {
    return (
      <textarea
        className="markdown-editor"
        aria-label="Markdown source"
        value={cell.source}
        // Focus with the caret after the text, where a learner continues writing.
        ref={(el) => {
          if (el && document.activeElement !== el) {
            el.focus();
            el.setSelectionRange(el.value.length, el.value.length);
          }
        }}
        rows={Math.max(3, cell.source.split('\n').length + 1)}
        onChange={(e) => setCellSource(cell.id, e.target.value)}
        onBlur={() => store.getState().editingCellId === cell.id && setEditing(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey))) {
            e.preventDefault();
            leave();
          }
        }}
      />
    );
  }
  if (!cell.source.trim()) {
    return (
      <div className="markdown-empty" onDoubleClick={() => setEditing(cell.id)}>
        Empty markdown cell. Double-click or press Enter to write.
      </div>
    );
  }
  return (
    <div
      className="markdown-rendered"
      onDoubleClick={() => setEditing(cell.id)}
      // Safe: renderMarkdown has raw HTML turned off and filters link schemes.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
