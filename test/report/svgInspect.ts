// Test helper: parse an SVG with fast-xml-parser and count vega marks, texts and ids.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false });
const nameOf = (n: Node) => Object.keys(n).find((k) => k !== ':@') ?? '';

function walk(nodes: Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    const children = n[nameOf(n)];
    if (Array.isArray(children)) walk(children as Node[], visit);
  }
}

export function wellFormed(svg: string): boolean {
  return XMLValidator.validate(svg) === true;
}

/** Number of drawn items of one vega mark type (line, area, symbol, rect), excluding axes and legends. */
export function countMarks(svg: string, type: string): number {
  let count = 0;
  walk(parser.parse(svg) as Node[], (n) => {
    const cls = n[':@']?.class ?? '';
    if (nameOf(n) === 'g' && cls.split(' ').includes(`mark-${type}`) && cls.split(' ').includes('role-mark')) {
      count += (n.g as Node[]).filter((c) => nameOf(c) !== '#text').length;
    }
  });
  return count;
}

/** Every text element's content. */
export function texts(svg: string): string[] {
  const out: string[] = [];
  walk(parser.parse(svg) as Node[], (n) => {
    if (nameOf(n) === 'text') out.push((n.text as Node[]).map((c) => String(c['#text'] ?? '')).join(''));
  });
  return out;
}
