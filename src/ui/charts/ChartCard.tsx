import './ChartCard.css';
import type { ReactNode } from 'react';
import { Label, ResponsiveContainer } from 'recharts';

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
  /** The drawing area's size, for charts that lay out their axes by the room they have. */
  onResize?: (width: number, height: number) => void;
  /** The child sizes itself (a live curve), so it is not wrapped in a ResponsiveContainer. */
  bare?: boolean;
}

export function ChartCard({
  title,
  caption,
  testId,
  children,
  height = 210,
  points,
  empty,
  onResize,
  bare,
}: Props) {
  return (
    <figure className="chart-card" data-testid={testId} data-points={points}>
      <figcaption>
        <h4>{title}</h4>
        <p>{caption}</p>
      </figcaption>
      <div className="chart-body" style={{ height }}>
        {empty ? (
          <div className="chart-empty">{empty}</div>
        ) : bare ? (
          children
        ) : (
          <ResponsiveContainer width="100%" height="100%" onResize={onResize}>
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

const AXIS_TITLE = { ...AXIS, fill: '#475569', fontWeight: 600 };

/** A title under an x axis; the axis needs about 16 px of height beyond its ticks for it. */
export const xTitle = (value: string) => (
  <Label value={value} position="insideBottom" offset={0} style={AXIS_TITLE} />
);

/** A title beside a y axis, read bottom to top; the axis needs about 16 px of width beyond its ticks. */
export const yTitle = (value: string) => (
  <Label
    value={value}
    angle={-90}
    position="insideLeft"
    offset={2}
    style={{ ...AXIS_TITLE, textAnchor: 'middle' }}
  />
);
