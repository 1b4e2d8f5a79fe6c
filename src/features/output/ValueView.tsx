import type { DisplayValue } from '../../protocol/display';
import { ModelSummaryTable } from './ModelSummaryTable';
import { useOpenAsGraph } from './useOpenAsGraph';

/** A value from the kernel: tensor, model, tree or primitive. */
export function ValueView({ value, open = true }: { value: DisplayValue; open?: boolean }) {
  switch (value.kind) {
    case 'primitive':
      return <code className={`value value-${value.type}`}>{value.text}</code>;
    case 'text':
      return <pre className="value value-text">{value.text}</pre>;
    case 'tensor':
      return <pre className="value value-tensor">{value.preview}</pre>;
    case 'model':
      return <ModelValue value={value} />;
    case 'tree':
      return (
        <details className="value-tree" open={open}>
          <summary>{value.label}</summary>
          <ul>
            {value.entries.map((e) => (
              <li key={e.key}>
                <span className="tree-key">{e.key}:</span> <ValueView value={e.value} open={false} />
              </li>
            ))}
            {value.more > 0 && <li className="tree-more">… {value.more.toLocaleString()} more (display a slice to see them)</li>}
          </ul>
        </details>
      );
  }
}

function ModelValue({ value }: { value: Extract<DisplayValue, { kind: 'model' }> }) {
  const openAsGraph = useOpenAsGraph();
  return <ModelSummaryTable summary={value.summary} onOpenAsGraph={value.topology ? () => openAsGraph(value.topology) : undefined} />;
}
