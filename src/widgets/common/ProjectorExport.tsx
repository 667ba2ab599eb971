import { useId, useState } from 'react';
import { toEmbeddingProjector, type ProjectorFiles } from '../../nlp';
import { downloadFile } from '../../ui';
import './projectorExport.css';

/** Word vectors to export: `words[i]` labels row i of `vectors` (row-major `[words.length * dim]`). */
export interface ExportedVectors {
  words: readonly string[];
  vectors: Float32Array;
  dim: number;
}

/** Props of {@link ProjectorExport}. */
export interface ProjectorExportProps {
  /** The files' name stem, the widget's id: `<name>-vectors.tsv` and `<name>-metadata.tsv`. */
  name: string;
  /** What the vectors are, in a few words (e.g. "the input vectors of the vocabulary"). */
  what: string;
  /** Why there is nothing to export yet (the button is disabled and this is shown), or null. */
  disabledReason: string | null;
  /** Reads the vectors (from the widget's worker). A rejection is shown beside the button. */
  read: () => Promise<ExportedVectors>;
}

const TSV = 'text/tab-separated-values';

type ExportState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'done'; rows: number; dim: number; files: ProjectorFiles }
  | { status: 'error'; message: string };

/**
 * "Download for the Embedding Projector": reads a widget's word vectors and saves them as the two
 * TSV files projector.tensorflow.org's "Load" dialog takes (src/nlp/embeddingProjector.ts), one
 * `downloadFile` per file (and, once saved, a button per file, for browsers that hold back a
 * page's second download until the reader allows it). Disabled, with the reason shown, until there is something to export;
 * a failure (a diverged run's NaN, a stopped worker) is shown, not thrown. The root carries
 * `data-projector-export` = the status and, once saved, `data-rows` / `data-dim`.
 */
export function ProjectorExport({ name, what, disabledReason, read }: ProjectorExportProps) {
  const id = useId();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const busy = state.status === 'busy';
  const vectorsFile = `${name}-vectors.tsv`;
  const metadataFile = `${name}-metadata.tsv`;

  const save = async () => {
    setState({ status: 'busy' });
    try {
      const v = await read();
      // Let "Preparing…" paint: formatting a large vocabulary takes a moment.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const files = toEmbeddingProjector(v.words, v.vectors, v.dim);
      downloadFile(files.vectors, vectorsFile, TSV);
      downloadFile(files.metadata, metadataFile, TSV);
      setState({ status: 'done', rows: v.words.length, dim: v.dim, files });
    } catch (e) {
      setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const reason = disabledReason ?? null;
  return (
    <div
      className="w-projector-export"
      data-projector-export={reason ? 'disabled' : state.status}
      data-rows={state.status === 'done' ? state.rows : undefined}
      data-dim={state.status === 'done' ? state.dim : undefined}
    >
      <button
        type="button"
        className="ui-button ui-button-small"
        disabled={reason != null || busy}
        aria-describedby={`${id}-about`}
        onClick={() => void save()}
      >
        {busy ? 'Preparing…' : 'Download for the Embedding Projector'}
      </button>
      <p className="w-hint" id={`${id}-about`}>
        {reason ? (
          <span data-export-reason="">{reason} </span>
        ) : state.status === 'done' ? (
          <span role="status">
            Saved {state.rows.toLocaleString('en')} vectors of {state.dim} values.{' '}
          </span>
        ) : null}
        Two files, <code>{vectorsFile}</code> and <code>{metadataFile}</code>: {what}, one word per
        row. Open{' '}
        <a href="https://projector.tensorflow.org/" target="_blank" rel="noreferrer">
          projector.tensorflow.org
        </a>
        , press <em>Load</em> and choose them, to explore the vectors with PCA, t-SNE or UMAP.
      </p>
      {state.status === 'done' && !reason && (
        <p className="w-hint">
          Only one file arrived? Browsers may ask before a page saves two at once; save them one by
          one:
          <span className="w-projector-export-files">
            <button
              type="button"
              className="ui-button ui-button-small ui-button-quiet"
              onClick={() => downloadFile(state.files.vectors, vectorsFile, TSV)}
            >
              {vectorsFile}
            </button>
            <button
              type="button"
              className="ui-button ui-button-small ui-button-quiet"
              onClick={() => downloadFile(state.files.metadata, metadataFile, TSV)}
            >
              {metadataFile}
            </button>
          </span>
        </p>
      )}
      {state.status === 'error' && (
        <p className="w-projector-export-error" role="alert">
          The vectors could not be exported: {state.message}
        </p>
      )}
    </div>
  );
}
