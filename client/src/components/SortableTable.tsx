// A small sortable table for summary figures (the zone and area comparisons, the report): plain HTML,
// much lighter than antd's Table, and prints cleanly. Click a header to sort; again to reverse. With
// `stackOnPhone`, a phone's screen shows each row as a small card of labelled cells under a row of sort
// buttons (styles.css), so nothing scrolls sideways.

import { CaretDownOutlined, CaretUpOutlined } from "@ant-design/icons";
import { type ReactNode, useMemo, useState } from "react";

export interface Column<T> {
  key: string;
  title: ReactNode;
  render: (row: T) => ReactNode;
  /** Makes the column sortable. */
  compare?: (a: T, b: T) => number;
  align?: "left" | "right" | "center";
  className?: string;
  /** The cell's label when rows are stacked on a phone (default: the title, when it is text). */
  label?: string;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  rowClassName?: (row: T) => string;
  rowTestId?: (row: T) => string;
  initialSort?: { key: string; descending?: boolean };
  testId?: string;
  className?: string;
  /** On a phone, rows as stacked cards of labelled cells instead of a table that scrolls sideways. */
  stackOnPhone?: boolean;
}

const alignClass = (column: Pick<Column<unknown>, "className" | "align">) =>
  `${column.className ?? ""} align-${column.align ?? "left"}`;

export function SortableTable<T>(props: Props<T>) {
  const { rows, columns, rowKey, rowClassName, rowTestId, testId, className, stackOnPhone } = props;
  const [sort, setSort] = useState(props.initialSort ?? null);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column?.compare || !sort) return rows;
    const compare = column.compare;
    return [...rows].sort((a, b) => (sort.descending ? -compare(a, b) : compare(a, b)));
  }, [rows, columns, sort]);

  const toggle = (key: string) =>
    setSort((prev) => (prev?.key === key ? { key, descending: !prev.descending } : { key, descending: false }));

  return (
    <div className={`sortable-table-wrap ${stackOnPhone ? "stack-on-phone" : ""} ${className ?? ""}`}>
      <table className="sortable-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <HeaderCell
                key={column.key}
                column={column}
                sorted={sort?.key === column.key ? (sort.descending ? "descending" : "ascending") : undefined}
                onSort={() => toggle(column.key)}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)} data-testid={rowTestId?.(row)}>
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={alignClass(column)}
                  data-label={column.label ?? (typeof column.title === "string" ? column.title : undefined)}
                >
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface HeaderProps {
  column: Pick<Column<unknown>, "title" | "className" | "align"> & { compare?: unknown };
  sorted: "ascending" | "descending" | undefined;
  onSort: () => void;
}

/** A column's head: a sort button when the column sorts (its arrow lit when it is the sorted one). */
function HeaderCell({ column, sorted, onSort }: HeaderProps) {
  return (
    <th className={`${alignClass(column)} ${column.compare ? "" : "not-sortable"}`} aria-sort={sorted}>
      {column.compare ? (
        <button type="button" className="sort-button" onClick={onSort}>
          {column.title}
          <span className={`sort-icons ${sorted ? "active" : ""}`}>
            {sorted === "descending" ? <CaretDownOutlined /> : <CaretUpOutlined />}
          </span>
        </button>
      ) : (
        column.title
      )}
    </th>
  );
}
