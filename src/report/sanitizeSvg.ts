// Makes an SVG string safe to inline in an HTML page: no scripts, handlers, external references or id clashes.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../errors.ts';

const xmlOptions = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  suppressEmptyNode: true,
} as const;

/** Elements that run code, embed HTML, restyle the page or rewrite attributes over time. */
const droppedElements = new Set(['script', 'foreignobject', 'style', 'set', 'animate', 'animatemotion', 'animatetransform', 'iframe']);

/** A node of fast-xml-parser's preserveOrder tree: one element name -> children, attributes under ':@'. */
type XmlNode = { [name: string]: XmlNode[] | string | Record<string, string> | undefined; ':@'?: Record<string, string> };

const localName = (name: string) => (name.split(':').pop() ?? name).toLowerCase();
const elementName = (node: XmlNode) => Object.keys(node).find((k) => k !== ':@') ?? '';

/** An attribute is kept unless it is an event handler, a non-local link, or a value pointing outside the document. */
function keepAttribute(name: string, value: string): boolean {
  const local = localName(name);
  if (local.startsWith('on')) return false;
  if (local === 'href') return value.startsWith('#');
  if (/^\s*(javascript|vbscript|data):/i.test(value)) return false;
  return !/url\(\s*(?!['"]?#)/i.test(value);
}

function clean(nodes: XmlNode[], ids: Set<string>): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    const name = elementName(node);
    if (name === '#text' || name === '') {
      out.push(node);
      continue;
    }
    if (name.startsWith('?') || droppedElements.has(localName(name))) continue;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(node[':@'] ?? {})) {
      if (!keepAttribute(k, v)) continue;
      attrs[k] = v;
      if (k === 'id') ids.add(v);
    }
    const kept: XmlNode = { [name]: clean(node[name] as XmlNode[], ids) };
    if (Object.keys(attrs).length > 0) kept[':@'] = attrs;
    out.push(kept);
  }
  return out;
}

/** Prefix every id and its url(#id) / href="#id" uses so several SVGs can share one HTML page. */
function prefixIds(nodes: XmlNode[], ids: Set<string>, prefix: string): void {
  const rename = (v: string) =>
    v.replace(/url\(\s*(['"]?)#([^)'"]+)\1\s*\)/g, (m, q: string, id: string) => (ids.has(id) ? `url(${q}#${prefix}${id}${q})` : m));
  for (const node of nodes) {
    const attrs = node[':@'];
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'id') attrs[k] = prefix + v;
        else if (localName(k) === 'href' && ids.has(v.slice(1))) attrs[k] = `#${prefix}${v.slice(1)}`;
        else attrs[k] = rename(v);
      }
    }
    const children = node[elementName(node)];
    if (Array.isArray(children)) prefixIds(children, ids, prefix);
  }
}

/**
 * Parse `svg` as XML and return one `<svg>` element without scripts, foreignObject, style/animation elements,
 * on* handlers, non-fragment hrefs, javascript:/data: values or external url(...) references; ids get `idPrefix`.
 * Throws InputError on malformed XML, a DOCTYPE, or a root other than a single <svg>.
 */
export function sanitizeSvg(svg: string, idPrefix: string): string {
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) throw new InputError('DOCTYPE/ENTITY declarations are not allowed', 'svg');
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new InputError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`, 'svg');
  const ids = new Set<string>();
  const roots = clean(new XMLParser(xmlOptions).parse(svg) as XmlNode[], ids).filter((n) => elementName(n) !== '#text');
  if (roots.length !== 1 || localName(elementName(roots[0])) !== 'svg') throw new InputError('root must be a single <svg> element', 'svg');
  prefixIds(roots, ids, idPrefix);
  return new XMLBuilder(xmlOptions).build(roots) as string;
}
