import { useEffect, useMemo, useRef, useState } from 'react';
import type { Projection } from '../../../../worker/protocol';
import { fmtInt } from '../../../format';
import { MapController, type Hover } from './controller';
import { genreColour } from './palette';

interface Props {
  projection: Projection;
  /** The picked movie and its neighbours, ringed on the map. */
  picked: number | null;
  neighbours: readonly number[];
  onPick: (index: number) => void;
}

/** Genres in the map with how many movies each colours; only those present. */
function Legend({ projection }: { projection: Projection }) {
  const counts = useMemo(() => {
    const c = new Map<number, number>();
    for (const g of projection.primaryGenre) c.set(g, (c.get(g) ?? 0) + 1);
    return [...c.entries()].sort(([a], [b]) => a - b);
  }, [projection]);
  return (
    <ul
      className="map-legend"
      aria-label="Colours: each movie's primary genre"
      data-testid="similarity-legend"
    >
      {counts.map(([g, n]) => (
        <li key={g}>
          <span className="swatch" style={{ background: genreColour(g) }} aria-hidden="true" />
          {g < 0 ? 'no genre' : projection.genreNames[g]} <span className="muted">{fmtInt(n)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The map itself: a canvas that pans and zooms, a tooltip for the hovered movie, and a legend. */
export function MapView({ projection, picked, neighbours, onPick }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const controller = useRef<MapController | null>(null);
  const pickRef = useRef(onPick);
  const [hover, setHover] = useState<Hover | null>(null);

  useEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const c = new MapController(canvas, { onHover: setHover, onPick: (i) => pickRef.current(i) });
    controller.current = c;
    return () => {
      c.dispose();
      controller.current = null;
    };
  }, []);

  useEffect(() => controller.current?.setProjection(projection), [projection]);
  useEffect(() => controller.current?.setMarks(picked ?? -1, neighbours), [picked, neighbours]);

  const n = projection.titles.length;
  const g = hover ? projection.primaryGenre[hover.index] : -1;
  return (
    <div className="map-view">
      <div className="map-frame">
        <canvas
          ref={canvasRef}
          className="map-canvas"
          tabIndex={0}
          role="img"
          aria-label={`Map of ${fmtInt(n)} movies coloured by primary genre. Drag or use the arrow keys to pan, the wheel or plus and minus to zoom, 0 to reset; click a point to pick its movie.`}
          data-testid="similarity-map-canvas"
          data-points={n}
          data-picked={picked ?? ''}
        />
        {hover && (
          <div
            className="map-tip"
            style={{ left: hover.x, top: hover.y }}
            role="tooltip"
            data-testid="similarity-map-tip"
          >
            <b>{projection.titles[hover.index]}</b>
            {g >= 0 && <span>{projection.genreNames[g]}</span>}
          </div>
        )}
        <div className="map-zoom">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label="Zoom in"
            onClick={() => controller.current?.zoomBy(1.5)}
          >
            +
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label="Zoom out"
            onClick={() => controller.current?.zoomBy(1 / 1.5)}
          >
            −
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => controller.current?.reset()}
          >
            Reset
          </button>
        </div>
      </div>
      <Legend projection={projection} />
    </div>
  );
}
