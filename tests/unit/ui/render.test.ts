import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { BackendBadge } from '../../../src/ui/BackendBadge';
import { BarChart } from '../../../src/ui/BarChart';
import { Controls } from '../../../src/ui/Controls';
import { DataTable } from '../../../src/ui/DataTable';
import { Heatmap } from '../../../src/ui/Heatmap';
import { LineChart } from '../../../src/ui/LineChart';
import { MetricReadout } from '../../../src/ui/MetricReadout';
import { defaults, defineSchema } from '../../../src/ui/schema';
import { shortcutFor } from '../../../src/ui/shortcuts';
import { TokenView } from '../../../src/ui/TokenView';
import { TrainerBar } from '../../../src/ui/TrainerBar';
import { useHyperparams } from '../../../src/ui/useHyperparams';
import { WidgetFrame, WidgetMessage } from '../../../src/ui/WidgetFrame';

const schema = defineSchema({
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: 0.1,
    min: 1e-4,
    max: 1,
    scale: 'log',
    restart: false,
  },
  hidden: {
    kind: 'number',
    label: 'Hidden units',
    default: 16,
    min: 1,
    max: 256,
    integer: true,
    unit: 'units',
    restart: true,
  },
  optimizer: {
    kind: 'choice',
    label: 'Optimizer',
    default: 'adam',
    options: [
      { value: 'sgd', label: 'SGD' },
      { value: 'adam', label: 'Adam' },
    ],
    restart: true,
  },
  lowercase: { kind: 'boolean', label: 'Lowercase', default: true, restart: false },
});

const noop = () => undefined;

/** Parses rendered HTML attributes of the first element matching a tag + attribute. */
function tagWith(html: string, tag: string, attr: string): string | null {
  const re = new RegExp(`<${tag}\\b[^>]*${attr}[^>]*>`);
  return re.exec(html)?.[0] ?? null;
}

describe('Controls', () => {
  const html = renderToString(
    h(Controls<typeof schema>, {
      schema,
      values: { ...defaults(schema), hidden: 64 },
      onChange: noop,
      restartPending: ['hidden'],
      presets: [{ name: 'fast', label: 'Fast', values: { lr: 0.5 } }],
      onPreset: noop,
      onReset: noop,
    }),
  );

  it('names every input after its parameter and shows the values', () => {
    const lr = tagWith(html, 'input', 'name="lr"');
    expect(lr).toContain('value="0.1"');
    expect(lr).toContain('type="text"');
    expect(tagWith(html, 'input', 'name="hidden"')).toContain('value="64"');
    expect(tagWith(html, 'input', 'name="lowercase"')).toContain('role="switch"');
    const sgd = tagWith(html, 'input', 'value="sgd"');
    const adam = tagWith(html, 'input', 'value="adam"');
    expect(sgd).not.toContain('checked');
    expect(adam).toContain('checked');
  });

  it('uses a log10 slider for log-scale params', () => {
    const slider = tagWith(html, 'input', 'name="lr-slider"');
    expect(slider).toContain('min="-4"');
    expect(slider).toContain('max="0"');
    expect(slider).toContain('value="-1"');
  });

  it('names another apply button (applyAction) in the note and the markers', () => {
    const built = renderToString(
      h(Controls<typeof schema>, {
        schema,
        values: { ...defaults(schema), hidden: 64 },
        onChange: noop,
        restartPending: ['hidden'],
        applyAction: 'Build',
      }),
    );
    expect(built).toContain('Changes apply when you press Build');
    expect(built).not.toContain('before the first step');
    expect(built).toContain('↻ changed: applies on build');
    expect(built).not.toContain('press Reset');
  });

  it('says once which params wait for a reset and marks only the pending ones', () => {
    expect(html).toContain('↻ changed: applies on reset'); // hidden (pending)
    expect(html.match(/↻ changed: applies on reset/g)).toHaveLength(1);
    expect(html).not.toContain('>↻ applies on reset'); // unchanged restart params: no marker
    expect(html).toContain('Changes apply when you press Reset');
    // The params that are not restart params are named as applying at once.
    expect(html).toMatch(/except [^<]*Learning rate[^<]*, which apply at once/);
    expect(html).toContain('>Fast</button>');
    expect(html).toContain('>Defaults</button>');
  });
});

describe('TrainerBar', () => {
  it('shows a Pause toggle, epoch and progress while running', () => {
    const html = renderToString(
      h(TrainerBar, {
        status: 'running',
        step: 240,
        epoch: 2.4,
        totalEpochs: 10,
        totalSteps: 1000,
        stepsPerSecond: 12.34,
        onPlay: noop,
        onPause: noop,
        onStep: noop,
        onReset: noop,
      }),
    );
    expect(html).toContain('aria-label="Pause"');
    expect(html).toContain('epoch 2.4 / 10');
    expect(tagWith(html, 'div', 'role="progressbar"')).toContain('aria-valuenow="24"');
    expect(html).toContain('12.3 steps/s');
    expect(tagWith(html, 'button', 'title="One training step')).toContain('disabled');
  });

  it('shows Play when paused and disables it when done', () => {
    const props = { step: 0, epoch: 0, onPlay: noop, onPause: noop, onStep: noop, onReset: noop };
    const paused = renderToString(h(TrainerBar, { ...props, status: 'paused' }));
    expect(tagWith(paused, 'button', 'aria-label="Play"')).not.toContain('disabled');
    const done = renderToString(h(TrainerBar, { ...props, status: 'done' }));
    expect(tagWith(done, 'button', 'aria-label="Play"')).toContain('disabled');
  });

  it('says the step in flight is finishing while paused and busy, then Paused', () => {
    const props = { step: 3, epoch: 0, onPlay: noop, onPause: noop, onStep: noop, onReset: noop };
    const status = (html: string) => /<p\b[^>]*role="status"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
    const pausing = renderToString(h(TrainerBar, { ...props, status: 'paused', busy: true }));
    expect(status(pausing)).toBe('Finishing the step…');
    const paused = renderToString(h(TrainerBar, { ...props, status: 'paused', busy: false }));
    expect(status(paused)).toBe('Paused');
    // Busy while running (the loop itself) is still "Training".
    const running = renderToString(h(TrainerBar, { ...props, status: 'running', busy: true }));
    expect(status(running)).toBe('Training');
  });
});

describe('WidgetFrame, messages, badge, metrics, tokens, table', () => {
  it('renders a focusable labelled region with the shortcut hint', () => {
    const html = renderToString(
      h(WidgetFrame, {
        id: 'w2v',
        title: 'Word2vec',
        onTogglePlay: noop,
        onStep: noop,
        children: 'body',
      }),
    );
    const section = tagWith(html, 'section', 'data-widget="w2v"');
    expect(section).toContain('role="region"');
    expect(section).toContain('aria-label="Word2vec"');
    expect(section).toContain('tabindex="0"');
    expect(html).toContain('Space play/pause · S step');
    expect(html).not.toContain('R reset');
  });

  it('writes extra data-* attributes for tests, skipping undefined ones', () => {
    const html = renderToString(
      h(WidgetFrame, {
        id: 'x',
        title: 'X',
        data: { status: 'running', step: 12, backend: undefined },
        children: null,
      }),
    );
    const section = tagWith(html, 'section', 'data-widget="x"');
    expect(section).toContain('data-status="running"');
    expect(section).toContain('data-step="12"');
    expect(section).not.toContain('data-backend');
  });

  it('uses alert for errors and status for info', () => {
    expect(renderToString(h(WidgetMessage, { tone: 'error', children: 'x' }))).toContain(
      'role="alert"',
    );
    expect(renderToString(h(WidgetMessage, { tone: 'info', children: 'x' }))).toContain(
      'role="status"',
    );
  });

  it('labels the backend', () => {
    const info = {
      name: 'webgl',
      software: true,
      renderer: 'SwiftShader',
      forced: false,
      reason: 'r',
    };
    const html = renderToString(h(BackendBadge, { info: info as never }));
    expect(html).toContain('WebGL · software');
    expect(html).toContain('Renderer: SwiftShader.');
  });

  it('puts each metric in an output with data-metric', () => {
    const html = renderToString(
      h(MetricReadout, {
        metrics: [
          { key: 'loss', label: 'Loss', value: 0.41234 },
          { key: 'acc', label: 'Accuracy', value: null },
        ],
      }),
    );
    expect(html).toContain('<output data-metric="loss">0.4123</output>');
    expect(html).toContain('<output data-metric="acc">—</output>');
  });

  it('marks OOV and PAD tokens with text, not colour alone', () => {
    const html = renderToString(
      h(TokenView, {
        label: 'Tokens',
        tokens: [
          { text: 'cat', id: 4 },
          { text: 'zyx', id: 1, kind: 'oov' },
          { text: '', id: 0, kind: 'pad' },
        ],
      }),
    );
    expect(html).toContain('>OOV<');
    expect(html).toContain('>PAD<');
    expect(html).toContain('&quot;zyx&quot;, out of vocabulary, id 1');
    expect(html).toContain('>4<');
  });

  it('limits table rows with a show-all button', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`w${i}`, i]);
    const html = renderToString(
      h(DataTable, { caption: 'Vocabulary', columns: ['word', 'id'], rows, maxRows: 10 }),
    );
    expect(html.match(/<tr>/g)).toHaveLength(11); // header + 10
    expect(html).toContain('Show all 30 rows');
    expect(html).toContain('scope="col"');
  });
});

describe('charts', () => {
  it('draws one path per series and summarises the latest values', () => {
    const x = Array.from({ length: 3000 }, (_, i) => i);
    const html = renderToString(
      h(LineChart, {
        series: [
          { name: 'loss', x, y: x.map((i) => 1 / (1 + i)) },
          { name: 'val_loss', x: [0, 1000], y: [1, 0.5], dashed: true },
        ],
        xLabel: 'step',
        yLabel: 'loss',
        references: [{ y: 0.693, label: 'chance' }],
      }),
    );
    expect(html.match(/<path /g)).toHaveLength(2);
    expect(html).toContain('loss: 3.333e-4 at step 2999; val_loss: 0.5 at step 1000.');
    expect(html).toContain('log scale');
    expect(html).toContain('chance');
    // Decimated: far fewer vertices than 3000 in the first path.
    const d = /<path d="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(d.split(/[ML]/).length).toBeLessThan(1500);
  });

  it('marks a point a line cannot show (one evaluation so far) with a dot, and no others', () => {
    const html = renderToString(
      h(LineChart, {
        series: [
          { name: 'held-out dates', x: [100], y: [0.42] },
          { name: 'loss', x: [0, 50, 100], y: [2, 1, 0.5] },
          { name: 'gappy', x: [0, 50, 100], y: [NaN, 0.3, NaN] },
        ],
        xLabel: 'step',
        yLabel: 'exact match',
      }),
    );
    // The one-point series and the point between two gaps; the three-point line needs none.
    expect(html.match(/class="ui-line-dot"/g)).toHaveLength(2);
  });

  it('puts no x tick between integers when every x is an integer', () => {
    const xTicks = (x: number[]) =>
      [
        ...renderToString(
          h(LineChart, {
            series: [{ name: 'a', x, y: x.map(() => 0.5) }],
            xLabel: 'x',
            yLabel: 'y',
          }),
        ).matchAll(/<text y="[\d.]+" text-anchor="middle">([^<]*)</g),
      ].map((m) => m[1]);
    // One evaluation at step 100: the axis spans 99-101 and is ticked at whole steps only.
    expect(xTicks([100])).toEqual(['99', '100', '101']);
    // Fractional x keeps its fractional ticks.
    expect(xTicks([0.5, 1.5]).some((t) => t.includes('.'))).toBe(true);
  });

  it('renders a heatmap cell per value and a bar per item', () => {
    const hm = renderToString(
      h(Heatmap, {
        matrix: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        label: 'A',
        colLabels: ['a', 'b', 'c'],
      }),
    );
    expect(hm.match(/class="ui-cell"/g)).toHaveLength(6);
    expect(hm).toContain('A: 2 by 3, values 1 to 6');
    const bars = renderToString(
      h(BarChart, {
        label: 'B',
        bars: [
          { label: 'good', value: 0.8 },
          { label: 'bad', value: -0.5 },
        ],
      }),
    );
    expect(bars.match(/<rect /g)).toHaveLength(2);
    expect(bars).toContain('good: 0.8; bad: -0.5');
  });
});

describe('useHyperparams reads the URL on mount', () => {
  function Probe() {
    const hp = useHyperparams(schema, { prefix: 'w.' });
    return h('pre', null, JSON.stringify({ values: hp.values, messages: hp.messages }));
  }
  const read = (url: string) => {
    const html = renderToString(h(MemoryRouter, { initialEntries: [url] }, h(Probe)));
    const json = /<pre>(.*)<\/pre>/s.exec(html)?.[1] ?? '{}';
    return JSON.parse(
      json
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  };

  it('restores shared settings and reports bad ones', () => {
    const { values, messages } = read('/c?w.lr=0.01&w.hidden=999&w.optimizer=sgd&lr=0.9#sec');
    expect(values).toEqual({ ...defaults(schema), lr: 0.01, hidden: 256, optimizer: 'sgd' });
    expect(messages).toEqual(['Hidden units 999 is above the maximum 256; using 256.']);
  });
});

describe('shortcutFor', () => {
  const ev = (key: string, targetTag = 'SECTION', extra = {}) => ({ key, targetTag, ...extra });
  it('maps Space, S and R on the frame', () => {
    expect(shortcutFor(ev(' '))).toBe('toggle');
    expect(shortcutFor(ev('s'))).toBe('step');
    expect(shortcutFor(ev('R'))).toBe('reset');
    expect(shortcutFor(ev('x'))).toBeNull();
  });
  it('leaves text fields, modified keys and buttons alone', () => {
    expect(shortcutFor(ev('s', 'INPUT', { targetType: 'text' }))).toBeNull();
    expect(shortcutFor(ev('r', 'TEXTAREA'))).toBeNull();
    expect(shortcutFor(ev('r', 'SECTION', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(ev(' ', 'BUTTON'))).toBeNull();
    expect(shortcutFor(ev(' ', 'INPUT', { targetType: 'checkbox' }))).toBeNull();
    expect(shortcutFor(ev('s', 'INPUT', { targetType: 'range' }))).toBe('step');
    expect(shortcutFor(ev('s', 'DIV', { targetEditable: true }))).toBeNull();
  });
});
