// Every error of an import preview by row, column and cell, a page at a time.

import type { ImportError, ImportPreview } from "@jiati/shared";
import { Grid, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { ERRORS_PER_PAGE, usePreviewErrors } from "./usePreview";

type ErrorRow = ImportError & { key: number };

export function PreviewErrors({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const { page, setPage, query } = usePreviewErrors(preview);
  const columns = useErrorColumns(phone);
  const total = preview.counts.errors;
  return (
    <section className="section" data-testid="import-errors">
      <Typography.Title level={5}>{t("import.errorsTitle", { count: total })}</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        columns={columns}
        loading={query.isFetching}
        dataSource={(query.data?.errors ?? []).map((error, index) => ({
          ...error,
          key: (page - 1) * ERRORS_PER_PAGE + index,
        }))}
        pagination={{
          current: page,
          pageSize: ERRORS_PER_PAGE,
          total,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        scroll={phone ? undefined : { x: 560 }}
      />
    </section>
  );
}

/** On a phone, one column: where (row · column · cell) above the problem. */
function useErrorColumns(phone: boolean): ColumnsType<ErrorRow> {
  const { t } = useTranslation();
  if (phone) {
    return [
      {
        key: "error",
        title: t("import.problem"),
        render: (_, error) => (
          <div>
            <div className="muted">
              {[error.row == null ? null : t("import.rowNumber", { row: error.row }), error.column, error.cell]
                .filter(Boolean)
                .join(" · ")}
            </div>
            {error.message}
          </div>
        ),
      },
    ];
  }
  return [
    { key: "row", title: t("import.row"), width: 64, render: (_, error) => error.row ?? "—" },
    { key: "column", title: t("import.column"), width: 120, render: (_, error) => error.column ?? "—" },
    { key: "cell", title: t("import.cell"), width: 80, render: (_, error) => error.cell ?? "—" },
    { key: "message", title: t("import.problem"), dataIndex: "message" },
  ];
}
