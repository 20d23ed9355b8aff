/** The item tower's vectors: the seed's norm check, and where to look at them (the Similarity stage). */
import { fmtNum } from '../../training/format';
import type { RunRecord } from '../../training/store';
import { reportOf, towerConfig } from './figures';

export function Embeddings({ run }: { run: RunRecord }) {
  const n = reportOf(run).norms;
  const unit = Math.abs(n.min - 1) < 1e-3 && Math.abs(n.max - 1) < 1e-3;
  const dim = towerConfig(run.result.config).model.embeddingDim;
  return (
    <div className="tt-block" data-testid="tt-embeddings">
      <h4 className="tt-subhead">Item embeddings</h4>
      <dl className="tt-norms" data-testid="tt-norms">
        {(['mean', 'std', 'min', 'max'] as const).map((k) => (
          <div key={k}>
            <dt>Norm {k}</dt>
            <dd data-testid={`tt-norm-${k}`}>{fmtNum(n[k], 6)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        {n.normalised
          ? unit
            ? `Every movie’s ${dim}-d vector has norm 1, as the seed checks: the dot product is a cosine.`
            : 'The towers normalise, yet some norms are not 1: see the warnings above.'
          : `Normalisation is off, so norms vary: a long vector scores high with every user.`}{' '}
        The <a href="#similarity">Similarity stage</a> lists this run’s item tower as a source (run #{run.no},
        “item tower”): nearest movies under three distances, a map, and exports.
      </p>
    </div>
  );
}
