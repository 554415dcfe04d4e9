// A small sortable table for summary figures (the zone and area comparisons, the report): plain HTML,
// much lighter than antd's Table, and prints cleanly. Click a header to sort; again to reverse.

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
}

export function SortableTable<T>(props: Props<T>) {
  const { rows, columns, rowKey, rowClassName, rowTestId, testId, className } = props;
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
    <div className={`sortable-table-wrap ${className ?? ""}`}>
      <table className="sortable-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const ariaSort = active ? (sort?.descending ? "descending" : "ascending") : undefined;
              return (
                <th
                  key={column.key}
                  style={{ textAlign: column.align }}
                  className={column.className}
                  aria-sort={ariaSort}
                >
                  {column.compare ? (
                    <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                      {column.title}
                      <span className={`sort-icons ${active ? "active" : ""}`}>
                        {active && sort?.descending ? <CaretDownOutlined /> : <CaretUpOutlined />}
                      </span>
                    </button>
                  ) : (
                    column.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)} data-testid={rowTestId?.(row)}>
              {columns.map((column) => (
                <td key={column.key} style={{ textAlign: column.align }} className={column.className}>
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
