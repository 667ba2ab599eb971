import { useEffect, useMemo, useState } from 'react';
import { Controls, WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import './sine-forecast.css';
import { SineForecasts } from './forecasts';
import { ForecastChart, SineCharts } from './SineCharts';
import {
  SINE_BATCH,
  SINE_EPOCHS,
  SINE_EVAL_LENGTH,
  SINE_KNOBS,
  SINE_PERIOD,
  SINE_PREFIX,
  SINE_TRAIN_LENGTH,
  SLOW_STEPS_PER_SECOND,
  sinePresets,
  sineSchema,
} from './schema';
import { sineParameterCount, sineSpec, type SineController } from './spec';

/** `restartPending` while idle (one array, so that the memoised controls keep it). */
const NOTHING_PENDING: readonly string[] = [];

/** How much of a period a window of n values covers, in words. Pure; exported for tests. */
export function windowCoverage(n: number, period = SINE_PERIOD): string {
  const periods = n / period;
  if (periods === 1) return 'one period';
  if (periods > 1) return `${Number(periods.toFixed(2))} periods`;
  return `${Math.round(periods * 100)}% of a period`;
}

/**
 * Chapter 9's "A SimpleRNN forecasting a noisy sine wave": many-to-one, the last n noisy values
 * of sin(2π t / 40) + σ·noise go through a SimpleRNN (Elman 1990, tanh; `runRnn('rnn')`) whose
 * last hidden state a linear readout turns into the forecast of the next value; trained live
 * with Adam on the mean squared error (src/models/rnn/sineTask.ts). Shows the one-step-ahead
 * prediction over a held-out stretch as it trains, optionally a free-running forecast that feeds
 * its own predictions back, the training and validation MSE, and steps per second. The model and
 * both forecasts run in a Web Worker (./spec.ts, ./forecasts.ts); the page only draws.
 *
 * TensorFlow.js loads only when the widget comes near the screen. Settings live in the URL with
 * the prefix `sine.` (`?sine.window=5&sine.noise=0.3`).
 */
export function SineForecast() {
  const hp = useHyperparams(sineSchema, { prefix: SINE_PREFIX, presets: sinePresets });
  const { values } = hp;
  const [controller] = useState<SineController>(
    () => new TrainingController(sineSpec, import.meta.env.BASE_URL),
  );
  const [forecasts] = useState(() => new SineForecasts(controller));
  const tw = useTrainingWidget(controller, hp);
  const { cs, runner, rs, applied } = tw;
  const status = rs?.status ?? 'idle';

  useEffect(() => {
    runner?.setPace(values.speed === 'slow' ? SLOW_STEPS_PER_SECOND : null);
  }, [runner, values.speed]);
  useEffect(() => runner?.subscribe((s) => forecasts.onRunner(s)), [runner, forecasts]);
  useEffect(() => () => forecasts.dispose(), [forecasts]);
  useEffect(() => {
    forecasts.setFreeRun(values.freerun);
  }, [forecasts, values.freerun]);

  const idle = status === 'idle';
  const { setValue, applyPreset, reset: resetValues, restartNeeded } = hp;
  // The controls do not change while the model trains: built again only when their inputs do.
  const controls = useMemo(
    () => (
      <Controls
        schema={sineSchema}
        values={values}
        onChange={setValue}
        presets={sinePresets}
        onPreset={applyPreset}
        onReset={resetValues}
        restartPending={idle ? NOTHING_PENDING : restartNeeded}
      />
    ),
    [values, setValue, applyPreset, resetValues, idle, restartNeeded],
  );
  const prediction = idle ? null : cs.prediction;
  const freeRun = idle || !values.freerun ? null : cs.freeRun;

  return (
    <TrainingShell
      schema={sineSchema}
      hp={hp}
      tw={tw}
      title="A SimpleRNN forecasting a noisy sine wave"
      subtitle="Many-to-one: the last n values → tanh RNN → linear readout → the next value"
      loading="TensorFlow.js"
      totalEpochs={SINE_EPOCHS}
      knobs={SINE_KNOBS}
      controls={controls}
      data={{ 'prediction-step': prediction?.step, 'freerun-step': freeRun?.step }}
      messages={
        cs.forecastError && <WidgetMessage tone="warning">{cs.forecastError}</WidgetMessage>
      }
      credit={
        <>
          Data: synthetic, generated in your browser: x_t = sin(2π t / {SINE_PERIOD}) + σ·ε_t with
          Gaussian noise ε_t drawn from the seed.
        </>
      }
    >
      <ForecastChart
        data={cs.data}
        prediction={prediction}
        freeRun={freeRun}
        noise={applied.noise}
      />
      <p className="w-hint sine-caption">
        {prediction
          ? `Each point of the prediction is made from the ${applied.window} noisy values before it (model after step ${prediction.step.toLocaleString('en')}).`
          : 'Press Play or Step: the prediction appears over the curve as the model trains.'}{' '}
        {values.freerun &&
          (freeRun
            ? `The free-running forecast starts from the same ${applied.window} values and then reads only its own predictions: its errors add up.`
            : 'The free-running forecast appears once the model has taken a step.')}
      </p>
      <SineCharts
        state={rs}
        noise={applied.noise}
        parameterCount={sineParameterCount(applied.hidden)}
      />
      <p className="w-hint">
        Training: the windows of the first {SINE_TRAIN_LENGTH.toLocaleString('en')} values (
        {(SINE_TRAIN_LENGTH - applied.window).toLocaleString('en')} windows of n = {applied.window},{' '}
        {windowCoverage(applied.window)}), {SINE_BATCH} per step; an epoch is{' '}
        {Math.ceil((SINE_TRAIN_LENGTH - applied.window) / SINE_BATCH)} steps. Held out: the next{' '}
        {SINE_EVAL_LENGTH} values ({SINE_EVAL_LENGTH / SINE_PERIOD} periods), drawn above.
      </p>
    </TrainingShell>
  );
}
