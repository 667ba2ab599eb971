import { Suspense, lazy, type ComponentType } from 'react';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import './widgets.css';

/** Options of {@link lazyWidget}. */
export interface LazyWidgetOptions {
  /** Widget id, as in its `data-widget` attribute (the placeholder carries it too). */
  id: string;
  /** Title shown while the widget's code loads. */
  title: string;
  /** Height reserved for the widget while it loads, in rem (avoids the page jumping). */
  minHeightRem: number;
}

/**
 * Wraps a widget so that its code (and everything it imports) is a separate chunk, loaded
 * when the chapter renders it, after the chapter's text. While it loads, a placeholder of
 * the widget's approximate height keeps the page from jumping; if loading fails, a message
 * replaces the widget and the chapter stays readable.
 *
 * @param load - e.g. `() => import('./PipelineExplorer').then((m) => m.PipelineExplorer)`.
 */
export function lazyWidget<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { id, title, minHeightRem }: LazyWidgetOptions,
): ComponentType<P> {
  const Lazy = lazy(() => load().then((C) => ({ default: C })));
  function LazyWidget(props: P) {
    return (
      <ErrorBoundary what={`the ${title.toLowerCase()}`}>
        <Suspense
          fallback={
            <div
              className="w-placeholder"
              data-widget-placeholder={id}
              style={{ minHeight: `${minHeightRem}rem` }}
              role="status"
            >
              Loading the {title.toLowerCase()}…
            </div>
          }
        >
          <Lazy {...props} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  LazyWidget.displayName = `Lazy(${id})`;
  return LazyWidget;
}
