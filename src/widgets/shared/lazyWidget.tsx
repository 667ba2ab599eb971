import { Component, Suspense, lazy, type ComponentType, type ReactNode } from 'react';
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

interface BoundaryState {
  error: Error | null;
}

/** Shows a message instead of the widget when its code fails to load or it throws. */
class WidgetBoundary extends Component<{ title: string; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="w-placeholder" role="alert">
        <strong>{this.props.title}</strong> could not be shown: {error.message}. Reload the page to
        try again; the rest of the chapter works without it.
      </div>
    );
  }
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
      <WidgetBoundary title={title}>
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
      </WidgetBoundary>
    );
  }
  LazyWidget.displayName = `Lazy(${id})`;
  return LazyWidget;
}
