/** What the training runtime chose (the same shape as `BackendInfo` in src/train/types.ts). */
export interface BackendBadgeInfo {
  name: 'webgl' | 'wasm' | 'cpu';
  /** True when WebGL runs on a software renderer. */
  software: boolean;
  /** Unmasked WebGL renderer string, when known. */
  renderer: string | null;
  /** True when `?backend=` forced the choice. */
  forced: boolean;
  /** Why this backend, e.g. "WebGL is a software renderer; WASM is faster here". */
  reason: string;
}

/** Props of {@link BackendBadge}. */
export interface BackendBadgeProps {
  /** The active backend, or null while it is being chosen. */
  info: BackendBadgeInfo | null;
}

/** Short visible text of the badge: "WebGL · GPU", "WebGL · software", "WASM", "CPU". */
export function backendLabel(info: BackendBadgeInfo | null): string {
  if (!info) return 'Backend…';
  if (info.name === 'webgl') return `WebGL · ${info.software ? 'software' : 'GPU'}`;
  return info.name === 'wasm' ? 'WASM' : 'CPU';
}

/** Full description for the tooltip and screen readers. */
export function backendDescription(info: BackendBadgeInfo | null): string {
  if (!info) return 'Choosing a TensorFlow.js backend.';
  const parts = [`TensorFlow.js backend: ${backendLabel(info)}.`];
  if (info.forced) parts.push('Forced by the URL (?backend=).');
  if (info.reason) parts.push(info.reason.endsWith('.') ? info.reason : `${info.reason}.`);
  if (info.renderer) parts.push(`Renderer: ${info.renderer}.`);
  return parts.join(' ');
}

/**
 * A small badge naming the TensorFlow.js backend in use ("WebGL · GPU", "WebGL · software",
 * "WASM", "CPU"), with the reason and renderer in its tooltip and, for screen readers, in
 * visually hidden text. Software WebGL, CPU and forced choices are marked as warnings.
 */
export function BackendBadge({ info }: BackendBadgeProps) {
  const slow = info !== null && (info.name === 'cpu' || (info.name === 'webgl' && info.software));
  const cls = ['ui-badge', slow ? 'ui-badge-warning' : '', info?.forced ? 'ui-badge-forced' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <span className={cls} title={backendDescription(info)} data-backend={info?.name ?? ''}>
      <span aria-hidden="true">
        {backendLabel(info)}
        {info?.forced ? ' (forced)' : ''}
      </span>
      <span className="ui-visually-hidden">{backendDescription(info)}</span>
    </span>
  );
}
