// Progress bars with ETA for long work (stderr, so stdout stays machine-readable).
import cliProgress from 'cli-progress';

export interface Progress {
  tick(n?: number, info?: Record<string, string | number>): void;
  stop(): void;
}

/** Interval (ms) of the plain progress lines written when stderr is no terminal (a log file). */
const LOG_LINE_MS = 5000;

/** A progress bar over `total` units labelled `label`; silent when SPINSPICE_QUIET=1. */
export function startProgress(label: string, total: number): Progress {
  if (process.env.SPINSPICE_QUIET === '1') return { tick() {}, stop() {} };
  const toLog = process.stderr.isTTY !== true;
  let lastLine = 0;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted} | {status}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: LOG_LINE_MS,
      hideCursor: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { status: '' });
  return {
    tick(n = 1, info) {
      bar.increment(n, info ? { status: Object.entries(info).map(([k, v]) => `${k}=${v}`).join(' ') } : undefined);
      // into a log the bar writes lines from a timer, which a synchronous loop (training, a kernel) starves: write them here
      if (toLog && Date.now() - lastLine >= LOG_LINE_MS) {
        bar.render();
        lastLine = Date.now();
      }
    },
    stop() {
      bar.stop();
    },
  };
}
