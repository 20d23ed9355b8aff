import './planned.css';
import type { ReactNode } from 'react';
import { Panel } from '../../components/Panel';
import { useLab } from '../../hooks/useLab';
import type { StageDef, StageMeta } from '../types';

interface Plan {
  id: string;
  intro: ReactNode;
  will: string[];
  needs: string[];
}

const PLANS: Plan[] = [
  {
    id: 'sequential',
    intro: (
      <p>
        Order carries information: what someone picks next depends on what they just picked. A sequential
        model reads each user’s history in time order and predicts the next item, which is how you teach a
        recommender about sessions rather than static tastes.
      </p>
    ),
    will: [
      'Train a next-item model on each user’s history, ordered by time',
      'Compare it with a first-order Markov chain and with popularity',
      'Show the predicted next items after a session you build by hand',
    ],
    needs: [
      'A dataset with timestamps: MovieLens or the structured wellness set (the random set has no order to learn)',
      'A leave-one-out split, so the held-out item is each user’s latest',
    ],
  },
];

/** A stage that later work builds: what it will do, and what it needs first. */
function PlannedPanel({ plan, stage }: { plan: Plan; stage: StageMeta & { step: number } }) {
  const { state } = useLab();
  const ds = state.dataset;
  return (
    <Panel stage={stage} intro={plan.intro}>
      <div className="plan">
        <div>
          <h3>What it will do</h3>
          <ul>
            {plan.will.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>What it needs first</h3>
          <ul className="needs">
            {plan.needs.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          {plan.id === 'sequential' && ds && (
            <p className={`need-check ${ds.hasTimestamps ? 'ok' : 'no'}`}>
              {ds.hasTimestamps
                ? `${ds.name} has timestamps.`
                : `${ds.name} has no timestamps: load one that has.`}
            </p>
          )}
        </div>
      </div>
    </Panel>
  );
}

const planned = (plan: Plan, title: string, blurb: string): StageDef => ({
  id: plan.id,
  title,
  blurb,
  ready: false,
  Panel: ({ stage }) => <PlannedPanel plan={plan} stage={stage} />,
});

const byId = (id: string): Plan => PLANS.find((p) => p.id === id) as Plan;

export const SEQUENTIAL_PLAN = planned(byId('sequential'), 'Sequential', 'What comes next');
