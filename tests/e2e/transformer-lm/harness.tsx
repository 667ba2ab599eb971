/**
 * Test harness of tests/e2e/transformer-lm.test.mjs (served by a Vite dev server at
 * /tests/e2e/transformer-lm/harness.html): chapter 15 is a draft without a route, so the widget
 * is mounted alone, with the book's theme and chapter styles, in a prose column as wide as a
 * chapter's, inside a router (the widget keeps its settings in the URL). `?theme=dark` picks the
 * dark theme; the button `#unmount` removes the widgets (their workers must end). Below the
 * Transformer: the race against chapter 9's LSTM (src/widgets/lm-race), as in the chapter. Delete this harness
 * once the chapter is ready and the test opens it.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import '../../../src/book/styles/theme.css';
import '../../../src/book/styles/base.css';
import '../../../src/book/styles/chapter.css';
import { LmRace } from '../../../src/widgets/lm-race';
import { TransformerLm } from '../../../src/widgets/transformer-lm';

const theme = new URLSearchParams(window.location.search).get('theme');
document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light';

function Harness() {
  const [shown, setShown] = useState(true);
  return (
    <main className="chapter-layout">
      {/* The chapter's sidebar column (empty), so the widget gets a chapter's width. */}
      <aside className="chapter-sidebar" />
      <div className="chapter-main prose">
        <button type="button" id="unmount" onClick={() => setShown(false)}>
          Unmount
        </button>
        {shown && <TransformerLm />}
        {shown && <LmRace />}
      </div>
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('harness.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <Harness />
    </BrowserRouter>
  </StrictMode>,
);
