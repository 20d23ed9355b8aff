import './similarity.css';
import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel';
import type { StageMeta } from '../types';
import { useStageStore } from '../useStage';
import { SIMILARITY_STAGE } from '.';
import { AgreementSection } from './AgreementSection';
import { DistanceSection } from './DistanceSection';
import { ExportSection } from './ExportSection';
import { MapSection } from './map/MapSection';
import { NeighbourTable } from './NeighbourTable';
import { PickedNeighbours } from './PickedNeighbours';
import { SourceSection } from './SourceSection';
import { useSimilarity } from './useSimilarity';

const intro = (
  <p>
    Which movies does a model think alike? Every trained model with item vectors is a source: look up any
    movie’s nearest neighbours under three distances, see how often neighbours share a genre against random
    pairs, map every movie in two dimensions, and export the vectors for the Embedding Projector. Seed 003
    ends with this table; here it is computed on the backend in one matrix product.
  </p>
);

/** Tells the store when the panel is (nearly) on screen, so the heavy work waits until someone looks. */
function useInView(store: { setInView(v: boolean): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      (entries) => store.setInView(entries.some((e) => e.isIntersecting)),
      {
        rootMargin: '400px 0px',
      },
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      store.setInView(false);
    };
  }, [store]);
  return ref;
}

export function SimilarityPanel({ stage }: { stage: StageMeta & { step: number } }) {
  const store = useStageStore(SIMILARITY_STAGE);
  const ref = useInView(store);
  const shown = useSimilarity(store, (s) => s.selected !== null);
  return (
    <Panel stage={stage} intro={intro}>
      <div ref={ref} className="similarity" data-testid="similarity-body">
        <SourceSection store={store} />
        {shown && (
          <>
            <DistanceSection store={store} />
            <div className="sim-grid">
              <PickedNeighbours store={store} />
              <AgreementSection store={store} />
            </div>
            <MapSection store={store} />
            <NeighbourTable store={store} />
            <ExportSection store={store} />
          </>
        )}
      </div>
    </Panel>
  );
}
