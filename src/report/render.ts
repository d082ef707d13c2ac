// Renders a Vega-Lite spec to a standalone SVG string headless (no canvas, no network), byte-identical for equal specs.
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Vega-Lite config shared by every figure: white background, legible type sizes, fixed plot size, no per-mark ARIA text (it tripled heat-map size). */
const theme = {
  aria: false,
  background: 'white',
  font: 'sans-serif',
  padding: 8,
  view: { continuousWidth: 520, continuousHeight: 320, stroke: '#bbb' },
  title: { fontSize: 16, fontWeight: 'bold', anchor: 'start', offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titlePadding: 10, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
} as const;

/**
 * Compile `spec` (its `config` replaced by the shared theme) with Vega-Lite and render it with Vega's headless renderer.
 * Vega numbers clip-path/gradient ids from a process-wide counter; they are renumbered
 * by order of definition so the same spec always yields the same bytes.
 */
export async function renderFigure(spec: TopLevelSpec): Promise<string> {
  const full: TopLevelSpec = { ...spec, config: theme };
  const view = new View(parse(compile(full).spec), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Rename every id="..." to f<n> in order of first appearance and rewrite its url(#...) / href="#..." uses, inside tags only. */
function renumberIds(svg: string): string {
  const names = new Map<string, string>();
  for (const tag of svg.match(/<[^>]*>/g) ?? []) {
    for (const m of tag.matchAll(/\sid="([^"]+)"/g)) if (!names.has(m[1])) names.set(m[1], `f${names.size + 1}`);
  }
  return svg.replace(/<[^>]*>/g, (tag) =>
    tag.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, head: string, id: string) => {
      const renamed = names.get(id);
      return renamed === undefined ? whole : head + renamed;
    }),
  );
}
