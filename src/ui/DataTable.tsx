import { useId, useState, type ReactNode } from 'react';
import { formatNumber } from './validate';

/** A table cell: text, a number (right-aligned, formatted) or empty. */
export type Cell = string | number | null | undefined;

/** A column header with options. */
export interface DataColumn {
  /** Header text. */
  label: string;
  /** Alignment; numbers default to `end`, text to `start`. */
  align?: 'start' | 'end' | 'center';
  /** Formats numbers in this column (default: 4 significant digits). */
  format?: (v: number) => string;
}

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /** Caption: the table's accessible name and visible title. */
  caption: ReactNode;
  /** Column headers (strings or {@link DataColumn}s). */
  columns: readonly (string | DataColumn)[];
  /** Rows of cells, one per column. */
  rows: readonly (readonly Cell[])[];
  /** Optional header cell per row (rendered as `<th scope="row">`), e.g. sentence numbers. */
  rowHeaders?: readonly string[];
  /** Show only the first N rows, with a "Show all M rows" button. */
  maxRows?: number;
  /**
   * Emphasis per cell, e.g. PAD ids in a padded matrix as `muted`. Shown by style and, for
   * `muted`, also by a lighter weight (the value itself stays visible).
   */
  cellTone?: (value: Cell, row: number, col: number) => 'muted' | 'accent' | 'danger' | undefined;
  /** Compact monospace cells (for id matrices). */
  mono?: boolean;
}

function cellText(v: Cell, col: DataColumn): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return col.format ? col.format(v) : formatNumber(v);
  return v;
}

/**
 * A small accessible table for vocabularies and padded matrices: a caption, column headers
 * with `scope="col"`, optional row headers, a sticky header, horizontal scrolling inside a
 * focusable, labelled container on narrow screens, and an optional row limit with a
 * "Show all" toggle.
 */
export function DataTable({
  caption,
  columns,
  rows,
  rowHeaders,
  maxRows,
  cellTone,
  mono,
}: DataTableProps) {
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const cols: DataColumn[] = columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  const limited = maxRows !== undefined && !expanded && rows.length > maxRows;
  const visible = limited ? rows.slice(0, maxRows) : rows;
  return (
    <div className="ui-table-block">
      <div className="ui-table-scroll" role="region" aria-labelledby={`${id}-cap`} tabIndex={0}>
        <table className={mono ? 'ui-table ui-table-mono' : 'ui-table'}>
          <caption id={`${id}-cap`}>{caption}</caption>
          <thead>
            <tr>
              {rowHeaders ? <td className="ui-table-corner" /> : null}
              {cols.map((c, j) => (
                <th key={j} scope="col" className={c.align ? `ui-align-${c.align}` : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((row, i) => (
              <tr key={i}>
                {rowHeaders ? <th scope="row">{rowHeaders[i] ?? ''}</th> : null}
                {cols.map((c, j) => {
                  const v = row[j];
                  const align = c.align ?? (typeof v === 'number' ? 'end' : 'start');
                  const tone = cellTone?.(v, i, j);
                  const cls = `ui-align-${align}${tone ? ` ui-cell-${tone}` : ''}`;
                  return (
                    <td key={j} className={cls}>
                      {cellText(v, c)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {maxRows !== undefined && rows.length > maxRows ? (
        <button
          type="button"
          className="ui-button ui-button-small ui-button-quiet"
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? `Show first ${maxRows} rows` : `Show all ${rows.length} rows`}
        </button>
      ) : null}
    </div>
  );
}
