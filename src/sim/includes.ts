// Inlines `.include` / `.lib` files into one deck (the WASM engine has no host file system), keeping a line map for errors.
import { readFileSync, existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';

export interface InlinedDeck {
  text: string;
  /** Expanded line number (1-based) -> original file and line. */
  origin(n: number): { number: number; text: string; file?: string };
}

/** Model cards the WASM engine ships at its file-system root, with the repository copy native ngspice reads instead. */
const ENGINE_LIBRARIES: Record<string, string> = {
  '/sm141064.ngspice': fileURLToPath(new URL('../../models/pdk/gf180/sm141064.ngspice', import.meta.url)),
};

/** Files the engine ships in its own virtual file system (left as .include lines). */
const ENGINE_FILES = /^(modelcard\.|\.?ptm|\.?freepdk|\.?skywater|\.?gf180)/i;

/**
 * Replace `.include FILE` lines by the file's text, looked up in `files` (in-memory libraries) then in `baseDir`.
 * Model cards shipped inside the WASM engine are left for the engine to resolve.
 */
export function inlineIncludes(deck: string, baseDir: string | undefined, files: Record<string, string> = {}, keepEngineFiles = true): InlinedDeck {
  const out: string[] = [];
  const map: { number: number; text: string; file?: string }[] = [];
  const expand = (text: string, file: string | undefined, depth: number) => {
    text.split(/\r?\n/).forEach((line, i) => {
      const include = /^\s*\.include\s+["']?([^"'\s]+)["']?\s*$/i.exec(line);
      const lib = /^(\s*\.lib\s+)(\S+)(.*)$/i.exec(line);
      if (lib && !keepEngineFiles && ENGINE_LIBRARIES[lib[2]]) {
        out.push(`${lib[1]}${ENGINE_LIBRARIES[lib[2]]}${lib[3]}`);
        map.push(file ? { number: i + 1, text: line, file } : { number: i + 1, text: line });
      } else if (include && !(keepEngineFiles && ENGINE_FILES.test(include[1])) && depth < 8) {
        const name = include[1];
        let body = files[name];
        if (body === undefined) {
          const path = isAbsolute(name) ? name : baseDir ? join(baseDir, name) : name;
          if (!existsSync(path)) throw new InputError(`.include file not found: ${name} (looked in ${baseDir ?? 'the working directory'})`, `line ${i + 1}`, file);
          body = readFileSync(path, 'utf8');
        }
        expand(body, name, depth + 1);
      } else {
        out.push(line);
        map.push(file ? { number: i + 1, text: line, file } : { number: i + 1, text: line });
      }
    });
  };
  expand(deck, undefined, 0);
  return { text: out.join('\n'), origin: (n) => map[n - 1] ?? { number: n, text: '' } };
}
