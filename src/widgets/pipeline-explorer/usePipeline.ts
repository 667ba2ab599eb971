import { useEffect, useMemo, useRef, useState } from 'react';
import {
  DEFAULT_PIPELINE_OPTIONS,
  runPipeline,
  type PipelineOptions,
  type PipelineResult,
} from './pipeline';
import { PipelineClient } from './pipelineClient';

/**
 * Texts up to this many characters run in place, synchronously (a few milliseconds); longer
 * ones run in the worker, so the page never waits for them.
 */
export const INLINE_MAX_CHARS = 2_000;

const EMPTY = runPipeline('', DEFAULT_PIPELINE_OPTIONS);

/** What {@link usePipeline} returns. */
export interface PipelineState {
  /** The newest result: of the current text, or of an earlier one while `pending`. */
  result: PipelineResult;
  /** True while the worker works on the current text and settings. */
  pending: boolean;
  /** Why the pipeline failed, or null. */
  error: string | null;
}

/**
 * The pipeline's result for `text` and `options` (pass a stable `options` object: a new one
 * reruns the pipeline). Short texts are processed in place; long ones in a Web Worker, newest
 * request first, showing the previous result meanwhile.
 */
export function usePipeline(text: string, options: PipelineOptions): PipelineState {
  const inline = text.length <= INLINE_MAX_CHARS;
  const inlineResult = useMemo(
    () => (inline ? runPipeline(text, options) : null),
    [inline, text, options],
  );
  const [remote, setRemote] = useState<{
    text: string;
    options: PipelineOptions;
    result: PipelineResult;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const client = useRef<PipelineClient | null>(null);
  // The last result shown, so a long text shows the previous stages until its own arrive.
  const [last, setLast] = useState<PipelineResult | null>(inlineResult);
  if (inlineResult !== null && inlineResult !== last) setLast(inlineResult);

  useEffect(() => {
    const c = new PipelineClient();
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
    };
  }, []);

  useEffect(() => {
    if (inline || !client.current) return;
    let live = true;
    client.current.run(text, options).then(
      (result) => {
        if (live && result) {
          setRemote({ text, options, result });
          setLast(result);
          setError(null);
        }
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [inline, text, options]);

  const fresh = remote !== null && remote.text === text && remote.options === options;
  const result = inlineResult ?? (fresh ? remote.result : (last ?? EMPTY));
  return { result, pending: !inline && !fresh, error };
}
