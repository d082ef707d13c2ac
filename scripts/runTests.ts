// Test entry (npm test): runs the uvu suite under tsx and exits when it is done, even if a worker or port is still open.
import { parse } from 'uvu/parse';
import { run } from 'uvu/run';

const [dir = 'test', pattern] = process.argv.slice(2);
const ctx = await parse(dir, pattern, { cwd: process.cwd() });
await run(ctx.suites, { bail: false });
process.exit(process.exitCode ?? 0);
