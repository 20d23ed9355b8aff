import type { ReactNode } from 'react';
import type { StageMeta } from '../stages/types';
import './Panel.css';

interface Props {
  stage: StageMeta & { step: number };
  /** What the stage is and what it teaches, in a sentence or three. */
  intro: ReactNode;
  children: ReactNode;
}

/** A stage's card. The head is a grid, so that on a phone the intro takes the card's width, not a column. */
export function Panel({ stage, intro, children }: Props) {
  return (
    <section className="panel" id={stage.id} aria-labelledby={`${stage.id}-title`}>
      <header className="panel-head">
        <span className="panel-step" aria-hidden="true">
          {stage.step}
        </span>
        <h2 id={`${stage.id}-title`}>{stage.title}</h2>
        {!stage.ready && <span className="pill pill-muted">coming next</span>}
        <div className="panel-intro">{intro}</div>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
