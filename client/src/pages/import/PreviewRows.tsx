// What each row of the sheet would do: created, changed field by field (before → after, flagged where a
// reason is needed), unchanged, or its errors — filtered by what the rows do, a page at a time.

import type { ImportError, ImportPreview, ImportRow, ImportRowFilter } from "@jiati/shared";
import { Grid, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { filterCount, ROW_FILTERS } from "./preview";
import { ROWS_PER_PAGE, usePreviewRows } from "./usePreview";

const ACTION_COLORS: Record<ImportRow["action"], string> = {
  create: "green",
  update: "blue",
  unchanged: "default",
  error: "red",
};

export function PreviewRows({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const { filter, chooseFilter, page, setPage, query, errorsByRow } = usePreviewRows(preview);
  const columns = useRowColumns(phone, errorsByRow);
  const filterOptions = ROW_FILTERS.map((value) => ({
    value,
    label: t(`import.filter.${value}`, { count: filterCount(preview.counts, value) }),
  }));

  return (
    <section className="section" data-testid="import-rows">
      <Space wrap className="import-rows-head">
        <Typography.Title level={5} className="page-title">
          {t("import.rowsTitle")}
        </Typography.Title>
        {phone ? (
          <Select<ImportRowFilter>
            value={filter}
            onChange={chooseFilter}
            data-testid="import-filter"
            options={filterOptions}
            className="import-filter-select"
          />
        ) : (
          <Segmented<ImportRowFilter>
            value={filter}
            onChange={chooseFilter}
            data-testid="import-filter"
            options={filterOptions}
          />
        )}
      </Space>
      <Table<ImportRow>
        size="small"
        rowKey="row"
        columns={columns}
        dataSource={query.data?.rows ?? []}
        loading={query.isFetching}
        pagination={{
          current: page,
          pageSize: ROWS_PER_PAGE,
          total: query.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        scroll={phone ? undefined : { x: 640 }}
        onRow={(row) => ({ "data-testid": `import-row-${row.row}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </section>
  );
}

/** On a phone, one column: the row, what it does and its changes, stacked (no sideways scrolling). */
function useRowColumns(phone: boolean, errorsByRow: Map<number, ImportError[]>): ColumnsType<ImportRow> {
  const { t } = useTranslation();
  const changes = (row: ImportRow) => <RowChanges row={row} errors={errorsByRow.get(row.row) ?? []} />;
  if (phone) {
    return [
      {
        key: "row",
        title: t("import.rowsTitle"),
        render: (_, row) => (
          <div className="import-row-stacked">
            <div className="import-row-line">
              <span className="muted">{t("import.rowNumber", { row: row.row })}</span>
              <ActionTag row={row} />
            </div>
            <BuildingCell row={row} />
            {changes(row)}
          </div>
        ),
      },
    ];
  }
  return [
    { key: "row", title: t("import.row"), dataIndex: "row", width: 64 },
    { key: "action", title: t("import.action"), width: 84, render: (_, row) => <ActionTag row={row} /> },
    { key: "building", title: t("import.building"), render: (_, row) => <BuildingCell row={row} /> },
    { key: "changes", title: t("import.changes"), render: (_, row) => changes(row) },
  ];
}

function ActionTag({ row }: { row: ImportRow }) {
  const { t } = useTranslation();
  return <Tag color={ACTION_COLORS[row.action]}>{t(`import.actions.${row.action}`)}</Tag>;
}

/** The building a row names: a link to it when it exists, its area and id beneath. */
function BuildingCell({ row }: { row: ImportRow }) {
  const { t } = useTranslation();
  return (
    <div className="import-building">
      {row.buildingId ? (
        <Link to={`/buildings/${row.buildingId}`} target="_blank">
          {row.address || `#${row.buildingId}`}
        </Link>
      ) : (
        <span>{row.address || "—"}</span>
      )}
      <div className="muted">
        {[row.areaName, row.buildingId ? t("import.id", { id: row.buildingId }) : null].filter(Boolean).join(" · ")}
      </div>
    </div>
  );
}

/** A row's errors, or its changes field by field (a new building's values only). */
function RowChanges({ row, errors }: { row: ImportRow; errors: ImportError[] }) {
  const { t } = useTranslation();
  if (row.action === "error") {
    return (
      <ul className="import-changes import-row-errors">
        {errors.map((error) => (
          <li key={`${error.cell}-${error.message}`}>
            {error.cell && <strong>{error.cell} </strong>}
            {error.message}
          </li>
        ))}
      </ul>
    );
  }
  if (row.changes.length === 0) return <span className="muted">—</span>;
  const shown = (value: string) => value || t("history.empty");
  return (
    <ul className="import-changes">
      {row.changes.map((change) => (
        <li key={change.field} data-testid={`import-change-${row.row}-${change.field}`}>
          <strong>{change.column}</strong>：
          {row.action === "create" ? (
            <span>{shown(change.after)}</span>
          ) : (
            <>
              <del>{shown(change.before)}</del> → <ins>{shown(change.after)}</ins>
            </>
          )}
          {change.needsReason && (
            <Tag color="orange" className="import-reason-tag">
              {t("import.needsReasonTag")}
            </Tag>
          )}
        </li>
      ))}
    </ul>
  );
}
