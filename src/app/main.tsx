import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openDatabase } from '../storage/db';
import { App } from './App';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to render Layerbook into');
const root = createRoot(container);

openDatabase().then(
  (db) =>
    root.render(
      <StrictMode>
        <App db={db} />
      </StrictMode>,
    ),
  (e) =>
    root.render(
      <main className="home">
        <div role="alert" className="banner banner-error">
          <strong>Layerbook cannot store notebooks in this browser.</strong> Its database (IndexedDB) failed to open: {(e as Error).message}
          . Private windows of some browsers block it; try a normal window.
        </div>
      </main>,
    ),
);
