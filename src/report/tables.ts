// Tables as text: GitHub Markdown (aligned, pipes escaped) and CSV (RFC 4180 quoting, LF line ends).
import { InputError } from '../errors.ts';

/** A table cell; null and undefined print as empty. Numbers print in JavaScript's shortest round-trip form. */
export type Cell = string | number | boolean | null | undefined;

const text = (cell: Cell) => (cell === null || cell === undefined ? '' : String(cell));

/** Throw unless there is a column and every row has one cell per header. */
export function checkTableShape(headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
  if (headers.length === 0) throw new InputError('needs at least one column', 'headers');
  rows.forEach((row, i) => {
    if (row.length !== headers.length) throw new InputError(`has ${row.length} cells, headers has ${headers.length}`, `rows[${i}]`);
  });
}

/** A Markdown table; columns whose cells are all numbers are right-aligned; `|` is escaped and line breaks become <br>. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  checkTableShape(headers, rows);
  const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n|\r/g, '<br>');
  const body = rows.map((row) => row.map((c) => escape(text(c))));
  const head = headers.map(escape);
  const numeric = headers.map((_, j) => rows.length > 0 && rows.every((row) => typeof row[j] === 'number'));
  const width = head.map((h, j) => body.reduce((w, row) => Math.max(w, row[j].length), Math.max(3, h.length)));
  const pad = (cells: string[]) => `| ${cells.map((c, j) => (numeric[j] ? c.padStart(width[j]) : c.padEnd(width[j]))).join(' | ')} |`;
  const rule = `|${width.map((w, j) => (numeric[j] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [pad(head), rule, ...body.map(pad)].join('\n') + '\n';
}

/** CSV text with a header line; a field is quoted when it holds a comma, quote, line break or edge space. */
export function csv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  checkTableShape(headers, rows);
  const field = (cell: Cell) => {
    const s = text(cell);
    return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
