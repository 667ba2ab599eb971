/**
 * Test helper: the real prepared corpus file, made by scripts/prepare-data.mjs when absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

/** Path of public/data/uci-sentences.json, running the prepare script first if it is missing. */
export function uciSentencesPath(): string {
  const file = join(root, 'public', 'data', 'uci-sentences.json');
  if (!existsSync(file)) {
    execFileSync(process.execPath, [join(root, 'scripts', 'prepare-data.mjs')], {
      cwd: root,
      stdio: 'ignore',
    });
  }
  return file;
}

/** The real corpus file, parsed with JSON.parse (not validated). */
export function readUciJson(): unknown {
  return JSON.parse(readFileSync(uciSentencesPath(), 'utf8'));
}
