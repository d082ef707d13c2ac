// Rewrites one generated section of a Markdown file, delimited by <!-- key:begin --> and <!-- key:end -->.
import { InputError } from '../errors.ts';

const markers = (key: string) => [`<!-- ${key}:begin -->`, `<!-- ${key}:end -->`] as const;

/**
 * Return `markdown` with the text between the key's begin and end markers replaced by `body`
 * (markers kept on their own lines); if the markers are absent, the section is appended at the end.
 * Everything outside the markers is left byte-for-byte. Throws on a malformed key or unpaired/repeated markers.
 */
export function replaceSection(markdown: string, key: string, body: string): string {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(key)) throw new InputError(`"${key}" must be letters, digits, '.', '_' or '-'`, 'key');
  const [begin, end] = markers(key);
  const count = (s: string) => markdown.split(s).length - 1;
  const [nBegin, nEnd] = [count(begin), count(end)];
  if (body.includes(begin) || body.includes(end)) throw new InputError(`must not contain the section's own markers`, 'body');
  const block = `${begin}\n${body.replace(/\n+$/, '')}\n${end}`;
  if (nBegin === 0 && nEnd === 0) {
    const sep = markdown === '' ? '' : markdown.endsWith('\n\n') ? '' : markdown.endsWith('\n') ? '\n' : '\n\n';
    return `${markdown}${sep}${block}\n`;
  }
  const i = markdown.indexOf(begin);
  const j = markdown.indexOf(end);
  if (nBegin !== 1 || nEnd !== 1 || j < i) throw new InputError(`needs exactly one "${begin}" followed by one "${end}"`, 'markdown');
  return markdown.slice(0, i) + block + markdown.slice(j + end.length);
}

/** The text between the key's markers (without surrounding newlines), or undefined if the section is absent. */
export function readSection(markdown: string, key: string): string | undefined {
  const [begin, end] = markers(key);
  const i = markdown.indexOf(begin);
  const j = markdown.indexOf(end);
  if (i < 0 || j < i) return undefined;
  return markdown.slice(i + begin.length, j).replace(/^\n/, '').replace(/\n$/, '');
}
