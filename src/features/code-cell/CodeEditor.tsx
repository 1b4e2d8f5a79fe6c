import { useEffect, useRef } from 'react';
import { cellLanguage, monaco, startLanguageService } from './monacoSetup';

interface Props {
  cellId: string;
  value: string;
  readOnly: boolean;
  editing: boolean;
  theme: 'light' | 'dark';
  onChange(value: string): void;
  onFocus(): void;
  onBlur(): void;
  onEscape(): void;
  onRun(advance: boolean): void;
  /** The line of the latest error in this cell, marked in the editor. */
  error?: { line: number; column?: number; message: string } | null;
  /** Its accessible name: 'Code' for a cell's editor. */
  label?: string;
}

const MAX_HEIGHT = 600;

/** Monaco for one code cell; loaded lazily, so the shell never waits for it. */
export default function CodeEditor({
  cellId,
  value,
  readOnly,
  editing,
  theme,
  onChange,
  onFocus,
  onBlur,
  onEscape,
  onRun,
  error,
  label = 'Code',
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // Handlers change every render; the editor is made once, so it reads them through a ref.
  const handlers = useRef({ onChange, onFocus, onBlur, onEscape, onRun });
  handlers.current = { onChange, onFocus, onBlur, onEscape, onRun };
  // The text and read-only flag to make the editor with, from the latest render: later changes
  // reach it through the effects below, so typing (a new value) never makes a new editor.
  const createWith = useRef({ value, readOnly, label });
  createWith.current = { value, readOnly, label };

  useEffect(() => {
    const container = host.current;
    if (!container) throw new Error(`CodeEditor: cell ${cellId} has no host element for its editor`);
    const model = monaco.editor.createModel(createWith.current.value, cellLanguage(), monaco.Uri.parse(`file:///cells/${cellId}.ts`));
    const ed = monaco.editor.create(container, {
      model,
      readOnly: createWith.current.readOnly,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      automaticLayout: true,
      lineNumbers: 'on',
      fontSize: 14,
      tabSize: 2,
      // The editor grows with its text, so the page scrolls, not the cell.
      scrollbar: { alwaysConsumeMouseWheel: false, vertical: 'hidden' },
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      padding: { top: 6, bottom: 6 },
      // Suggestions and hovers escape the cell's rounded, clipped frame.
      fixedOverflowWidgets: true,
      ariaLabel: createWith.current.label,
    });
    editor.current = ed;
    const resize = () => {
      container.style.height = `${Math.min(MAX_HEIGHT, Math.max(38, ed.getContentHeight()))}px`;
      ed.layout();
    };
    resize();
    const subs = [
      ed.onDidContentSizeChange(resize),
      ed.onDidChangeModelContent(() => handlers.current.onChange(ed.getValue())),
      ed.onDidFocusEditorText(() => {
        // The learner is about to write code: completions and type errors from here on.
        startLanguageService();
        handlers.current.onFocus();
      }),
      ed.onDidBlurEditorText(() => handlers.current.onBlur()),
    ];
    ed.addAction({
      id: 'layerbook.command-mode',
      label: 'Leave edit mode',
      keybindings: [monaco.KeyCode.Escape],
      keybindingContext: 'editorTextFocus && !suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible',
      run: () => handlers.current.onEscape(),
    });
    ed.addAction({
      id: 'layerbook.run-and-advance',
      label: 'Run cell and select below',
      keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
      run: () => handlers.current.onRun(true),
    });
    ed.addAction({
      id: 'layerbook.run',
      label: 'Run cell',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => handlers.current.onRun(false),
    });
    return () => {
      subs.forEach((s) => s.dispose());
      ed.dispose();
      model.dispose();
      editor.current = null;
    };
    // The editor lives as long as the cell; later prop changes are applied below.
  }, [cellId]);

  useEffect(() => {
    // Only text that came from elsewhere (another tab's save) is pushed in, so typing keeps its cursor.
    if (editor.current && editor.current.getValue() !== value) editor.current.setValue(value);
  }, [value]);

  useEffect(() => editor.current?.updateOptions({ readOnly }), [readOnly]);
  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    const markers = error
      ? [
          {
            severity: monaco.MarkerSeverity.Error,
            message: error.message,
            startLineNumber: error.line,
            startColumn: error.column ?? model.getLineFirstNonWhitespaceColumn(error.line) ?? 1,
            endLineNumber: error.line,
            endColumn: model.getLineMaxColumn(Math.min(error.line, model.getLineCount())),
          },
        ]
      : [];
    monaco.editor.setModelMarkers(model, 'layerbook', markers);
  }, [error]);
  useEffect(() => monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'), [theme]);
  useEffect(() => {
    if (editing && editor.current && !editor.current.hasTextFocus()) editor.current.focus();
  }, [editing]);

  // 'nokey': React Flow (a graph cell's canvas) listens for keys on the whole document and skips
  // inputs, but Monaco types through an EditContext on a plain element, which it does not take
  // for one: with a graph cell on the page, Space (its pan key) was swallowed in every code cell,
  // and Backspace there deleted the layers selected in the graph.
  return <div ref={host} className="code-editor nokey" />;
}
