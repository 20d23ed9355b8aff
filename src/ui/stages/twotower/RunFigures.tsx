/**
 * A finished run's own figures, inside the shared run details: the rating error (scaled MSE, RMSE and MAE
 * in stars, the seed's shortcut beside) against the global mean, the bias baseline and SVD's published
 * figure, then recall over the whole catalogue against popularity.
 */
import type { TowerReport } from '../../../models/twotower/evaluate';
import { RMSE_EXPLAINER } from '../../../models/twotower/spec';
import { fmtCount, fmtNum } from '../../training/format';
import type { RunRecord } from '../../training/store';
import { recallKs, referencesApply, reportOf, SVD_RMSE, TFRS_TOP100, versus } from './figures';

interface Card {
  label: string;
  value: number | null | undefined;
  note: string;
  testId: string;
  digits?: number;
}

export function Cards({ cards }: { cards: Card[] }) {
  return (
    <div className="tt-cards">
      {cards.map((c) => (
        <div className="tt-card" key={c.testId}>
          <span className="tt-card-label">{c.label}</span>
          <span className="tt-card-value" data-testid={c.testId}>
            {fmtNum(c.value, c.digits ?? 4)}
          </span>
          <span className="tt-card-note">{c.note}</span>
        </div>
      ))}
    </div>
  );
}

interface Bar {
  name: string;
  value: number;
  kind: 'model' | 'baseline' | 'reference';
}

/** RMSE bars from 0 to the worst: the model among the baselines, shorter is better. */
function RmseBars({ bars }: { bars: Bar[] }) {
  const top = Math.max(...bars.map((b) => b.value));
  return (
    <div className="tt-bars" role="list" aria-label="RMSE in stars, lower is better">
      {bars.map((b) => (
        <div className={`tt-bar tt-bar-${b.kind}`} role="listitem" key={b.name}>
          <span className="tt-bar-name">{b.name}</span>
          <span className="tt-bar-track">
            <span className="tt-bar-fill" style={{ width: `${(b.value / top) * 100}%` }} />
          </span>
          <span className="tt-bar-value">{b.value.toFixed(3)}</span>
        </div>
      ))}
    </div>
  );
}

function RatingFigures({ r, refs }: { r: TowerReport; refs: boolean }) {
  const rating = r.rating;
  const base = r.baselines;
  if (!rating) {
    return (
      <p className="hint" data-testid="tt-no-rating">
        A retrieval model’s dot product ranks movies; it is no rating, so there is no RMSE. The baselines on
        this split: global mean {fmtNum(base?.globalMean.rmse, 3)}, user + item biases{' '}
        {fmtNum(base?.biases.rmse, 3)} stars.
      </p>
    );
  }
  const bars: Bar[] = [
    { name: 'Two-tower', value: rating.rmse, kind: 'model' },
    ...(base
      ? [
          { name: 'User + item biases', value: base.biases.rmse, kind: 'baseline' as const },
          { name: 'Global mean', value: base.globalMean.rmse, kind: 'baseline' as const },
        ]
      : []),
    ...(refs ? [{ name: 'SVD, well tuned (published)', value: SVD_RMSE, kind: 'reference' as const }] : []),
  ];
  return (
    <div className="tt-rating" data-testid="tt-rating">
      <Cards
        cards={[
          {
            label: 'RMSE (stars)',
            value: rating.rmse,
            note: `seed’s shortcut: ${fmtNum(rating.seedShortcut, 4)} (2× too high)`,
            testId: 'tt-rmse',
          },
          { label: 'MAE (stars)', value: rating.mae, note: 'mean absolute error', testId: 'tt-mae' },
          {
            label: 'MSE (scaled)',
            value: rating.mse,
            note: 'on [-1, 1]: the training loss',
            testId: 'tt-mse',
          },
          {
            label: 'Biases RMSE',
            value: base?.biases.rmse,
            note: `MAE ${fmtNum(base?.biases.mae, 4)}`,
            testId: 'tt-rmse-biases',
          },
          {
            label: 'Global mean RMSE',
            value: base?.globalMean.rmse,
            note: 'every rating the training mean',
            testId: 'tt-rmse-mean',
          },
        ]}
      />
      <div className="tt-versus">
        <RmseBars bars={bars} />
        <div>
          {base && (
            <p className="tt-verdict" data-testid="tt-versus">
              Two-tower {versus(rating.rmse, 'biases', base.biases.rmse)}.
            </p>
          )}
          <p className="hint">
            {RMSE_EXPLAINER} {fmtCount(rating.ratings)} test ratings.{' '}
            {r.coldStart &&
              'Cold start: the biases baseline knows each new user by the same revealed ratings.'}
            {refs &&
              `Well-tuned SVD reaches about ${SVD_RMSE} on ML-100k (a published figure, not trained here).`}
          </p>
        </div>
      </div>
    </div>
  );
}

function RetrievalFigures({ r, refs }: { r: TowerReport; refs: boolean }) {
  const { model, popularity } = r.retrieval;
  return (
    <>
      <Cards
        cards={[
          ...recallKs(r).map((k) => ({
            label: `Recall@${k}`,
            value: model.recall[k],
            note: `popularity ${fmtNum(popularity.recall[k], 4)}`,
            testId: `tt-recall-${k}`,
          })),
          {
            label: 'Top-100 accuracy',
            value: model.top100,
            note: `popularity ${fmtNum(popularity.top100, 4)}${refs ? ` · TFRS ${TFRS_TOP100}` : ''}`,
            testId: 'tt-top100',
          },
        ]}
      />
      <p className="hint">
        Over all {fmtCount(model.users)} test users’ held-out movies, ranked among every movie they did not
        rate in training; top-100 accuracy counts held-out ratings in the top 100 of all movies, as TFRS does.
      </p>
    </>
  );
}

/** This run's figures, for the shared run details. */
export function RunFigures({ run }: { run: RunRecord }) {
  const r = reportOf(run);
  return (
    <div className="tt-figures" data-testid="tt-figures">
      {r.coldStart && (
        <p className="pill pill-muted tt-cold-pill">Cold start: test users the towers never trained on</p>
      )}
      <RatingFigures r={r} refs={referencesApply(run)} />
      <h4 className="tt-subhead">
        Retrieval over the whole catalogue (
        {r.objective === 'retrieval' ? 'what this model trained for' : 'a task this model did not train for'})
      </h4>
      <RetrievalFigures r={r} refs={referencesApply(run)} />
    </div>
  );
}
