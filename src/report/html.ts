// One self-contained HTML report page: metadata, then sections of text, inline (sanitised) SVG figures and tables.
import { sanitizeSvg } from './sanitizeSvg.ts';
import { checkTableShape, type Cell } from './tables.ts';

export interface ReportSection {
  heading: string;
  /** Plain text; blank lines separate paragraphs. */
  text?: string;
  /** An SVG figure (e.g. from lineChart); sanitised before it is inlined. */
  svg?: string;
  table?: { headers: readonly string[]; rows: readonly (readonly Cell[])[] };
}

export interface HtmlReportInput {
  title: string;
  /** Shown as a key/value table in insertion order: seed, versions, description hash, ... */
  meta: Readonly<Record<string, string | number>>;
  sections: readonly ReportSection[];
}

const css = `body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}table.meta th{text-align:left;font-weight:600}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}`;

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const cellText = (c: Cell) => escapeHtml(c === null || c === undefined ? '' : String(c));

function tableHtml(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  checkTableShape(headers, rows);
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => (typeof c === 'number' ? `<td class="num">` : '<td>') + `${cellText(c)}</td>`).join('')}</tr>`);
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

function metaHtml(meta: HtmlReportInput['meta']): string {
  const rows = Object.entries(meta).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th>${typeof v === 'number' ? '<td class="num">' : '<td>'}${cellText(v)}</td></tr>`);
  return `<table class="meta">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function sectionHtml(section: ReportSection, index: number): string {
  const parts = [`<section>`, `<h2>${escapeHtml(section.heading)}</h2>`];
  for (const paragraph of (section.text ?? '').split(/\n\s*\n/)) {
    if (paragraph.trim() !== '') parts.push(`<p>${escapeHtml(paragraph.trim())}</p>`);
  }
  if (section.svg !== undefined) parts.push(`<figure>${sanitizeSvg(section.svg, `s${index + 1}-`)}</figure>`);
  if (section.table) parts.push(tableHtml(section.table.headers, section.table.rows));
  parts.push(`</section>`);
  return parts.join('\n');
}

/** A complete HTML document with no external resources; every string is escaped, every SVG sanitised. */
export function renderHtmlReport(input: HtmlReportInput): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>\n${css}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(input.title)}</h1>`,
    metaHtml(input.meta),
    ...input.sections.map(sectionHtml),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
