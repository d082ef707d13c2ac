// Test helper: runs the CLI in-process with stdout and stderr captured; returns the exit code and both streams.
import { main } from '../../src/cli/main.ts';

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const [write, writeErr] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  let out = '';
  let err = '';
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), out, err };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}
