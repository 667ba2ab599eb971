import { useEffect, useMemo, useState } from 'react';
import { wordTokenize } from '../../nlp';
import { Controls, WidgetFrame, WidgetMessage, useHyperparams } from '../../ui';
import '../kit/widgets.css';
import './conv.css';
import { convLayout, pseudoEmbedding, tokenAt, type ConvLayout } from './convArithmetic';
import { FormulaPanel } from './FormulaPanel';
import {
  CONV_PREFIX,
  MAX_TOKENS,
  convPresets,
  convSchema,
  paddingOf,
  type ConvSettings,
} from './schema';
import { SentenceMatrix, windowText } from './SentenceMatrix';

/** Milliseconds per output position while playing. */
const STEP_MS = 900;

/** The layout for the settings, or the reason there is none. */
function layoutOf(T: number, v: ConvSettings): { layout: ConvLayout | null; error: string | null } {
  if (T === 0) return { layout: null, error: null };
  try {
    return {
      layout: convLayout(T, v.kernel, {
        stride: v.stride,
        padding: paddingOf(v),
        dilation: v.dilation,
      }),
      error: null,
    };
  } catch (e) {
    return { layout: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Chapter 11's convolution arithmetic: an editable sentence drawn as a matrix (one row per
 * token, d embedding cells each, zero rows of padding), the kernel width k, stride s, padding and
 * dilation r of a 1-D convolution as controls, the output length T_out computed with PyTorch's
 * formula filled in, and every output position drawn; hovering, focusing or clicking one (or
 * Play, which steps through them) highlights the input rows its window reads. No training: the
 * embedding colours are made up per word. Settings live in the URL under `ca.` keys.
 */
export function ConvArithmetic() {
  const hp = useHyperparams(convSchema, { prefix: CONV_PREFIX, presets: convPresets });
  const v = hp.values;
  const [picked, setPicked] = useState(0);
  const [playing, setPlaying] = useState(false);

  const allTokens = useMemo(() => wordTokenize(v.sentence).map((t) => t.text), [v.sentence]);
  const tokens = useMemo(() => allTokens.slice(0, MAX_TOKENS), [allTokens]);
  const T = tokens.length;
  const vectors = useMemo(() => tokens.map((t) => pseudoEmbedding(t, v.dim)), [tokens, v.dim]);
  const { layout, error } = layoutOf(T, v);
  const n = layout?.outputLength ?? 0;
  const active = Math.min(picked, Math.max(0, n - 1));

  useEffect(() => {
    if (!playing) return;
    const timer = window.setTimeout(() => {
      if (active >= n - 1) setPlaying(false);
      else setPicked(active + 1);
    }, STEP_MS);
    return () => window.clearTimeout(timer);
  }, [playing, active, n]);

  const togglePlay = () => {
    if (!playing && active >= n - 1) setPicked(0);
    setPlaying(!playing && n > 0);
  };
  const step = () => {
    setPlaying(false);
    setPicked(n > 0 ? (active + 1) % n : 0);
  };
  const rewind = () => {
    setPlaying(false);
    setPicked(0);
  };
  const select = (i: number) => {
    setPlaying(false);
    setPicked(i);
  };

  const keys = (Object.keys(convSchema) as (keyof typeof convSchema)[]).filter(
    (k) => k !== 'pad' || v.padding === 'zeros',
  );

  return (
    <div className="w-root">
      <WidgetFrame
        settings={hp}
        id="conv-arithmetic"
        title="Convolution arithmetic on a sentence"
        subtitle="Slide a filter over the sentence matrix: choose its width, stride, padding and dilation, and point at an output to see the rows it reads."
        onTogglePlay={togglePlay}
        onStep={step}
        onReset={rewind}
        data={{
          outputs: layout ? n : undefined,
          active: layout ? active : undefined,
          tokens: T,
          playing: playing ? 'true' : 'false',
        }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        <div className="w-columns">
          <Controls
            schema={convSchema}
            values={v}
            onChange={hp.setValue}
            presets={convPresets}
            onPreset={hp.applyPreset}
            onReset={hp.reset}
            keys={keys}
            label="Convolution settings"
          />
          <div className="w-main ca-main">
            {allTokens.length > MAX_TOKENS && (
              <WidgetMessage tone="info">
                The sentence has {allTokens.length} tokens; the first {MAX_TOKENS} are drawn.
              </WidgetMessage>
            )}
            {T === 0 && (
              <WidgetMessage tone="info">
                Type a sentence: there are no tokens to draw.
              </WidgetMessage>
            )}
            {error && <WidgetMessage tone="error">No output: {error}</WidgetMessage>}
            <div className="ca-body">
              <div className="ca-info">
                <FormulaPanel T={T} settings={v} layout={layout} />
                {layout && n > 0 ? (
                  <>
                    <div
                      className="ca-transport"
                      role="group"
                      aria-label="Step through the outputs"
                    >
                      <button
                        type="button"
                        className="ui-button ui-button-small"
                        onClick={togglePlay}
                      >
                        {playing ? 'Pause' : 'Play'}
                      </button>
                      <button type="button" className="ui-button ui-button-small" onClick={step}>
                        Step
                      </button>
                      <button type="button" className="ui-button ui-button-small" onClick={rewind}>
                        Back to y1
                      </button>
                    </div>
                    <p className="ca-readout" aria-live="polite" data-window="">
                      {describe(tokens, layout, active)}
                    </p>
                    <p className="w-hint">
                      Cell colours stand for embedding values (blue positive, orange negative), made
                      up for each word: a trained model learns them (chapter 8). Each output is one
                      number per filter.
                    </p>
                  </>
                ) : null}
              </div>
              {layout && n > 0 ? (
                <div className="ca-scroll">
                  <SentenceMatrix
                    tokens={tokens}
                    vectors={vectors}
                    layout={layout}
                    active={active}
                    onActive={select}
                  />
                </div>
              ) : null}
            </div>
          </div>
        </div>
      </WidgetFrame>
    </div>
  );
}

/** "y3 reads rows 3, 4, 5: was not good", naming padding and skipped rows. */
function describe(tokens: readonly string[], layout: ConvLayout, i: number): string {
  const rows = layout.windows[i];
  const pads = rows.filter((q) => tokenAt(layout, q) === null).length;
  const skipped = rows.length > 1 ? layout.span - rows.length : 0;
  const positions = rows.map((q) => {
    const t = tokenAt(layout, q);
    return t === null ? '⟨0⟩' : String(t + 1);
  });
  const parts = [
    `y${i + 1} reads input position${rows.length > 1 ? 's' : ''} ${positions.join(', ')}: “${windowText(tokens, layout, i)}”.`,
  ];
  if (pads > 0)
    parts.push(`${pads} of its ${rows.length} rows ${pads > 1 ? 'are' : 'is'} padding (⟨0⟩).`);
  if (skipped > 0)
    parts.push(
      `Dilation skips ${skipped} row${skipped > 1 ? 's' : ''} inside its span of ${layout.span}.`,
    );
  return parts.join(' ');
}
