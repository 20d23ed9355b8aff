import { useCallback, useState } from 'react';
import { AXIS } from './ChartCard';

/** A generous width per character of an 11 px axis label (digits, en dashes, k and M). */
const CHAR_PX = 6.6;
const ANGLE = -40;
const SIN = Math.sin((-ANGLE * Math.PI) / 180);
/** Room under the ticks for the axis title. */
const TITLE_PX = 18;

/**
 * X-axis settings for a histogram that labels every bucket: labels lie flat while each fits its bar's
 * slot and turn to -40° otherwise, with the axis made tall enough for them. `sideWidth` is what the y axis
 * and the margins take from the chart's width.
 */
export function useBucketAxis(labels: readonly string[], sideWidth: number) {
  const [width, setWidth] = useState(0);
  const onResize = useCallback((w: number) => setWidth(w), []);
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 0) * CHAR_PX;
  const slot = (width - sideWidth) / Math.max(1, labels.length);
  // Before the first measurement, lie flat: the usual case, and a wrong guess costs one re-render.
  const rotate = width > 0 && longest + 6 > slot;
  const ticks = rotate ? Math.ceil(longest * SIN + AXIS.fontSize) + 6 : AXIS.fontSize + 10;
  return {
    onResize,
    rotated: rotate,
    axis: {
      interval: 0,
      angle: rotate ? ANGLE : 0,
      textAnchor: rotate ? 'end' : 'middle',
      height: ticks + TITLE_PX,
      tick: rotate ? { ...AXIS, fontSize: 10 } : AXIS,
    } as const,
  };
}
