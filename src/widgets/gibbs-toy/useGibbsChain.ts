/**
 * A collapsed Gibbs chain (GibbsLda) on the page's main thread, stepped by the reader or played
 * in an animation-frame loop. Each step is O(K) arithmetic on typed arrays (microseconds), and a
 * frame does at most MAX_STEPS_PER_FRAME steps, so play never makes a long task.
 */
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { GibbsLda } from '../../nlp';
import { MAX_DRAWS_PER_SECOND, MAX_STEPS_PER_FRAME } from './schema';

/** The chain's options (a change starts a new chain). */
export interface ChainOptions {
  docs: number[][] | null;
  nFeatures: number;
  k: number;
  alpha: number;
  beta: number;
  seed: number;
}

/** The log-likelihood log p(w | z) after each complete sweep (index 0: the initial state). */
export type LikelihoodTrace = { sweep: number; ll: number }[];

/**
 * @param speed steps per second while playing.
 * @returns the chain (null without a corpus), a render tick, play state and actions, the
 *   log-likelihood trace and the longest time one frame's steps took (ms).
 */
/** A chain with what the view shows beside the sampler's state. */
export class ToyChain {
  readonly lda: GibbsLda;
  /** log p(w | z) after each complete sweep. */
  trace: LikelihoodTrace;
  /** Longest time one animation frame's steps took, in ms. */
  maxFrameMs = 0;

  /** @throws GibbsLda's RangeErrors. */
  constructor(o: ChainOptions & { docs: number[][] }) {
    this.lda = new GibbsLda(o.docs, o.nFeatures, {
      nComponents: o.k,
      alpha: o.alpha,
      beta: o.beta,
      randomState: o.seed,
    });
    this.trace = [{ sweep: 0, ll: this.lda.logLikelihood() }];
  }

  /** `n` steps (recording the log-likelihood at the end of each sweep). */
  step(n = 1): void {
    for (let i = 0; i < n; i++) {
      this.lda.step();
      this.record();
    }
  }

  /** Steps to the end of the current sweep. */
  sweep(): void {
    this.lda.sweep();
    this.record();
  }

  private record(): void {
    if (this.lda.position === 0) {
      this.trace = [...this.trace, { sweep: this.lda.sweeps, ll: this.lda.logLikelihood() }];
    }
  }
}

/**
 * @param speed steps per second while playing.
 * @returns the chain (null without a corpus), a render tick, play state and actions.
 */
export function useGibbsChain(o: ChainOptions, speed: number) {
  const [generation, setGeneration] = useState(0);
  const { docs, nFeatures, k, alpha, beta, seed } = o;
  const chain = useMemo(
    () => (docs ? new ToyChain({ docs, nFeatures, k, alpha, beta, seed }) : null),
    // generation: Reset builds a fresh chain with the same options.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docs, nFeatures, k, alpha, beta, seed, generation],
  );
  const [tick, bump] = useReducer((n: number) => n + 1, 0);
  // Playing belongs to one chain: a new chain starts paused.
  const [play, setPlay] = useState<{ chain: ToyChain | null; on: boolean }>({
    chain: null,
    on: false,
  });
  const playing = play.on && play.chain === chain && chain !== null;
  const setPlaying = useCallback(
    (on: boolean | ((was: boolean) => boolean)) =>
      setPlay((p) => {
        const was = p.on && p.chain === chain;
        return { chain, on: typeof on === 'function' ? on(was) : on };
      }),
    [chain],
  );

  const step = useCallback(() => {
    chain?.step();
    bump();
  }, [chain]);

  const sweep = useCallback(() => {
    chain?.sweep();
    bump();
  }, [chain]);

  useEffect(() => {
    if (!playing || !chain) return;
    // The last steps between a redraw and the pause are shown on pausing.
    const show = () => bump();
    let raf = 0;
    let last = performance.now();
    let pending = 0;
    let drawn = 0;
    const frame = (now: number) => {
      pending = Math.min(pending + ((now - last) * speed) / 1000, MAX_STEPS_PER_FRAME);
      last = now;
      const n = Math.floor(pending);
      if (n > 0) {
        pending -= n;
        const t0 = performance.now();
        chain.step(n);
        chain.maxFrameMs = Math.max(chain.maxFrameMs, performance.now() - t0);
        // Redraw at most MAX_DRAWS_PER_SECOND times: the steps go on between redraws.
        if (now - drawn >= 1000 / MAX_DRAWS_PER_SECOND) {
          drawn = now;
          bump();
        }
      }
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      show();
    };
  }, [playing, chain, speed]);

  const reset = useCallback(() => setGeneration((g) => g + 1), []);
  return { chain, tick, playing, setPlaying, step, sweep, reset };
}
