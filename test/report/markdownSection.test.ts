// replaceSection/readSection: only the keyed section changes, append when absent, round trips, errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/errors.ts';
import { readSection, replaceSection } from '../../src/report/index.ts';

const doc = '# Results\n\nintro\n\n<!-- mc:begin -->\nold table\n<!-- mc:end -->\n\n## Notes\nkeep me\n';

test('replaceSection rewrites only its own section and round-trips', () => {
  const out = replaceSection(doc, 'mc', '| a |\n|---|\n| 1 |\n');
  assert.is(out, '# Results\n\nintro\n\n<!-- mc:begin -->\n| a |\n|---|\n| 1 |\n<!-- mc:end -->\n\n## Notes\nkeep me\n');
  assert.is(readSection(out, 'mc'), '| a |\n|---|\n| 1 |');
  assert.is(replaceSection(out, 'mc', 'old table'), doc);
  assert.is(replaceSection(out, 'mc', '| a |\n|---|\n| 1 |'), out);
});

test('replaceSection appends an absent section and leaves other sections alone', () => {
  const out = replaceSection(doc, 'bench', 'fast');
  assert.ok(out.startsWith(doc));
  assert.is(out.slice(doc.length), '\n<!-- bench:begin -->\nfast\n<!-- bench:end -->\n');
  assert.is(readSection(out, 'mc'), 'old table');
  assert.is(replaceSection(replaceSection(out, 'bench', 'slow'), 'bench', 'fast'), out);
  assert.is(replaceSection('', 'k', 'v'), '<!-- k:begin -->\nv\n<!-- k:end -->\n');
  assert.is(replaceSection('text', 'k', 'v'), 'text\n\n<!-- k:begin -->\nv\n<!-- k:end -->\n');
  assert.is(readSection(doc, 'absent'), undefined);
});

test('replaceSection rejects bad keys, unpaired or repeated markers, and bodies holding markers', () => {
  const bad = (md: string, key: string, body = 'x') => assert.throws(() => replaceSection(md, key, body), (e: unknown) => e instanceof InputError);
  bad(doc, 'a b');
  bad(doc, '');
  bad('<!-- k:begin -->\nonly begin', 'k');
  bad('<!-- k:end -->\n<!-- k:begin -->', 'k');
  bad(doc + doc, 'mc');
  bad(doc, 'mc', 'sneaky <!-- mc:end -->');
});

test.run();
