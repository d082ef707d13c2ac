// Figure builders: well-formed SVG, mark counts per input, labels present, determinism, input errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/errors.ts';
import { bandChart, barChart, binCounts, histogram, lineChart, responseMap, scatterChart } from '../../src/report/index.ts';
import { countMarks, texts, wellFormed } from './svgInspect.ts';

const xs = [1, 2, 3, 4, 5];
const line = { title: 'Loss <&> "curve"', xLabel: 'epoch', yLabel: 'loss', series: [
  { name: 'train', x: xs, y: [5, 3, 2, 1.5, 1] },
  { name: 'val', x: xs, y: [6, 4, 3, 2.5, 2] },
] };

async function rejects(run: () => Promise<unknown>, field: RegExp): Promise<void> {
  try {
    await run();
  } catch (e) {
    assert.instance(e, InputError);
    assert.match((e as InputError).message, field);
    return;
  }
  assert.unreachable('expected an InputError');
}

test('lineChart: one line per series, markers per point, title and axis labels', async () => {
  const svg = await lineChart(line);
  assert.ok(wellFormed(svg));
  assert.is(countMarks(svg, 'line'), 2);
  assert.is(countMarks(svg, 'symbol'), 0);
  const t = texts(svg);
  for (const s of ['Loss <&> "curve"', 'epoch', 'loss', 'train', 'val']) assert.ok(t.includes(s), s);
  assert.is(countMarks(await lineChart({ ...line, markers: true }), 'symbol'), 10);
});

test('lineChart: non-finite points skipped, log axes checked, lengths checked', async () => {
  const svg = await lineChart({ ...line, markers: true, series: [{ name: 'a', x: xs, y: [1, NaN, 3, Infinity, 5] }] });
  assert.is(countMarks(svg, 'symbol'), 3);
  assert.ok(wellFormed(await lineChart({ ...line, logX: true, logY: true })));
  await rejects(() => lineChart({ ...line, logY: true, series: [{ name: 'a', x: xs, y: [1, 0, 1, 1, 1] }] }), /series\[0\]\.y\[1\]/);
  await rejects(() => lineChart({ ...line, series: [{ name: 'a', x: xs, y: [1, 2] }] }), /series\[0\]\.y/);
  await rejects(() => lineChart({ ...line, series: [line.series[0], line.series[0]] }), /duplicate/);
});

test('figures are byte-identical for equal input, even after other renders', async () => {
  const a = await lineChart(line);
  await bandChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: xs, mean: xs, min: xs, max: xs }] });
  await responseMap({ title: 'm', xLabel: 'x', yLabel: 'y', grid: { x: [0, 1], y: [0, 1], value: [[0, 1], [1, 0]] } });
  assert.is(await lineChart(line), a);
});

test('text that looks like an id attribute is not renumbered', async () => {
  const svg = await lineChart({ ...line, title: 'see id="clip1" and url(#clip1)' });
  assert.ok(texts(svg).includes('see id="clip1" and url(#clip1)'));
  assert.ok(/\sid="f1"/.test(svg));
});

test('bandChart: a band and a marked mean line per series', async () => {
  const lw = [0, 1, 2, 5];
  const svg = await bandChart({ title: 'Accuracy vs linewidth', xLabel: 'linewidth (MHz)', yLabel: 'accuracy', series: [
    { name: 'surrogate', x: lw, mean: [0.9, 0.85, 0.8, 0.7], min: [0.88, 0.8, 0.75, 0.6], max: [0.92, 0.9, 0.85, 0.75] },
    { name: 'circuit', x: lw, mean: [0.89, 0.84, 0.78, 0.65], min: [0.85, 0.8, 0.7, 0.55], max: [0.92, 0.88, 0.83, 0.72] },
  ] });
  assert.ok(wellFormed(svg));
  assert.is(countMarks(svg, 'area'), 2);
  assert.is(countMarks(svg, 'line'), 2);
  assert.is(countMarks(svg, 'symbol'), 8);
  for (const s of ['Accuracy vs linewidth', 'linewidth (MHz)', 'accuracy', 'surrogate', 'circuit']) assert.ok(texts(svg).includes(s), s);
  await rejects(() => bandChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: [1], mean: [1], min: [2], max: [0] }] }), /min\[0\]/);
});

test('scatterChart: one symbol per point; diagonal adds the y = x line', async () => {
  const series = [{ name: 'f', x: [500, 550, 600], y: [502, 548, 603] }, { name: 'g', x: [650], y: [640] }];
  const plain = await scatterChart({ title: 'Parity', xLabel: 'surrogate', yLabel: 'circuit', series });
  assert.is(countMarks(plain, 'symbol'), 4);
  assert.is(countMarks(plain, 'line'), 0);
  const parity = await scatterChart({ title: 'Parity', xLabel: 'surrogate', yLabel: 'circuit', series, diagonal: true });
  assert.ok(wellFormed(parity));
  assert.is(countMarks(parity, 'symbol'), 4);
  assert.is(countMarks(parity, 'line'), 1);
  for (const s of ['Parity', 'surrogate', 'circuit']) assert.ok(texts(parity).includes(s), s);
});

test('responseMap: one cell per grid value, one marker per point, class labels in legends', async () => {
  const x = [0, 0.5, 1, 2];
  const y = [-1, 0, 1];
  const value = y.map((b) => x.map((a) => (a + b > 0.5 ? 'A' : 'B')));
  const points = [{ x: 0.2, y: 0.1, label: 'A' }, { x: 1.5, y: -0.5, label: 'B' }, { x: 1, y: 1, label: 'A' }];
  const svg = await responseMap({ title: 'Regions', xLabel: 'u1', yLabel: 'u2', grid: { x, y, value }, points });
  assert.ok(wellFormed(svg));
  assert.is(countMarks(svg, 'rect'), 12);
  assert.is(countMarks(svg, 'symbol'), 3);
  for (const s of ['Regions', 'u1', 'u2', 'class', 'points', 'A', 'B']) assert.ok(texts(svg).includes(s), s);
  const heat = await responseMap({ title: 'Heat', xLabel: 'u1', yLabel: 'u2', valueLabel: 'V', grid: { x, y, value: y.map((b) => x.map((a) => (a === 2 && b === 1 ? NaN : a * b))) } });
  assert.is(countMarks(heat, 'rect'), 11);
  assert.ok(texts(heat).includes('V'));
  await rejects(() => responseMap({ title: 't', xLabel: 'x', yLabel: 'y', grid: { x, y: [0, 1], value } }), /grid\.value/);
  await rejects(() => responseMap({ title: 't', xLabel: 'x', yLabel: 'y', grid: { x: [1, 0], y: [0], value: [[1, 2]] } }), /grid\.x/);
  await rejects(() => responseMap({ title: 't', xLabel: 'x', yLabel: 'y', grid: { x: [0, 1], y: [0], value: [['a', 2]] as unknown as string[][] } }), /mixes/);
});

test('histogram: bins counted exactly, one bar per bin', async () => {
  const values = [0, 0.1, 0.2, 0.5, 0.9, 1];
  const bins = binCounts(values, 4);
  assert.equal(bins.map((b) => b.count), [3, 0, 1, 2]);
  assert.is(bins[3].end, 1);
  assert.equal(binCounts([2, 2], 1), [{ start: 1.5, end: 2.5, count: 2 }]);
  const svg = await histogram({ title: 'MC accuracy', xLabel: 'accuracy', values, bins: 4 });
  assert.ok(wellFormed(svg));
  assert.is(countMarks(svg, 'rect'), 4);
  for (const s of ['MC accuracy', 'accuracy', 'count']) assert.ok(texts(svg).includes(s), s);
  assert.is(countMarks(await histogram({ title: 't', xLabel: 'x', values: Array.from({ length: 100 }, (_, i) => i) }), 'rect'), 8);
  await rejects(() => histogram({ title: 't', xLabel: 'x', values: [1, NaN] }), /values\[1\]/);
  await rejects(() => histogram({ title: 't', xLabel: 'x', values: [1], bins: 0 }), /bins/);
});

test('barChart: one bar per category in the given order, negative values allowed', async () => {
  const svg = await barChart({ title: 'Sensitivity', categories: ['Ms', 'alpha', 'I_dc'], values: [0.3, -0.1, 0.2], xLabel: 'parameter', yLabel: 'dAcc' });
  assert.ok(wellFormed(svg));
  assert.is(countMarks(svg, 'rect'), 3);
  const t = texts(svg);
  assert.ok(t.indexOf('Ms') < t.indexOf('alpha') && t.indexOf('alpha') < t.indexOf('I_dc'));
  for (const s of ['Sensitivity', 'parameter', 'dAcc']) assert.ok(t.includes(s), s);
  await rejects(() => barChart({ title: 't', categories: ['a', 'a'], values: [1, 2] }), /duplicate/);
  await rejects(() => barChart({ title: 't', categories: ['a'], values: [1, 2] }), /values/);
});

test.run();
