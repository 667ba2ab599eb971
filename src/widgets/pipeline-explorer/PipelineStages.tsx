import { memo } from 'react';
import { DataTable, type ParamValues, type TokenItem } from '../../ui';
import { matrixToArrays } from '../../nlp';
import type { PipelineResult } from './pipeline';
import type { explorerSchema } from './schema';
import { Stage, TokenLists, TOKENS_SHOWN } from './Stage';
import { TokenGrid } from './TokenGrid';

/** Rows of the padded matrix shown before the table's "more rows". */
const DOCS_MATRIX = 12;

/** Props of {@link PipelineStages}. */
export interface PipelineStagesProps {
  /** The pipeline's output. */
  result: PipelineResult;
  /** The explorer's settings (for the stage descriptions). */
  values: ParamValues<typeof explorerSchema>;
}

/**
 * Stages 1 to 7 of the explorer, drawn from a result. Memoized: typing in the text box does not
 * redraw them until a new result arrives. Each stage draws at most a bounded number of tokens per
 * document, so drawing takes bounded time however long a document is.
 */
export const PipelineStages = memo(function PipelineStages({
  result,
  values: v,
}: PipelineStagesProps) {
  const oovId = result.oovToken ? 1 : null;
  const seqItems: TokenItem[][] = result.sequences.map((seq) =>
    seq.slice(0, TOKENS_SHOWN).map((i) => ({
      text: result.indexWord.get(i) ?? '?',
      id: i,
      kind: i === oovId ? 'oov' : 'word',
    })),
  );
  let oovCount = 0;
  let seqTokens = 0;
  for (const seq of result.sequences) {
    seqTokens += seq.length;
    for (const i of seq) if (i === oovId) oovCount++;
  }
  const matrixRows = matrixToArrays(result.padded);
  return (
    <div className="pe-stages">
      <section className="pe-stage" aria-label="Stages 1 to 4: tokens to kept tokens">
        <h4 className="pe-stage-title">1–4. Tokens → normalized → stems → kept</h4>
        <p className="w-hint">
          {v.tokenizer === 'keras'
            ? 'Keras tokenizer: every filter character becomes a space, then the text is split on spaces. '
            : 'Unicode word tokenizer: words, numbers, URLs, emails, emoji and punctuation are told apart. '}
          Then Unicode {v.normalization === 'none' ? '(no normalization)' : v.normalization}
          {v.lowercase ? ' and lowercasing' : ', case kept'};{' '}
          {v.stemming ? 'Porter stems' : 'no stemming'}; punctuation
          {v.stopwords
            ? ` and ${v.stopword_lang === 'en' ? 'English' : 'Korean'} stopwords (stopwords-iso)`
            : ''}{' '}
          removed. Highlighted cells changed at that stage; hover a cell to see why.
        </p>
        <TokenGrid
          tokens={result.tokens}
          normalized={result.normalized}
          stems={result.stems}
          marked={result.marked}
        />
      </section>
      <Stage
        id="vocabulary"
        title="5. Vocabulary"
        description={`Ranked by count (ties: first seen first). Index 0 is reserved for padding${oovId ? `; the OOV token ${v.oov_token} has index 1` : ''}. ${v.num_words > 0 ? `num_words = ${v.num_words} keeps indices below ${v.num_words}.` : 'No num_words limit.'}`}
      >
        <DataTable
          caption="Vocabulary (word_index)"
          columns={['word', 'count', 'documents', 'index', 'kept']}
          rows={result.vocabulary.map((r) => [
            r.word,
            r.oov ? null : r.count,
            r.oov ? null : r.docs,
            r.index,
            r.kept ? 'yes' : 'no → OOV',
          ])}
          maxRows={12}
          cellTone={(val, _r, c) => (c === 4 && val !== 'yes' ? 'danger' : undefined)}
        />
      </Stage>
      <Stage
        id="sequences"
        title="6. Integer sequences"
        description={
          oovId
            ? `Each token becomes its index; ${oovCount} tokens fall outside the vocabulary and become 1 (OOV).`
            : `Without an OOV token, unknown words are silently dropped (${result.tokenCount - seqTokens} tokens lost).`
        }
      >
        <TokenLists
          docs={seqItems}
          lengths={result.sequences.map((s) => s.length)}
          label="Id sequences"
        />
      </Stage>
      <Stage
        id="padded"
        title="7. Padded matrix"
        description={`Shape ${result.padded.rows} × ${result.padded.cols}: padding="${v.padding}", truncating="${v.truncating}". Zeros (PAD) are dimmed.`}
      >
        <DataTable
          caption={`Padded matrix (${result.padded.rows} × ${result.padded.cols})`}
          columns={Array.from({ length: result.padded.cols }, (_, j) => ({
            label: String(j),
            align: 'end' as const,
          }))}
          rows={matrixRows}
          rowHeaders={matrixRows.map((_, i) => `doc ${i + 1}`)}
          maxRows={DOCS_MATRIX}
          mono
          cellTone={(val) => (val === 0 ? 'muted' : val === oovId ? 'danger' : undefined)}
        />
      </Stage>
    </div>
  );
});
