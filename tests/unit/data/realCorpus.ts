/**
 * Test helper: the real prepared corpus files, made by scripts/prepare-data.mjs when absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

/** Path of public/data/<file>, running the prepare script first if it is missing. */
export function corpusPath(file: string): string {
  const path = join(root, 'public', 'data', file);
  if (!existsSync(path)) {
    execFileSync(process.execPath, [join(root, 'scripts', 'prepare-data.mjs')], {
      cwd: root,
      stdio: 'ignore',
    });
  }
  return path;
}

/** The real corpus file public/data/<file>, parsed with JSON.parse (not validated). */
export function readCorpusJson(file: string): unknown {
  return JSON.parse(readFileSync(corpusPath(file), 'utf8'));
}

/** Path of public/data/uci-sentences.json, running the prepare script first if it is missing. */
export const uciSentencesPath = (): string => corpusPath('uci-sentences.json');

/** The real UCI corpus file, parsed with JSON.parse (not validated). */
export const readUciJson = (): unknown => readCorpusJson('uci-sentences.json');
