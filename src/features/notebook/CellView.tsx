import { useState } from 'react';
import { canHoldExercise, newExercise } from '../../doc/exerciseOps';
import type { Cell } from '../../doc/types';
import { ExerciseEditor } from '../exercise/ExerciseEditor';
import { ExercisePanel } from '../exercise/ExercisePanel';
import { useNotebook } from '../../store/notebookStore';
import { CodeCellView } from '../code-cell/CodeCellView';
import { GraphCellView } from '../graph-editor/GraphCellView';
import { RunButton } from '../kernel/RunButton';
import { MarkdownCellView } from '../markdown/MarkdownCellView';

interface Props {
  cell: Cell;
  index: number;
  count: number;
}

const KIND_LABEL = { markdown: 'Markdown', code: 'Code', graph: 'Graph' } as const;

/** One cell: a focusable frame (command mode) with its tools and its editor. */
export function CellView({ cell, index, count }: Props) {
  const selected = useNotebook((s) => s.selectedCellId === cell.id);
  const editing = useNotebook((s) => s.editingCellId === cell.id);
  const canEdit = useNotebook((s) => s.access === 'write');
  const selectCell = useNotebook((s) => s.selectCell);
  const moveCell = useNotebook((s) => s.moveCell);
  const deleteCell = useNotebook((s) => s.deleteCell);
  const setExercise = useNotebook((s) => s.setExercise);
  const [authoring, setAuthoring] = useState(false);
  const answer = canHoldExercise(cell) ? cell : null;
  const exercise = answer?.exercise;

  const mode = editing ? 'editing' : selected ? 'selected' : '';
  return (
    <div
      role="group"
      aria-label={`Cell ${index + 1}`}
      tabIndex={0}
      data-cell-id={cell.id}
      className={`cell cell-${cell.kind} ${mode}`}
      onFocus={() => !selected && selectCell(cell.id)}
      onMouseDown={() => !selected && selectCell(cell.id)}
    >
      <div className="cell-bar">
        {cell.kind === 'code' ? <RunButton cellId={cell.id} /> : <span className="cell-kind">{KIND_LABEL[cell.kind]}</span>}
        <span className="cell-tools">
          {answer && canEdit && !exercise && (
            <button
              type="button"
              title="Give this cell a task, hints, a solution and a check"
              onClick={() => {
                setExercise(answer.id, newExercise(answer));
                setAuthoring(true);
              }}
            >
              Make exercise
            </button>
          )}
          {answer && canEdit && exercise && (
            <button type="button" aria-pressed={authoring} onClick={() => setAuthoring(!authoring)}>
              Edit exercise
            </button>
          )}
          <button
            type="button"
            aria-label="Move cell up"
            title="Move cell up"
            disabled={!canEdit || index === 0}
            onClick={() => moveCell(cell.id, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label="Move cell down"
            title="Move cell down"
            disabled={!canEdit || index === count - 1}
            onClick={() => moveCell(cell.id, 1)}
          >
            ↓
          </button>
          <button type="button" aria-label="Delete cell" title="Delete cell (dd)" disabled={!canEdit} onClick={() => deleteCell(cell.id)}>
            ✕
          </button>
        </span>
      </div>
      {answer && exercise && authoring && canEdit && (
        <ExerciseEditor cell={answer} exercise={exercise} onClose={() => setAuthoring(false)} />
      )}
      {answer && exercise && !(authoring && canEdit) && <ExercisePanel cell={answer} exercise={exercise} />}
      {cell.kind === 'markdown' && <MarkdownCellView cell={cell} editing={editing} />}
      {cell.kind === 'code' && <CodeCellView cell={cell} editing={editing} />}
      {cell.kind === 'graph' && <GraphCellView cell={cell} />}
    </div>
  );
}
