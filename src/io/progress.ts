// Progress bars with ETA for long work (stderr, so stdout stays machine-readable).
import cliProgress from 'cli-progress';

export interface Progress {
  tick(n?: number, info?: Record<string, string | number>): void;
  stop(): void;
}

/** A progress bar over `total` units labelled `label`; silent when SPINSPICE_QUIET=1. */
export function startProgress(label: string, total: number): Progress {
  if (process.env.SPINSPICE_QUIET === '1') return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted} | {status}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { status: '' });
  return {
    tick(n = 1, info) {
      bar.increment(n, info ? { status: Object.entries(info).map(([k, v]) => `${k}=${v}`).join(' ') } : undefined);
    },
    stop() {
      bar.stop();
    },
  };
}
