// Figures of one set of numbers: histogram (e.g. Monte Carlo accuracy) and bar chart (e.g. sensitivity ranking).
import { InputError } from '../errors.ts';
import { extent, requireFinite, requireSameLength, requireUniqueNames } from './figureInput.ts';
import { renderFigure } from './render.ts';

export interface HistogramInput {
  title: string;
  xLabel: string;
  values: readonly number[];
  /** Number of equal-width bins over [min, max]; default Sturges' rule, ceil(log2 n) + 1. */
  bins?: number;
  /** Default "count". */
  yLabel?: string;
}

export interface BarChartInput {
  title: string;
  /** Bars left to right in this order. */
  categories: readonly string[];
  values: readonly number[];
  /** Label of the category axis. */
  xLabel?: string;
  /** Label of the value axis. */
  yLabel?: string;
}

/** Equal-width bin counts over [min, max] (the last bin includes max); one unit-wide bin around a constant sample. */
export function binCounts(values: readonly number[], bins: number): { start: number; end: number; count: number }[] {
  const [lo, hi] = extent(values);
  const [a, b] = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  const width = (b - a) / bins;
  const out = Array.from({ length: bins }, (_, k) => ({ start: a + k * width, end: k === bins - 1 ? b : a + (k + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor((v - a) / width))].count++;
  return out;
}

/** Histogram of `values` with one bar per bin. Throws on non-finite values rather than silently dropping trials. */
export function histogram(input: HistogramInput): Promise<string> {
  requireFinite(input.values, 'values');
  if (input.values.length === 0) throw new InputError('needs at least one value', 'values');
  const bins = input.bins ?? Math.ceil(Math.log2(input.values.length)) + 1;
  if (!Number.isInteger(bins) || bins < 1) throw new InputError(`must be a positive integer, got ${bins}`, 'bins');
  return renderFigure({
    title: input.title,
    data: { values: binCounts(input.values, bins) },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
    encoding: {
      x: { field: 'start', type: 'quantitative', title: input.xLabel, scale: { zero: false, nice: false } },
      x2: { field: 'end' },
      y: { field: 'count', type: 'quantitative', title: input.yLabel ?? 'count', axis: { tickMinStep: 1 } },
    },
  });
}

/** One bar per category, in the given order; negative values go below the zero line. */
export function barChart(input: BarChartInput): Promise<string> {
  requireUniqueNames(input.categories, 'categories');
  requireSameLength(['categories', 'values'], [input.categories, input.values]);
  requireFinite(input.values, 'values');
  const longest = Math.max(...input.categories.map((c) => c.length));
  return renderFigure({
    title: input.title,
    width: Math.max(300, 48 * input.categories.length),
    data: { values: input.categories.map((category, i) => ({ category, value: input.values[i] })) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: {
        field: 'category',
        type: 'nominal',
        sort: null,
        title: input.xLabel ?? null,
        axis: longest > 6 ? { labelAngle: -40, labelAlign: 'right' } : { labelAngle: 0 },
      },
      y: { field: 'value', type: 'quantitative', title: input.yLabel ?? null },
    },
  });
}
