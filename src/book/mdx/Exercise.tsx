import { useId, type ReactNode } from 'react';

/** Props of {@link Exercise}. */
export interface ExerciseProps {
  /** Short title shown after "Exercise N"; optional. */
  title?: ReactNode;
  /** Optional anchor id, so prose and other chapters can link to the exercise. */
  id?: string;
  /**
   * Position among the chapter's exercises, set by the chapter page (see `numbering.ts`);
   * authors do not pass it.
   */
  number?: number;
  /** The question (MDX), optionally followed by one {@link Answer}. */
  children?: ReactNode;
}

/**
 * An exercise, numbered "Exercise N" in order of appearance within the chapter.
 * The heading is an `h3`, which suits the usual place of exercises under an `## Exercises`
 * section; it is marked `data-toc-skip`, so it stays out of the sidebar outline.
 *
 * @example
 * ```mdx
 * <Exercise title="Counting">
 *   How many types does "a rose is a rose" have?
 *   <Answer>Three: *a*, *rose*, *is*.</Answer>
 * </Exercise>
 * ```
 */
export function Exercise({ title, id, number, children }: ExerciseProps) {
  const headingId = useId();
  return (
    <section className="exercise" id={id} aria-labelledby={headingId}>
      <h3 className="exercise__title" id={headingId} data-toc-skip="">
        {number !== undefined ? `Exercise ${number}` : 'Exercise'}
        {title ? (
          <>
            <span className="exercise__sep" aria-hidden="true">
              {' · '}
            </span>
            <span className="visually-hidden">: </span>
            <span className="exercise__name">{title}</span>
          </>
        ) : null}
      </h3>
      <div className="exercise__body">{children}</div>
    </section>
  );
}

/** Props of {@link Answer}. */
export interface AnswerProps {
  /** The worked answer (MDX). */
  children?: ReactNode;
}

/**
 * The answer to an {@link Exercise}, collapsed behind a "Show answer" disclosure
 * (`<details>`/`<summary>`: keyboard- and screen-reader-accessible, works without script,
 * and the browser's find-in-page can open it).
 */
export function Answer({ children }: AnswerProps) {
  return (
    <details className="answer">
      <summary>
        <span className="answer__show">Show answer</span>
        <span className="answer__hide">Hide answer</span>
      </summary>
      <div className="answer__body">{children}</div>
    </details>
  );
}
