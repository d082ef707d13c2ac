// Markdown and CSV tables: alignment, escaping, quoting round trip.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/errors.ts';
import { csv, markdownTable } from '../../src/report/index.ts';

test('markdownTable: aligned columns, numbers right-aligned, pipes and newlines escaped', () => {
  const md = markdownTable(['name', 'acc'], [['a|b', 0.95], ['two\nlines', 1], [null, 12.5]]);
  assert.is(
    md,
    ['| name         |  acc |', '|--------------|-----:|', '| a\\|b         | 0.95 |', '| two<br>lines |    1 |', '|              | 12.5 |', ''].join('\n'),
  );
});

test('markdownTable: mixed columns stay left-aligned; ragged rows rejected', () => {
  assert.is(markdownTable(['x'], [[1], ['n/a']]), '| x   |\n|-----|\n| 1   |\n| n/a |\n');
  assert.throws(() => markdownTable(['a', 'b'], [[1]]), (e: unknown) => e instanceof InputError && /rows\[0\]/.test((e as Error).message));
});

/** Minimal RFC 4180 reader to check that quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

test('csv: quotes only where needed and round-trips', () => {
  const rows = [['plain', 1.5, true], ['a,b', -2e-9, null], ['say "hi"', 0, undefined], ['line\nbreak', 3, ' pad ']];
  const text = csv(['name', 'value', 'flag'], rows);
  assert.is(text.split('\n')[0], 'name,value,flag');
  assert.is(text.split('\n')[1], 'plain,1.5,true');
  assert.ok(text.includes('"a,b",-2e-9,\n'));
  assert.ok(text.includes('"say ""hi""",0,\n'));
  assert.ok(text.endsWith('" pad "\n'));
  assert.equal(parseCsv(text), [
    ['name', 'value', 'flag'],
    ['plain', '1.5', 'true'],
    ['a,b', '-2e-9', ''],
    ['say "hi"', '0', ''],
    ['line\nbreak', '3', ' pad '],
  ]);
});

test.run();
