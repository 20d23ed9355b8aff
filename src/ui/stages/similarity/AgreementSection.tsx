import { AGREEMENT_K } from '../../../similarity/config';
import { fmtNum } from '../../training/format';
import { sameRef } from './sources';
import { distanceName } from './DistanceSection';
import type { SimilarityStore } from './store';
import { useSimilarity } from './useSimilarity';

/** How often each source's nearest neighbours share a genre, against random pairs: sources side by side. */
export function AgreementSection({ store }: { store: SimilarityStore }) {
  const agreement = useSimilarity(store, (s) => s.agreement);
  const labels = useSimilarity(store, (s) => s.runLabels);
  const selected = useSimilarity(store, (s) => s.selected);
  const rows = agreement.rows;
  return (
    <section className="sim-section" aria-labelledby="similarity-agreement-title">
      <h3 className="section-title" id="similarity-agreement-title">
        Neighbour agreement
      </h3>
      <p className="hint">
        The share of each movie’s {AGREEMENT_K} nearest neighbours ({distanceName(agreement.metric)}) that
        share at least one genre with it, against the same share over every other movie: what neighbours drawn
        at random would score. The gap is what the vectors learned about genres without ever seeing them.
      </p>
      {rows === null ? (
        <p className="muted">{agreement.loading ? 'Computing…' : 'Appears once a source is shown.'}</p>
      ) : rows.length === 0 ? (
        <p className="muted">No source has genres to compare (the dataset carries none).</p>
      ) : (
        <ul className={`agreement${agreement.loading ? ' stale' : ''}`} data-testid="similarity-agreement">
          {rows.map((r) => (
            <li
              key={`${r.runHandle}|${r.block}`}
              className={sameRef(selected, r) ? 'current' : undefined}
              data-testid="similarity-agreement-row"
            >
              <span className="agreement-name">
                {labels[r.runHandle] ?? r.runHandle} · {r.label}
              </span>
              <span className="agreement-bars" aria-hidden="true">
                <span className="bar bar-model" style={{ width: `${r.neighbours * 100}%` }} />
                <span className="bar bar-random" style={{ width: `${r.random * 100}%` }} />
              </span>
              <span className="agreement-figures">
                <b>{fmtNum(r.neighbours, 2)}</b> vs random {fmtNum(r.random, 2)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
