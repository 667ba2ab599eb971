import type { ReactNode } from 'react';
// The same error box as ErrorBoundary's.
import '../../ui/styles/error.css';

/**
 * A visible authoring error inside a chapter (wrong or missing props on an MDX component):
 * says what is wrong and how to fix it, instead of failing silently or crashing the page.
 * Also logged with `console.error` so the e2e "no console error" check catches it.
 */
export function MdxError({ component, children }: { component: string; children: ReactNode }) {
  return (
    <div className="load-error mdx-error" role="alert">
      <strong>{`<${component}>`}:</strong> {children}
    </div>
  );
}

/** Logs an authoring error once per message (render may run twice in development). */
const reported = new Set<string>();
export function reportMdxError(component: string, message: string): void {
  const key = `${component}: ${message}`;
  if (reported.has(key)) return;
  reported.add(key);
  console.error(`MDX <${component}>: ${message}`);
}
