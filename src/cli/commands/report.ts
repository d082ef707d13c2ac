// `spinspice report DIR`: a self-contained HTML page (inline SVG figures, tables, seeds, versions, hashes) from a run folder.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/atomic.ts';
import { renderHtmlReport } from '../../report/html.ts';
import { buildRunReport } from '../../report/runReport.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write DIR/report.html from what a run folder holds (training, back-annotation, validation, noise and mismatch studies)')
    .argument('<dir>', 'run folder')
    .option('--out <file>', 'HTML file to write (default DIR/report.html)')
    .action(async (dir: string, o: { out?: string }) => {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('is not a folder', 'dir', dir);
      let input;
      try {
        input = await buildRunReport(dir);
      } catch (e) {
        throw new InputError((e as Error).message, 'dir', dir);
      }
      const out = o.out ?? join(dir, 'report.html');
      writeFileAtomic(out, renderHtmlReport(input));
      process.stdout.write(`wrote ${out} (${input.sections.length} sections)\n`);
    });
}
