import { Component, type ErrorInfo, type ReactNode } from 'react';
import './styles/error.css';

/** Props of {@link ErrorBoundary}. */
export interface ErrorBoundaryProps {
  /** What failed, for the message ("this chapter"). */
  what: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Catches render and lazy-load errors below it (a chapter chunk that fails to download, a
 * widget that throws) and shows what happened with a reload button, instead of a blank page.
 * The rest of the page (header, sidebar, the chapter around a failed widget) keeps working.
 * Used by the book shell around chapters and by `lazyWidget` around each widget; import it
 * from this file (not `src/ui/index.ts`) to keep the rest of the UI kit out of a bundle.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Failed to render ${this.props.what}:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const network = /dynamically imported module|Failed to fetch|Loading chunk|import/i.test(
      error.message,
    );
    return (
      <div className="load-error" role="alert">
        <p className="load-error__title">Sorry, {this.props.what} could not be shown.</p>
        <p>
          {network
            ? 'Its code did not download: check your connection (or the site was updated), then reload.'
            : 'Something went wrong while rendering it.'}
        </p>
        <p className="load-error__detail">
          <code>{error.message}</code>
        </p>
        <button
          type="button"
          className="load-error__reload"
          onClick={() => window.location.reload()}
        >
          Reload the page
        </button>
      </div>
    );
  }
}
