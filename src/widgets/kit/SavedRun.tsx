import { useRef } from 'react';
import { WidgetMessage } from '../../ui';
import { savedAtText } from './saveFormat';
import type { RunSaves } from './useRunSaves';

/**
 * The saved-run messages of a training widget: "Continue the run saved at step N (date)?" with
 * Continue and Discard; why a save is not offered (a note: other settings or code) or failed to
 * load (a warning), each with Discard; a storage error (training goes on); the result of loading
 * a weights file. Only failures are alerts: a save of other settings is not an error.
 */
export function SavedRunNotice({ saves }: { saves: RunSaves }) {
  const { offer, refusal, failure, saver, fileMessage } = saves;
  return (
    <>
      {offer && (
        <WidgetMessage tone="info">
          <span className="w-saved">
            Continue the run saved at step {offer.step} ({savedAtText(offer.savedAt)})?{' '}
            <button
              type="button"
              className="ui-button ui-button-small ui-button-primary"
              onClick={() => void saves.continueRun()}
            >
              Continue
            </button>{' '}
            <button type="button" className="ui-button ui-button-small" onClick={saves.discard}>
              Discard
            </button>
          </span>
        </WidgetMessage>
      )}
      {refusal && (
        <WidgetMessage tone="info">
          {refusal}{' '}
          <button type="button" className="ui-button ui-button-small" onClick={saves.discard}>
            Discard the saved run
          </button>
        </WidgetMessage>
      )}
      {failure && (
        <WidgetMessage tone="warning" onDismiss={saves.dismiss}>
          {failure}{' '}
          <button type="button" className="ui-button ui-button-small" onClick={saves.discard}>
            Discard the saved run
          </button>
        </WidgetMessage>
      )}
      {saver.error && (
        <WidgetMessage tone="warning" onDismiss={saves.dismiss}>
          {saver.error}
        </WidgetMessage>
      )}
      {fileMessage && (
        <WidgetMessage tone={fileMessage.tone} onDismiss={saves.dismissFileMessage}>
          {fileMessage.text}
        </WidgetMessage>
      )}
    </>
  );
}

/**
 * "Download weights" (a `.safetensors` file with the settings and versions) and "Load weights"
 * (a file picker): a trained model leaves the page and comes back into the same widget.
 *
 * @param hasModel - a model exists whose weights can be read (a step was taken).
 * @param ready - the engine is loaded (loading needs it).
 */
export function WeightsFiles({
  saves,
  hasModel,
  ready,
}: {
  saves: RunSaves;
  hasModel: boolean;
  ready: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="w-files">
      <button
        type="button"
        className="ui-button ui-button-small"
        disabled={!hasModel}
        onClick={() => void saves.downloadWeights()}
      >
        Download weights
      </button>
      <button
        type="button"
        className="ui-button ui-button-small"
        disabled={!ready}
        onClick={() => input.current?.click()}
      >
        Load weights…
      </button>
      <input
        ref={input}
        type="file"
        accept=".safetensors,application/octet-stream"
        aria-label="Weights file to load"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void saves.loadWeights(file);
        }}
      />
    </div>
  );
}
