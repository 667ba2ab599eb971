/**
 * The layering of src/ is enforced by ESLint (eslint.config.js, `no-restricted-imports` per folder
 * and depth, `no-restricted-globals` in the pure layers). These tests lint small sources as if they
 * lived at given paths, so a config change that stops catching a back-import fails here.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The messages ESLint gives `code` placed at `filePath` (relative to the repo root). */
async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering (eslint.config.js)', () => {
  it('src/nlp imports nothing of ours and touches no browser global', async () => {
    const m = await lint(
      'src/nlp/ngram/probe.ts',
      "import { TrainingRunner } from '../../train';\nimport { x } from './models';\nexport const p = [TrainingRunner, x, document.title];\n",
    );
    expect(m.join('\n')).toMatch(
      /'\.\.\/\.\.\/train' import is restricted.*src\/nlp may import only itself/,
    );
    expect(m.join('\n')).toMatch(/no-restricted-globals: .*document/);
    // './models' inside src/nlp/ngram is nlp's own file, not src/models.
    expect(m.some((s) => s.includes("'./models'"))).toBe(false);
  });

  it('src/models may import train and nlp, never ui, React or the DOM', async () => {
    const ok = await lint(
      'src/models/probe.ts',
      "import { TrainingRunner } from '../train';\nimport { Tokenizer } from '../nlp';\nexport const p = [TrainingRunner, Tokenizer];\n",
    );
    expect(ok).toEqual([]);
    const bad = await lint(
      'src/models/rnn/probe.ts',
      "import { useState } from 'react';\nimport { Controls } from '../../ui';\nexport const p = [useState, Controls, window.innerWidth];\n",
    );
    expect(bad).toHaveLength(3);
  });

  it('a widget never imports a sibling widget; kit and common are shared', async () => {
    const m = await lint(
      'src/widgets/word2vec/probe.ts',
      "import { a } from '../sentiment-classifier/spec';\nimport { b } from '../common/options';\nimport { c } from '../kit';\nexport const p = [a, b, c];\n",
    );
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/never imports a sibling widget/);
  });

  it('the kit imports no widget and nothing of common', async () => {
    const m = await lint(
      'src/widgets/kit/probe.ts',
      "import { b } from '../common/options';\nexport const p = [b];\n",
    );
    expect(m.join('\n')).toMatch(/src\/widgets\/kit imports no widget/);
  });

  it('src/train may use browser APIs (behind guards) but never React', async () => {
    const ok = await lint(
      'src/train/probe.ts',
      "export const p = typeof window !== 'undefined' ? window.location.search : '';\n",
    );
    expect(ok).toEqual([]);
    const bad = await lint(
      'src/train/probe.ts',
      "import { useState } from 'react';\nexport const p = useState;\n",
    );
    expect(bad.join('\n')).toMatch(/never imports React/);
  });
});
