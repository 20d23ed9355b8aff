import './ChartCard.css';
import type { ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

interface Props {
  title: string;
  /** One sentence on how to read the chart. */
  caption: ReactNode;
  testId?: string;
  children: ReactNode;
  height?: number;
  /** How many points the chart draws, exposed as data-points for tests and tools. */
  points?: number;
  /** Shown instead of the chart while there is nothing to draw, so no empty frame appears. */
  empty?: string | null;
}

export function ChartCard({ title, caption, testId, children, height = 210, points, empty }: Props) {
  return (
    <figure className="chart-card" data-testid={testId} data-points={points}>
      <figcaption>
        <h4>{title}</h4>
        <p>{caption}</p>
      </figcaption>
      <div className="chart-body" style={{ height }}>
        {empty ? (
          <div className="chart-empty">{empty}</div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}

export const AXIS = { fontSize: 11, fill: '#64748b' };
export const GRID = '#e2e8f0';
export const TOOLTIP_STYLE = {
  contentStyle: { borderRadius: 8, border: '1px solid #e2e8f0', fontSize: 12 },
  labelStyle: { color: '#334155', fontWeight: 600 },
};
