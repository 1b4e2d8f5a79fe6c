import { AppLink } from '../../app/AppLink';
import { TUTORIALS } from '../../tutorials/catalogue';
import { progressText } from '../../doc/exerciseOps';
import type { NotebookSummary } from '../../storage/db';
import './learn.css';

/** The gallery of shipped tutorials, in their suggested order, on the first screen. */
export function LearnGallery({ library }: { library: readonly NotebookSummary[] | null }) {
  // A tutorial's progress is its latest copy's (the library is newest first).
  const copyOf = (slug: string) => library?.find((nb) => nb.tutorial === slug);
  return (
    <section aria-labelledby="learn-heading" className="learn">
      <h2 id="learn-heading">Learn</h2>
      <p className="learn-intro">Tutorials that run here, offline. Opening one makes your own copy in your notebooks.</p>
      <ol aria-label="Tutorials" className="tutorial-list">
        {TUTORIALS.map((t, i) => (
          <li key={t.slug} className="tutorial-card">
            <span className="tutorial-number" aria-hidden="true">
              {i + 1}
            </span>
            <AppLink to={{ page: 'tutorial', slug: t.slug }} className="tutorial-title">
              {t.title}
            </AppLink>
            <p className="tutorial-summary">{t.summary}</p>
            <p className="tutorial-facts">
              {t.level} · about {t.minutes} min · {t.uses.join(', ')}
            </p>
            {t.exercises > 0 && (
              <p className="tutorial-progress">{progressText({ done: copyOf(t.slug)?.exercises?.done ?? 0, total: t.exercises })}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
