// Heat map or class-region map over an input plane, with labelled (training) points drawn on top.
import { InputError } from '../errors.ts';
import { requireFinite, requireIncreasing } from './figureInput.ts';
import { renderFigure } from './render.ts';

export interface ResponseMapInput {
  title: string;
  xLabel: string;
  yLabel: string;
  /**
   * Cell centres x (nx) and y (ny), both strictly increasing; value[iy][ix] is the response at (x[ix], y[iy]).
   * Numbers draw a heat map (non-finite cells left blank); strings draw class regions.
   */
  grid: { x: readonly number[]; y: readonly number[]; value: readonly (readonly number[])[] | readonly (readonly string[])[] };
  /** Drawn as white markers with a black outline, one marker shape per label. */
  points?: readonly { x: number; y: number; label: string | number }[];
  /** Legend title for the cell colours; default "value" (numbers) or "class" (labels). */
  valueLabel?: string;
}

/** Cell edges around increasing centres: midpoints inside, half a spacing beyond each end (±0.5 for one centre). */
function edges(centres: readonly number[]): number[] {
  const n = centres.length;
  if (n === 1) return [centres[0] - 0.5, centres[0] + 0.5];
  const out = [centres[0] - (centres[1] - centres[0]) / 2];
  for (let i = 1; i < n; i++) out.push((centres[i - 1] + centres[i]) / 2);
  out.push(centres[n - 1] + (centres[n - 1] - centres[n - 2]) / 2);
  return out;
}

/** A map of `grid.value` over the (x, y) plane, cells as rectangles, optional points layered on top. */
export function responseMap(input: ResponseMapInput): Promise<string> {
  const { x, y, value } = input.grid;
  requireIncreasing(x, 'grid.x');
  requireIncreasing(y, 'grid.y');
  if (value.length !== y.length) throw new InputError(`has ${value.length} rows, grid.y has ${y.length}`, 'grid.value');
  value.forEach((row, iy) => {
    if (row.length !== x.length) throw new InputError(`has ${row.length} entries, grid.x has ${x.length}`, `grid.value[${iy}]`);
  });
  const classes = typeof value[0][0] === 'string';
  value.forEach((row, iy) =>
    row.forEach((v, ix) => {
      if (typeof v === 'string' !== classes) throw new InputError('mixes numbers and class labels', `grid.value[${iy}][${ix}]`);
    }),
  );
  const points = input.points ?? [];
  requireFinite(points.map((p) => p.x), 'points.x');
  requireFinite(points.map((p) => p.y), 'points.y');

  const ex = edges(x);
  const ey = edges(y);
  const cells: Record<string, number | string>[] = [];
  value.forEach((row, iy) =>
    row.forEach((v, ix) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return;
      cells.push({ x0: ex[ix], x1: ex[ix + 1], y0: ey[iy], y1: ey[iy + 1], v });
    }),
  );
  const xScale = { domain: [ex[0], ex[ex.length - 1]], nice: false, zero: false };
  const yScale = { domain: [ey[0], ey[ey.length - 1]], nice: false, zero: false };
  const legendTitle = input.valueLabel ?? (classes ? 'class' : 'value');
  const color = classes
    ? ({ field: 'v', type: 'nominal', title: legendTitle, scale: { scheme: 'pastel1' } } as const)
    : ({ field: 'v', type: 'quantitative', title: legendTitle, scale: { scheme: 'viridis', zero: false } } as const);
  return renderFigure({
    title: input.title,
    width: 400,
    height: 400,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: input.xLabel, scale: xScale },
          x2: { field: 'x1' },
          y: { field: 'y0', type: 'quantitative', title: input.yLabel, scale: yScale },
          y2: { field: 'y1' },
          color,
        },
      },
      {
        data: { values: points.map((p) => ({ x: p.x, y: p.y, label: String(p.label) })) },
        mark: { type: 'point', filled: true, fill: 'white', stroke: 'black', strokeWidth: 1.3, size: 70, opacity: 1, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          shape: { field: 'label', type: 'nominal', title: 'points' },
        },
      },
    ],
  });
}
