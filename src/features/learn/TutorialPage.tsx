import { useEffect, useRef, useState } from 'react';
import { AppLink } from '../../app/AppLink';
import { formatRelative } from '../../app/formatTime';
import { navigate } from '../../app/router';
import type { NotebookSummary } from '../../storage/db';
import { useDatabase } from '../../storage/useDatabase';
import { tutorialEntry, type TutorialEntry } from '../../tutorials/catalogue';
import { latestCopyOf, makeTutorialCopy } from './tutorialActions';

type State = { step: 'looking' } | { step: 'choose'; copy: NotebookSummary } | { step: 'copying' } | { step: 'failed'; message: string };

/**
 * `/?tutorial=<slug>`: opens the learner's copy of a tutorial. The first visit makes the copy;
 * a later one asks whether to continue that copy or start fresh (a new copy; the old one stays).
 */
export function TutorialPage({ slug }: { slug: string }) {
  const entry = tutorialEntry(slug);
  if (!entry) {
    return (
      <main className="tutorial-page">
        <h1>No such tutorial</h1>
        <p role="alert">
          This app has no tutorial called “{slug}”. The link may be from a newer version of Layerbook.{' '}
          <AppLink to={{ page: 'home' }}>See the tutorials this version has</AppLink>.
        </p>
      </main>
    );
  }
  return <OpenTutorial entry={entry} />;
}

function OpenTutorial({ entry }: { entry: TutorialEntry }) {
  const db = useDatabase();
  const [state, setState] = useState<State>({ step: 'looking' });
  // One copy per press, even when React runs the effect twice (StrictMode) or a button is pressed twice.
  const busy = useRef(false);

  const startFresh = () => {
    if (busy.current) return;
    busy.current = true;
    setState({ step: 'copying' });
    makeTutorialCopy(db, entry).then(
      (id) => navigate({ page: 'notebook', id }, true),
      (e: Error) => {
        busy.current = false;
        setState({ step: 'failed', message: e.message });
      },
    );
  };

  useEffect(() => {
    if (busy.current) return;
    busy.current = true;
    latestCopyOf(db, entry.slug).then(
      (copy) => {
        busy.current = false;
        if (copy) setState({ step: 'choose', copy });
        else startFresh();
      },
      (e: Error) => {
        busy.current = false;
        setState({ step: 'failed', message: e.message });
      },
    );
    // Runs once per tutorial page: the page is keyed by slug.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <main className="tutorial-page">
      <h1>{entry.title}</h1>
      {state.step === 'choose' ? (
        <>
          <p>
            You already have a copy of this tutorial, last changed {formatRelative(state.copy.updatedAt)}. Continue where you left off, or
            start fresh from the original (your copy stays in your notebooks).
          </p>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => navigate({ page: 'notebook', id: state.copy.id }, true)}>
              Continue my copy
            </button>
            <button type="button" onClick={startFresh}>
              Start fresh
            </button>
          </div>
        </>
      ) : state.step === 'failed' ? (
        <p role="alert" className="banner banner-error">
          The tutorial could not be opened: {state.message} Reload the page to try again.
        </p>
      ) : (
        <p role="status">Opening your copy…</p>
      )}
    </main>
  );
}
