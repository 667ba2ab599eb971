/**
 * A chart as a file: a standalone SVG (for slides, papers and vector editors) or a PNG, built
 * from a chart on the page (`<figure class="ui-chart">` of {@link LineChart}, {@link BarChart},
 * {@link Heatmap}, or any `<figure>` holding an `<svg>`).
 *
 * The exported SVG is plain SVG 1.1, with no CSS and no `<foreignObject>`: every style the chart
 * takes from the theme's CSS variables is resolved by the browser and written on each element,
 * so the file looks the same outside the page (PowerPoint, Keynote, Inkscape and Illustrator
 * ignore CSS variables). The chart's title goes on top, its legend (HTML on the page) is redrawn
 * below it as SVG, and a heatmap's canvas is embedded as a PNG image under its labels. The PNG is
 * that SVG rasterized at twice the CSS size (or the device's pixel ratio, if larger).
 *
 * Browser only (DOM, canvas); the file names come from {@link chartFileName}.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Computed style properties written onto each exported SVG element (the ones charts use). */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
] as const;

/** A file name from a chart's title: lower case, words joined by `-`, at most 60 characters. */
export function chartFileName(title: string, extension: 'svg' | 'png'): string {
  const stem =
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'chart';
  return `${stem}.${extension}`;
}

/** Copies the computed styles of `source` and its descendants onto `target` (a clone of it). */
function inlineStyles(source: Element, target: Element): void {
  const style = getComputedStyle(source);
  if (style.display === 'none' || style.visibility === 'hidden') {
    target.setAttribute('display', 'none');
  }
  const declarations = STYLE_PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`).filter(
    (d) => !d.endsWith(':'),
  );
  target.setAttribute('style', declarations.join(';'));
  target.removeAttribute('class');
  // Presentation attributes that name CSS variables (fill="var(--series-1)") mean nothing
  // outside the page; their computed values are in the style just written.
  for (const attr of Array.from(target.attributes)) {
    if (attr.value.includes('var(')) target.removeAttribute(attr.name);
  }
  const sources = source.children;
  const targets = target.children;
  for (let i = 0; i < sources.length && i < targets.length; i++) {
    inlineStyles(sources[i], targets[i]);
  }
}

/** One legend entry read from the page: its swatch's stroke and dash, and its text. */
interface LegendEntry {
  stroke: string;
  dash: string;
  text: string;
}

function readLegend(figure: Element): LegendEntry[] {
  return Array.from(figure.querySelectorAll('.ui-legend-item'), (item) => {
    const line = item.querySelector('line');
    const style = line ? getComputedStyle(line) : null;
    return {
      stroke: style?.stroke ?? 'currentColor',
      dash: style?.strokeDasharray && style.strokeDasharray !== 'none' ? style.strokeDasharray : '',
      text: (item.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  });
}

/** A theme colour of the page (e.g. `--color-bg`), resolved, for the exported background. */
function themeColor(element: Element, variable: string, fallback: string): string {
  const value = getComputedStyle(element).getPropertyValue(variable).trim();
  return value || fallback;
}

/** The result of {@link chartToSvg}: the markup and its size in CSS px. */
export interface ExportedSvg {
  svg: string;
  width: number;
  height: number;
}

/**
 * A standalone SVG of the chart in `figure`.
 *
 * @param figure the chart's `<figure>` (or any element holding the chart's `<svg>`; its first
 *   `svg` that is not a legend swatch is the plot).
 * @param title written on top of the image; default the figure's `.ui-chart-title` text.
 * @throws {Error} when the figure holds no chart `<svg>`.
 */
export function chartToSvg(figure: Element, title?: string): ExportedSvg {
  const plot = Array.from(figure.querySelectorAll('svg')).find(
    (s) => !s.classList.contains('ui-legend-swatch') && !s.closest('button'),
  );
  if (!plot) throw new Error('This chart has nothing to export yet (no SVG found).');
  const heading = title ?? figure.querySelector('.ui-chart-title')?.textContent?.trim() ?? 'Chart';
  const box = plot.getBoundingClientRect();
  const plotW = Math.ceil(box.width) || Number(plot.getAttribute('width')) || 400;
  const plotH = Math.ceil(box.height) || Number(plot.getAttribute('height')) || 300;
  const fontFamily = getComputedStyle(plot).fontFamily;
  const fg = themeColor(figure, '--color-fg', getComputedStyle(figure).color || '#000');
  const bg = themeColor(figure, '--color-bg', '#ffffff');
  const pad = 12;
  const titleH = 24;
  const legend = readLegend(figure);
  const legendH = legend.length ? 20 * Math.ceil(legend.length / 2) + 6 : 0;
  // Marks drawn outside the plot box (overflow: visible), e.g. axis labels at a negative x.
  const width = plotW + 2 * pad;
  const height = pad + titleH + legendH + plotH + pad;

  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const root = doc.documentElement;
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', fontFamily);

  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  root.appendChild(el('title', {}, heading));
  root.appendChild(el('rect', { width, height, fill: bg }));
  root.appendChild(
    el('text', { x: pad, y: pad + 16, fill: fg, 'font-size': 15, 'font-weight': 600 }, heading),
  );
  legend.forEach((entry, i) => {
    const x = pad + (i % 2) * (plotW / 2);
    const y = pad + titleH + 20 * Math.floor(i / 2) + 10;
    const line = el('line', {
      x1: x,
      x2: x + 24,
      y1: y,
      y2: y,
      stroke: entry.stroke,
      'stroke-width': 3,
    });
    if (entry.dash) line.setAttribute('stroke-dasharray', entry.dash);
    root.appendChild(line);
    root.appendChild(el('text', { x: x + 30, y: y + 4, fill: fg, 'font-size': 12 }, entry.text));
  });

  const group = el('g', { transform: `translate(${pad} ${pad + titleH + legendH})` });
  // A heatmap's cells are on a canvas under its SVG: embed them as an image, at the canvas's
  // place relative to the plot's SVG.
  const plotBox = plot.getBoundingClientRect();
  for (const canvas of Array.from(figure.querySelectorAll('canvas'))) {
    const c = canvas.getBoundingClientRect();
    if (c.width === 0 || c.height === 0) continue;
    group.appendChild(
      el('image', {
        x: c.left - plotBox.left,
        y: c.top - plotBox.top,
        width: c.width,
        height: c.height,
        href: canvas.toDataURL('image/png'),
      }),
    );
  }
  const clone = doc.importNode(plot, true) as SVGSVGElement;
  inlineStyles(plot, clone);
  clone.removeAttribute('style');
  clone.setAttribute('overflow', 'visible');
  clone.setAttribute('width', String(plotW));
  clone.setAttribute('height', String(plotH));
  clone.removeAttribute('aria-hidden');
  clone.removeAttribute('aria-labelledby');
  clone.removeAttribute('role');
  group.appendChild(clone);
  root.appendChild(group);

  const svg = new XMLSerializer().serializeToString(root);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, width, height };
}

/**
 * The chart rasterized: the SVG of {@link chartToSvg} drawn on a canvas at `scale` times its
 * CSS size (default: 2, or the device pixel ratio if larger).
 *
 * @throws {Error} when the browser cannot draw the SVG (the promise rejects).
 */
export async function chartToPng(figure: Element, title?: string, scale?: number): Promise<Blob> {
  const { svg, width, height } = chartToSvg(figure, title);
  const ratio = scale ?? Math.max(2, window.devicePixelRatio || 1);
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas, so no PNG can be made.');
  ctx.scale(ratio, ratio);
  ctx.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))),
      'image/png',
    ),
  );
}

/** Saves `data` as a file named `name` through a temporary download link. */
export function downloadFile(data: Blob | string, name: string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns; free the URL afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
