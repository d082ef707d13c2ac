// HTML report: escaping, SVG sanitising, distinct ids across inlined figures, no external resources.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/errors.ts';
import { lineChart, renderHtmlReport, sanitizeSvg } from '../../src/report/index.ts';

const evil = '<script>alert(1)</script>';

test('renderHtmlReport: title, meta, text and table cells are escaped', () => {
  const html = renderHtmlReport({
    title: `Study ${evil}`,
    meta: { seed: 42, 'hash <x>': 'a"b&c' },
    sections: [{ heading: `H ${evil}`, text: `first <b>para</b>\n\nsecond & last`, table: { headers: ['k<'], rows: [[evil], [1.5]] } }],
  });
  assert.not.ok(html.includes('<script'));
  assert.ok(html.includes('<title>Study &lt;script&gt;alert(1)&lt;/script&gt;</title>'));
  assert.ok(html.includes('<th>hash &lt;x&gt;</th><td>a&quot;b&amp;c</td>'));
  assert.ok(html.includes('<td class="num">42</td>'));
  assert.ok(html.includes('<p>first &lt;b&gt;para&lt;/b&gt;</p>\n<p>second &amp; last</p>'));
  assert.ok(html.includes('<th>k&lt;</th>'));
  assert.ok(html.includes('<td class="num">1.5</td>'));
  assert.ok(html.startsWith('<!DOCTYPE html>'));
});

test('sanitizeSvg: drops scripts, handlers, foreignObject, external links; keeps drawing', () => {
  const svg =
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>alert(1)</script>' +
    '<foreignObject><div>hi</div></foreignObject><a href="javascript:alert(1)"><rect width="1" height="1" ONCLICK="y()"/></a>' +
    '<image href="http://example.com/a.png"/><rect fill="url(http://e.com/p)" stroke="url(#g)"/><text>a &lt; b</text>' +
    '<linearGradient id="g"/></svg>';
  const out = sanitizeSvg(svg, 'p-');
  for (const bad of ['script', 'onload', 'ONCLICK', 'foreignObject', 'javascript', 'http://e', 'example.com', '?xml']) assert.not.ok(out.includes(bad), bad);
  assert.ok(out.includes('<rect width="1" height="1"/>'));
  assert.ok(out.includes('<text>a &lt; b</text>'));
  assert.ok(out.includes('stroke="url(#p-g)"'));
  assert.ok(out.includes('id="p-g"'));
});

test('sanitizeSvg: rejects malformed XML, DOCTYPE and non-svg roots', () => {
  for (const bad of ['<svg><g></svg>', '<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', '<div/>', '<script/>']) {
    assert.throws(() => sanitizeSvg(bad, 'p'), (e: unknown) => e instanceof InputError, bad);
  }
});

test('renderHtmlReport: vega figures inline with distinct ids and no external resources', async () => {
  const fig = await lineChart({ title: 'L', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', x: [1, 2], y: [1, 2] }] });
  const html = renderHtmlReport({ title: 'R', meta: {}, sections: [{ heading: 'one', svg: fig }, { heading: 'two', svg: fig }] });
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(ids.length >= 2);
  assert.is(new Set(ids).size, ids.length);
  for (const m of html.matchAll(/url\(#([^)]+)\)/g)) assert.ok(ids.includes(m[1]), m[1]);
  assert.is((html.match(/<svg/g) ?? []).length, 2);
  assert.not.ok(/<script|<link|\ssrc=|@import|href="(?!#)/.test(html));
});

test.run();
