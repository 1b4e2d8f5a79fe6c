import { useState } from 'react';
import { formatRelative } from '../../app/formatTime';
import { AppLink } from '../../app/AppLink';
import type { NotebookSummary } from '../../storage/db';
import { progressText } from '../../doc/exerciseOps';

interface Props {
  notebook: NotebookSummary;
  onRename(title: string): void;
  onDuplicate(): void;
  onDelete(): void;
}

/** One row of the library: title, last change, and what can be done with it. */
export function NotebookListItem({ notebook, onRename, onDuplicate, onDelete }: Props) {
  const [renaming, setRenaming] = useState(false);
  const title = notebook.title.trim() || 'Untitled';

  if (renaming) {
    return (
      <li className="notebook-item">
        <form
          className="rename-form"
          onSubmit={(e) => {
            e.preventDefault();
            const value = new FormData(e.currentTarget).get('title');
            setRenaming(false);
            if (typeof value === 'string' && value.trim() && value !== notebook.title) onRename(value.trim());
          }}
        >
          <input
            name="title"
            aria-label={`New title for ${title}`}
            defaultValue={notebook.title}
            autoFocus
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
          />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }

  return (
    <li className="notebook-item">
      <AppLink className="notebook-link" to={{ page: 'notebook', id: notebook.id }}>
        {title}
      </AppLink>
      <time dateTime={new Date(notebook.updatedAt).toISOString()} title={new Date(notebook.updatedAt).toLocaleString()}>
        Edited {formatRelative(notebook.updatedAt)}
      </time>
      {notebook.exercises && <span className="exercise-count">{progressText(notebook.exercises)}</span>}
      <span className="item-actions">
        <button type="button" onClick={() => setRenaming(true)}>
          Rename
        </button>
        <button type="button" onClick={onDuplicate}>
          Duplicate
        </button>
        <button type="button" className="danger" onClick={onDelete}>
          Delete notebook
        </button>
      </span>
    </li>
  );
}
