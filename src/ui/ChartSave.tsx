import { useRef, useState } from 'react';
import { chartFileName, chartToPng, chartToSvg, downloadFile } from './chartExport';

/** Props of {@link ChartSave}. */
export interface ChartSaveProps {
  /** The chart's title: the file's name and the image's heading. */
  title: string;
  /**
   * CSS selector of the ancestor that holds the chart's `<svg>` (and canvas): the closest match
   * is exported. Default `figure` (the charts of src/ui are figures).
   */
  container?: string;
}

/**
 * "Save SVG / PNG" buttons for a chart's header: they export the `<figure>` (or `container`) the buttons sit in
 * (src/ui/chartExport.ts) as a standalone SVG or a PNG at twice its size, for slides and notes.
 * A failure (nothing drawn yet, no canvas) is shown beside the buttons, not thrown.
 */
export function ChartSave({ title, container = 'figure' }: ChartSaveProps) {
  const ref = useRef<HTMLSpanElement>(null);
  const [error, setError] = useState('');
  const save = async (kind: 'svg' | 'png') => {
    const figure = ref.current?.closest(container);
    if (!figure) return;
    try {
      setError('');
      if (kind === 'svg') {
        downloadFile(chartToSvg(figure, title).svg, chartFileName(title, 'svg'), 'image/svg+xml');
      } else {
        downloadFile(await chartToPng(figure, title), chartFileName(title, 'png'));
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span ref={ref} className="ui-chart-save">
      <button
        type="button"
        className="ui-chart-save-button"
        onClick={() => void save('svg')}
        aria-label={`Save “${title}” as SVG`}
        title="Save as SVG (vector, for slides and papers)"
      >
        SVG
      </button>
      <button
        type="button"
        className="ui-chart-save-button"
        onClick={() => void save('png')}
        aria-label={`Save “${title}” as PNG`}
        title="Save as PNG (image, twice the size on screen)"
      >
        PNG
      </button>
      {error ? (
        <span role="alert" className="ui-chart-save-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
