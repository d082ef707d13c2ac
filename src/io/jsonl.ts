// Append-only JSON Lines files: one fsynced write per record, and a reader that drops a line torn by a kill.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Complete records of a JSONL file. A last line without its newline (a write cut by SIGKILL) is cut off the file,
 * so the next append starts on a fresh line. A malformed complete line is an error naming the file and line.
 */
export function readJsonl<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
  return text
    .slice(0, end)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (e) {
        throw new Error(`${path}:${i + 1}: not a JSON record (${(e as Error).message})`);
      }
    });
}

/** An open JSONL file; `append` writes one record as one line with a single write and fsyncs it. */
export class JsonlAppender {
  private readonly fd: number;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  append(record: unknown): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
