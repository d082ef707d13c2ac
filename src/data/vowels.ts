// Hillenbrand et al. (1995) vowel formants (data/vowels/, shipped with the project): steady-state F1, F2 per token.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The 12 vowel codes of the data set, with the word each was recorded in. */
export const VOWEL_WORDS = {
  ae: 'had',
  ah: 'hod',
  aw: 'hawed',
  eh: 'head',
  er: 'heard',
  ei: 'haid',
  ih: 'hid',
  iy: 'heed',
  oa: 'hoed',
  oo: 'hood',
  uh: 'hud',
  uw: "who'd",
} as const;
export type Vowel = keyof typeof VOWEL_WORDS;
export const VOWELS = Object.keys(VOWEL_WORDS) as Vowel[];

export type SpeakerGroup = 'man' | 'woman' | 'boy' | 'girl';

/** One recorded vowel: speaker, vowel and steady-state formants (Hz). */
export interface VowelToken {
  readonly file: string;
  readonly group: SpeakerGroup;
  readonly talker: string;
  readonly vowel: Vowel;
  readonly F1: number;
  readonly F2: number;
}

const VOWELS_CSV = fileURLToPath(new URL('../../data/vowels/hillenbrand1995_vowdata.csv', import.meta.url));

/** Every token whose steady-state F1 and F2 were measurable (F2_ss = 0 marks 10 unmeasurable tokens, which are dropped). */
export function loadVowelTokens(path = VOWELS_CSV): VowelToken[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const at = (name: string) => {
    const j = columns.indexOf(name);
    if (j < 0) throw new Error(`${path}: no column ${name}`);
    return j;
  };
  const [file, group, talker, vowel, F1, F2] = ['file', 'group', 'talker', 'vowel', 'F1_ss', 'F2_ss'].map(at);
  const tokens: VowelToken[] = [];
  for (const line of lines) {
    const v = line.split(',');
    if (!(v[vowel] in VOWEL_WORDS)) throw new Error(`${path}: unknown vowel ${v[vowel]} in ${v[file]}`);
    const f1 = Number(v[F1]);
    const f2 = Number(v[F2]);
    if (!(f1 > 0 && f2 > 0)) continue;
    tokens.push({ file: v[file], group: v[group] as SpeakerGroup, talker: v[talker], vowel: v[vowel] as Vowel, F1: f1, F2: f2 });
  }
  if (tokens.length !== 1658) throw new Error(`${path}: expected 1658 measurable tokens, got ${tokens.length}`);
  return tokens;
}
