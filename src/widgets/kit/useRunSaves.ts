import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { RunCapture } from '../../train/runner-types';
import type { WeightSnapshot } from '../../train/types';
import { downloadFile, type Schema } from '../../ui';
import { indexedDbStore, type KeyValueStore } from './keyValueStore';
import { RunSaver, type SaverState } from './runSaver';
import {
  SAVE_FORMAT,
  buildId,
  incompatibility,
  savedAtText,
  type SaveExpectation,
  type SaveHeader,
} from './saveFormat';
import type { TrainingWidget } from './useTrainingWidget';
import { decodeWeightsFile, encodeWeightsFile, weightsFileName } from './weightsFile';

let pageStore: KeyValueStore | null = null;
/** The page's one IndexedDB store of saved runs, opened on first use. */
const defaultStore = (): KeyValueStore => (pageStore ??= indexedDbStore());

/** A message about a weights file: loaded (info) or refused (warning). */
export interface FileMessage {
  tone: 'info' | 'warning';
  text: string;
}

/** What {@link useRunSaves} returns to the shell. */
export interface RunSaves {
  saver: SaverState;
  /** The found save's header when it can be continued here and no run has started, else null. */
  offer: SaveHeader | null;
  /**
   * Why the found save may not be continued here (other settings or code): a note, not an
   * error (the reader may simply have other settings in the URL).
   */
  refusal: string | null;
  /** Why a save or weights file failed to load (other shapes, damaged): a warning. */
  failure: string | null;
  continueRun: () => Promise<void>;
  discard: () => void;
  dismiss: () => void;
  /** Deletes the save, then the trainer's Reset. */
  reset: () => void;
  /** Downloads the model's weights (when a model exists). */
  downloadWeights: () => Promise<void>;
  /** Loads a weights file into a fresh run, after the same checks as a save. */
  loadWeights: (file: File) => Promise<void>;
  fileMessage: FileMessage | null;
  dismissFileMessage: () => void;
}

/** A run that starts from `weights`: step 0, no history, a fresh optimiser. */
function runFromWeights(weights: WeightSnapshot): RunCapture {
  const empty = (cols: string[]) => ({
    columns: Object.fromEntries(cols.map((c) => [c, [] as number[]])) as never,
    stride: 1,
    offered: 0,
  });
  return {
    step: 0,
    epoch: 0,
    latest: {},
    history: empty(['step', 'epoch', 'loss']),
    evalHistory: empty(['step', 'epoch']),
    state: { weights, optimizer: null, step: 0 },
  };
}

const messageOf = (err: unknown) => (err as Error)?.message ?? String(err);

/**
 * Saved runs and weights files for a training widget, with no code of its own (the shell calls
 * it): finds this widget's save at mount and offers to continue it (or says why it may not be),
 * saves the run in IndexedDB on Pause, Step, at the end and every few seconds (longer for a large
 * model: `RunSaver.nextSaveDelay`) while training, deletes it on Reset, and downloads / loads the weights as a file. A widget turns it
 * off with `TrainingSpec.saves: false`; a task without `getTrainingState` is never saved (its
 * weights can still be downloaded and loaded).
 *
 * @param storage - where saves live (default: the page's IndexedDB store).
 */
export function useRunSaves<Sch extends Schema, D, X extends object>(
  tw: TrainingWidget<Sch, D, X>,
  schema: Sch,
  values: Record<string, unknown>,
  storage?: KeyValueStore,
): RunSaves {
  const { controller, rs } = tw;
  const { spec } = controller;
  const enabled = spec.saves !== false;
  const build = buildId(spec.modelVersion);
  const [saver] = useState(() => new RunSaver(storage ?? defaultStore(), spec.id, build));
  const state = useSyncExternalStore(saver.subscribe, saver.getState, saver.getState);
  const [fileMessage, setFileMessage] = useState<FileMessage | null>(null);
  const status = rs?.status ?? 'idle';
  const step = rs?.step ?? 0;

  useEffect(() => {
    if (enabled) void saver.check();
  }, [saver, enabled]);

  const save = useCallback(
    () => saver.save(() => controller.captureRun(), controller.getState().applied ?? {}),
    [saver, controller],
  );
  // On Pause, Step and at the end: once per step reached.
  const savedStep = useRef(-1);
  useEffect(() => {
    if (!enabled || !(status === 'paused' || status === 'done') || step === savedStep.current)
      return;
    savedStep.current = step;
    void save();
  }, [enabled, status, step, save]);
  // While training: every few seconds, less often for a large model (the runner copies the
  // state between two steps; `nextSaveDelay` is read after each save, from its size).
  useEffect(() => {
    if (!enabled || status !== 'running') return;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const next = () => {
      if (!stopped) timer = setTimeout(() => void save().then(next), saver.nextSaveDelay());
    };
    next();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [enabled, status, save, saver]);

  const want: SaveExpectation = {
    widget: spec.id,
    build,
    settings: values,
    runKeys: Object.keys(schema).filter((k) => schema[k].restart),
    label: (k) => schema[k]?.label ?? k,
  };
  const found = state.found;
  const why = found ? incompatibility(found, want) : null;
  const where = (h: SaveHeader) => `at step ${h.step} (${savedAtText(h.savedAt)})`;
  const refusal = found && why ? `The run saved ${where(found)} was not loaded: ${why}.` : null;

  return {
    saver: state,
    offer: found && !why && status === 'idle' ? found : null,
    refusal,
    failure: state.refused,
    async continueRun() {
      const save = saver.take();
      if (!save) return;
      const reason = incompatibility(save, want);
      if (reason) return saver.refuse(`The run saved ${where(save)} was not loaded: ${reason}.`);
      try {
        await controller.resumeRun(save.run, values as never);
        savedStep.current = save.step;
      } catch (err) {
        saver.refuse(`The run saved ${where(save)} was not loaded: ${messageOf(err)}.`);
      }
    },
    discard: () => void saver.discard(),
    dismiss: () => saver.dismiss(),
    reset() {
      void saver.discard();
      tw.reset();
    },
    async downloadWeights() {
      const current = await controller.currentWeights();
      if (!current) return;
      const settings = (controller.getState().applied ?? values) as Record<string, unknown>;
      const header = { format: SAVE_FORMAT, build, widget: spec.id, settings, step: current.step };
      const bytes = encodeWeightsFile({
        header: { ...header, savedAt: Date.now() },
        weights: current.weights,
      });
      const blob = new Blob([bytes as BlobPart], { type: 'application/octet-stream' });
      downloadFile(blob, weightsFileName(spec.id, current.step));
    },
    async loadWeights(file) {
      const refuse = (text: string) => setFileMessage({ tone: 'warning', text });
      try {
        const { header, weights } = decodeWeightsFile(new Uint8Array(await file.arrayBuffer()));
        const reason = incompatibility(header, want);
        if (reason) return refuse(`${file.name} was not loaded: ${reason}.`);
        await controller.resumeRun(runFromWeights(weights), values as never);
        setFileMessage({
          tone: 'info',
          text: `Loaded the weights of ${file.name} (trained for ${header.step} steps). Play trains on from them with a fresh optimiser.`,
        });
      } catch (err) {
        refuse(`${file.name} was not loaded: ${messageOf(err).replace(/\.$/, '')}.`);
      }
    },
    fileMessage,
    dismissFileMessage: () => setFileMessage(null),
  };
}
