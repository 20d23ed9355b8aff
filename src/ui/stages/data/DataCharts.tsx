import { useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { DatasetStats } from '../../../worker/protocol';
import { fmtCompact, fmtInt, fmtPercent } from '../../format';
import { AXIS, ChartCard, GRID, TOOLTIP_STYLE, xTitle, yTitle } from '../../charts/ChartCard';
import { useBucketAxis } from '../../charts/buckets';
import { countBins, headShare, niceTicks } from './chartData';

const fmtCount = (v: number) => fmtCompact(v);
/** Wide enough for "36k" and the rotated axis title beside it. */
const Y_WIDTH = 58;
const MARGIN = { top: 8, right: 10, bottom: 2, left: 0 };
/** The plot's own height; the x axis adds what its labels need. */
const PLOT_HEIGHT = 170;

interface HistogramProps {
  title: string;
  testId: string;
  caption: string;
  data: { label: string; count: number }[];
  x: string;
  y: string;
  color: string;
  /** The tooltip's heading for a bucket, e.g. "Rating 4" or "16–32 ratings". */
  bucket: (label: string) => string;
}

/** Bars with every bucket labelled, flat where the labels fit and turned where they do not. */
function Histogram({ title, testId, caption, data, x, y, color, bucket }: HistogramProps) {
  const labels = useMemo(() => data.map((d) => d.label), [data]);
  const { onResize, axis } = useBucketAxis(labels, Y_WIDTH + MARGIN.left + MARGIN.right);
  return (
    <ChartCard
      title={title}
      testId={testId}
      caption={caption}
      points={data.length}
      height={PLOT_HEIGHT + axis.height}
      onResize={onResize}
    >
      <BarChart data={data} margin={MARGIN} barCategoryGap="12%">
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: GRID }} {...axis}>
          {xTitle(x)}
        </XAxis>
        <YAxis tick={AXIS} tickFormatter={fmtCount} width={Y_WIDTH} tickLine={false} axisLine={false}>
          {yTitle(y)}
        </YAxis>
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtInt(Number(v)), y]}
          labelFormatter={(l) => bucket(String(l))}
        />
        <Bar dataKey="count" fill={color} radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

export function RatingHistogram({ stats, counts }: { stats: DatasetStats; counts: Int32Array | null }) {
  const perItem = useMemo(
    () => (counts ? countBins(counts).map((b) => ({ label: b.label, count: b.items })) : []),
    [counts],
  );
  if (stats.ratingHistogram.length === 0) {
    return (
      <Histogram
        title="Interactions per item"
        testId="chart-ratings"
        caption="No rating column, so every row is a positive. Instead: how many interactions each item got. Real data is skewed; uniform noise gives a bump."
        data={perItem}
        x="interactions per item"
        y="items"
        color="#6366f1"
        bucket={(l) => `${l} interactions`}
      />
    );
  }
  const mean = stats.ratingMean === null ? '' : ` The mean is ${stats.ratingMean.toFixed(2)}.`;
  return (
    <Histogram
      title="Rating histogram"
      testId="chart-ratings"
      caption={`How often each rating value occurs. People rate what they chose to consume, so real ratings lean high.${mean}`}
      data={stats.ratingHistogram.map((h) => ({ label: String(h.value), count: h.count }))}
      x="rating"
      y="ratings"
      color="#6366f1"
      bucket={(l) => `Rating ${l}`}
    />
  );
}

export function RatingsPerUserChart({ stats }: { stats: DatasetStats }) {
  const implicit = stats.ratingHistogram.length === 0;
  const noun = implicit ? 'interactions' : 'ratings';
  const data = stats.ratingsPerUser.map((b) => ({
    label: b.from === b.to ? String(b.from) : `${fmtCompact(b.from)}–${fmtCompact(b.to)}`,
    count: b.users,
  }));
  return (
    <Histogram
      title={implicit ? 'Interactions per user' : 'Ratings per user'}
      testId="chart-per-user"
      caption={`How many users ${implicit ? 'touched' : 'rated'} how many items (bins grow geometrically). Users with little history are the hard cases for every model.`}
      data={data}
      x={`${noun} per user`}
      y="users"
      color="#f59e0b"
      bucket={(l) => `${l} ${noun}`}
    />
  );
}

export function PopularityChart({ stats, counts }: { stats: DatasetStats; counts: Int32Array | null }) {
  const share = useMemo(() => (counts ? headShare(counts, 0.2) : null), [counts]);
  const maxRank = stats.itemPopularity.at(-1)?.rank ?? 1;
  const noun = stats.ratingHistogram.length === 0 ? 'interactions' : 'ratings';
  const caption =
    share === null
      ? 'Items sorted from most to least popular. A few hits collect most ratings; most items sit in the long tail.'
      : `Items sorted from most to least popular: the top 20% of items collect ${fmtPercent(share, 0)} of all interactions, and the long tail shares the rest.`;
  return (
    <ChartCard
      title="Item popularity (the long tail)"
      testId="chart-popularity"
      caption={caption}
      height={PLOT_HEIGHT + AXIS.fontSize + 28}
    >
      <AreaChart data={stats.itemPopularity} margin={{ ...MARGIN, right: 14 }}>
        <defs>
          <linearGradient id="tail" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="#14b8a6" stopOpacity={0.5} />
            <stop offset="100%" stopColor="#14b8a6" stopOpacity={0.05} />
          </linearGradient>
        </defs>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          dataKey="rank"
          type="number"
          domain={[0, maxRank]}
          ticks={niceTicks(maxRank)}
          tick={AXIS}
          tickFormatter={fmtCount}
          tickLine={false}
          axisLine={{ stroke: GRID }}
          height={AXIS.fontSize + 28}
        >
          {xTitle('item rank, most popular first')}
        </XAxis>
        <YAxis tick={AXIS} tickFormatter={fmtCount} width={Y_WIDTH} tickLine={false} axisLine={false}>
          {yTitle(`${noun} per item`)}
        </YAxis>
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtInt(Number(v)), noun]}
          labelFormatter={(l) => `Item rank ${l}`}
        />
        <Area
          dataKey="count"
          type="linear"
          stroke="#0d9488"
          strokeWidth={2}
          fill="url(#tail)"
          isAnimationActive={false}
        />
      </AreaChart>
    </ChartCard>
  );
}

/** Every genre, most items first: the chart grows a row per genre rather than dropping the rare ones. */
export function GenreChart({ genres }: { genres: { name: string; items: number }[] }) {
  const data = [...genres].sort((a, b) => b.items - a.items);
  return (
    <ChartCard
      title="Items per genre"
      testId="chart-genres"
      points={data.length}
      height={data.length * 17 + 56}
      caption={`All ${data.length} genres. An item can belong to several. Genres are side information that content-aware models (two-tower) can use.`}
    >
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 14, bottom: 2, left: 0 }}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis
          type="number"
          tick={AXIS}
          tickFormatter={fmtCount}
          tickLine={false}
          axisLine={{ stroke: GRID }}
          height={AXIS.fontSize + 28}
        >
          {xTitle('items')}
        </XAxis>
        <YAxis
          type="category"
          dataKey="name"
          tick={AXIS}
          width={104}
          tickLine={false}
          axisLine={false}
          interval={0}
        >
          {yTitle('genre')}
        </YAxis>
        <Tooltip {...TOOLTIP_STYLE} formatter={(v) => [fmtInt(Number(v)), 'items']} />
        <Bar dataKey="items" fill="#ec4899" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={11} />
      </BarChart>
    </ChartCard>
  );
}
