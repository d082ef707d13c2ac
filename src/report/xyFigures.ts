// Figures over a continuous x axis: line chart (learning curves, sweeps), mean with min-max band, scatter/parity.
import { InputError } from '../errors.ts';
import { continuousScale, extent, requirePositiveForLog, requireSameLength, requireUniqueNames } from './figureInput.ts';
import { renderFigure } from './render.ts';

/** One named curve; points are joined in the order given. */
export interface XYSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
}

export interface LineChartInput {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly XYSeries[];
  logX?: boolean;
  logY?: boolean;
  /** Draw a marker at every point (for short sweeps); default false. */
  markers?: boolean;
}

/** One named mean curve with its spread, all arrays of equal length. */
export interface BandSeries {
  name: string;
  x: readonly number[];
  mean: readonly number[];
  min: readonly number[];
  max: readonly number[];
}

export interface BandChartInput {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly BandSeries[];
  logX?: boolean;
}

export interface ScatterChartInput {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly XYSeries[];
  /** Draw the y = x line and give both axes the same range (circuit-vs-surrogate parity). */
  diagonal?: boolean;
}

type Row = Record<string, number | string>;

/** Series colours keep the caller's order rather than sorting names. */
function seriesColor(series: readonly { name: string }[]) {
  return { field: 'series', type: 'nominal', title: null, scale: { domain: series.map((s) => s.name) } } as const;
}

/** Long-format rows of the series whose every listed field is finite; `i` keeps the input order. */
function rows<S extends { name: string }>(series: readonly S[], fields: (keyof S & string)[]): Row[] {
  const out: Row[] = [];
  for (const s of series) {
    const columns = fields.map((f) => s[f] as unknown as readonly number[]);
    for (let i = 0; i < columns[0].length; i++) {
      if (!columns.every((c) => Number.isFinite(c[i]))) continue;
      const row: Row = { series: s.name, i };
      fields.forEach((f, k) => (row[f] = columns[k][i]));
      out.push(row);
    }
  }
  return out;
}

function checkXY(series: readonly XYSeries[], logX?: boolean, logY?: boolean): void {
  requireUniqueNames(series.map((s) => s.name), 'series');
  series.forEach((s, k) => {
    requireSameLength([`series[${k}].x`, `series[${k}].y`], [s.x, s.y]);
    if (logX) requirePositiveForLog(s.x, `series[${k}].x`);
    if (logY) requirePositiveForLog(s.y, `series[${k}].y`);
  });
}

/** Lines y(x), one per series, in one figure. Points with a non-finite coordinate are skipped. */
export function lineChart(input: LineChartInput): Promise<string> {
  checkXY(input.series, input.logX, input.logY);
  return renderFigure({
    title: input.title,
    data: { values: rows(input.series, ['x', 'y']) },
    mark: { type: 'line', strokeWidth: 2, clip: true, point: input.markers ?? false },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: input.xLabel, scale: continuousScale(input.logX) },
      y: { field: 'y', type: 'quantitative', title: input.yLabel, scale: continuousScale(input.logY) },
      color: seriesColor(input.series),
      order: { field: 'i', type: 'quantitative' },
    },
  });
}

/** Mean line with markers over a shaded min-max band, one colour per series. Non-finite entries are skipped. */
export function bandChart(input: BandChartInput): Promise<string> {
  requireUniqueNames(input.series.map((s) => s.name), 'series');
  input.series.forEach((s, k) => {
    const f = (name: string) => `series[${k}].${name}`;
    requireSameLength([f('x'), f('mean'), f('min'), f('max')], [s.x, s.mean, s.min, s.max]);
    const bad = s.min.findIndex((lo, i) => lo > s.max[i]);
    if (bad >= 0) throw new InputError(`min ${s.min[bad]} exceeds max ${s.max[bad]}`, f(`min[${bad}]`));
    if (input.logX) requirePositiveForLog(s.x, f('x'));
  });
  const x = { field: 'x', type: 'quantitative', title: input.xLabel, scale: continuousScale(input.logX) } as const;
  const color = seriesColor(input.series);
  const order = { field: 'i', type: 'quantitative' } as const;
  return renderFigure({
    title: input.title,
    data: { values: rows(input.series, ['x', 'mean', 'min', 'max']) },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2, clip: true },
        encoding: {
          x,
          y: { field: 'min', type: 'quantitative', title: input.yLabel, scale: { zero: false } },
          y2: { field: 'max' },
          color: { ...color, legend: { symbolOpacity: 1 } },
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2, clip: true, point: true },
        encoding: { x, y: { field: 'mean', type: 'quantitative' }, color, order },
      },
    ],
  });
}

/** Points, one colour and marker shape per series; with `diagonal`, a y = x reference line on equal axes. */
export function scatterChart(input: ScatterChartInput): Promise<string> {
  checkXY(input.series);
  const data = rows(input.series, ['x', 'y']);
  const [lo, hi] = extent(data.flatMap((r) => [r.x as number, r.y as number]));
  const scale = input.diagonal && data.length > 0 ? { domain: [lo, hi], zero: false } : { zero: false };
  const points = {
    mark: { type: 'point', filled: true, size: 45, opacity: 0.8, clip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: input.xLabel, scale },
      y: { field: 'y', type: 'quantitative', title: input.yLabel, scale },
      color: seriesColor(input.series),
      shape: seriesColor(input.series),
    },
  } as const;
  if (!input.diagonal || data.length === 0) return renderFigure({ title: input.title, data: { values: data }, ...points });
  return renderFigure({
    title: input.title,
    width: 360,
    height: 360,
    layer: [
      {
        data: { values: [{ x: lo, y: lo }, { x: hi, y: hi }] },
        mark: { type: 'line', color: '#888', strokeDash: [5, 4], strokeWidth: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      { data: { values: data }, ...points },
    ],
  });
}
