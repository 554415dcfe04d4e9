// An import's preview: the counts, every error by row and column (cell reference), what each row would do
// (created, changed field by field, unchanged), a reason when one is needed, and the commit — offered only
// when the server says the preview can be committed. A commit refused as stale offers to upload again.

import type { ImportError, ImportPreview, ImportRow, ImportRowFilter } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Grid, Input, Segmented, Select, Space, Statistic, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/http";
import { importErrorsQuery, importRowsQuery, useCommitImport } from "../../api/ledger";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";

const FILTERS = [
  "changes",
  "create",
  "update",
  "unchanged",
  "error",
  "all",
] as const satisfies readonly ImportRowFilter[];
type Filter = ImportRowFilter;
const ROWS_PER_PAGE = 50;
const ERRORS_PER_PAGE = 20;

const ACTION_COLORS: Record<ImportRow["action"], string> = {
  create: "green",
  update: "blue",
  unchanged: "default",
  error: "red",
};

interface Props {
  preview: ImportPreview;
  /** Upload the same file again (after a stale or expired preview). */
  onReupload: () => void;
  onChooseAnother: () => void;
}

export function PreviewView({ preview, onReupload, onChooseAnother }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorMessage = useErrorMessage();
  const phone = Grid.useBreakpoint().md === false;
  const commit = useCommitImport();
  const [form] = Form.useForm<{ reason: string }>();
  const { counts } = preview;
  const [filter, setFilter] = useState<Filter>(counts.create + counts.update > 0 ? "changes" : "all");
  const [rowsPage, setRowsPage] = useState(1);
  const [errorsPage, setErrorsPage] = useState(1);
  // Rows and errors are read a page at a time from the stored preview, however long the file.
  const rowsQuery = useQuery(importRowsQuery(preview.token, filter, (rowsPage - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE));
  const errorsQuery = useQuery({
    ...importErrorsQuery(preview.token, (errorsPage - 1) * ERRORS_PER_PAGE, ERRORS_PER_PAGE),
    enabled: counts.errors > 0,
  });
  const chooseFilter = (next: Filter) => {
    setFilter(next);
    setRowsPage(1);
  };

  const errorsByRow = useMemo(() => {
    const map = new Map<number, ImportError[]>();
    for (const error of rowsQuery.data?.errors ?? []) {
      if (error.row == null) continue;
      map.set(error.row, [...(map.get(error.row) ?? []), error]);
    }
    return map;
  }, [rowsQuery.data]);

  const submit = async () => {
    const { reason } = preview.needsReason ? await form.validateFields() : { reason: "" };
    commit.mutate(
      { token: preview.token, reason: reason?.trim() || undefined },
      {
        onError: (error) => {
          if (isApiError(error, 400) && error.fields.reason) {
            form.setFields([{ name: "reason", errors: [error.fields.reason] }]);
          }
        },
      },
    );
  };

  const nothingToDo = counts.errors === 0 && counts.create + counts.update === 0;
  const commitError = commit.error;
  // A preview that is stale, expired or lost an address to someone else: upload the same file again.
  const reuploadable =
    isApiError(commitError, 409) && commitError.code !== "already_committed" ? true : isApiError(commitError, 404);

  if (commit.data) {
    return (
      <Alert
        type="success"
        showIcon
        className="import-result"
        data-testid="import-result"
        title={t("import.done", { created: commit.data.created, updated: commit.data.updated })}
        description={t("import.doneHint")}
        action={
          <Space direction="vertical">
            <Link to="/">
              <Button type="primary" data-testid="import-to-dashboard">
                {t("nav.dashboard")}
              </Button>
            </Link>
            <Button onClick={onChooseAnother}>{t("import.another")}</Button>
          </Space>
        }
      />
    );
  }

  const actionTag = (row: ImportRow) => (
    <Tag color={ACTION_COLORS[row.action]}>{t(`import.actions.${row.action}`)}</Tag>
  );
  const buildingCell = (row: ImportRow) => (
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
  const changesCell = (row: ImportRow) =>
    row.action === "error" ? (
      <ul className="import-changes import-row-errors">
        {(errorsByRow.get(row.row) ?? []).map((error) => (
          <li key={`${error.cell}-${error.message}`}>
            {error.cell && <strong>{error.cell} </strong>}
            {error.message}
          </li>
        ))}
      </ul>
    ) : row.changes.length === 0 ? (
      <span className="muted">—</span>
    ) : (
      <ul className="import-changes">
        {row.changes.map((change) => (
          <li key={change.field} data-testid={`import-change-${row.row}-${change.field}`}>
            <strong>{change.column}</strong>：
            {row.action === "create" ? (
              <span>{change.after || t("history.empty")}</span>
            ) : (
              <>
                <del>{change.before || t("history.empty")}</del> → <ins>{change.after || t("history.empty")}</ins>
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
  // On a phone, one column: the row, what it does and its changes, stacked (no sideways scrolling).
  const rowColumns: ColumnsType<ImportRow> = phone
    ? [
        {
          key: "row",
          title: t("import.rowsTitle"),
          render: (_, row) => (
            <div className="import-row-stacked">
              <div className="import-row-line">
                <span className="muted">{t("import.rowNumber", { row: row.row })}</span>
                {actionTag(row)}
              </div>
              {buildingCell(row)}
              {changesCell(row)}
            </div>
          ),
        },
      ]
    : [
        { key: "row", title: t("import.row"), dataIndex: "row", width: 64 },
        { key: "action", title: t("import.action"), width: 84, render: (_, row) => actionTag(row) },
        { key: "building", title: t("import.building"), render: (_, row) => buildingCell(row) },
        { key: "changes", title: t("import.changes"), render: (_, row) => changesCell(row) },
      ];

  const errorColumns: ColumnsType<ImportError & { key: number }> = phone
    ? [
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
      ]
    : [
        { key: "row", title: t("import.row"), width: 64, render: (_, error) => error.row ?? "—" },
        { key: "column", title: t("import.column"), width: 120, render: (_, error) => error.column ?? "—" },
        { key: "cell", title: t("import.cell"), width: 80, render: (_, error) => error.cell ?? "—" },
        { key: "message", title: t("import.problem"), dataIndex: "message" },
      ];
  const filterOptions = FILTERS.map((value) => ({
    value,
    label: t(`import.filter.${value}`, {
      count:
        value === "all"
          ? counts.rows
          : value === "changes"
            ? counts.create + counts.update
            : counts[value as "create" | "update" | "unchanged" | "error"],
    }),
  }));

  return (
    <div className="import-preview" data-testid="import-preview">
      <div className="import-preview-head">
        <Typography.Title level={4} className="page-title">
          {t("import.previewTitle", { name: preview.fileName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t("import.sheetInfo", {
            sheet: preview.sheetName,
            row: preview.headerRow,
            until: fmt.dateTime(preview.expiresAt),
          })}
        </Typography.Text>
      </div>

      <div className="import-counts" data-testid="import-counts">
        {(["rows", "create", "update", "unchanged", "error"] as const).map((key) => (
          <Statistic
            key={key}
            title={t(`import.count.${key}`)}
            value={fmt.int(counts[key])}
            className={`import-count import-count-${key}`}
            data-testid={`import-count-${key}`}
          />
        ))}
      </div>

      {counts.errors > 0 && (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          data-testid="import-has-errors"
          title={t("import.hasErrors", { count: counts.errors })}
          description={t("import.hasErrorsHint")}
        />
      )}
      {nothingToDo && (
        <Alert type="info" showIcon className="page-alert" data-testid="import-nothing" title={t("import.nothing")} />
      )}
      {preview.ignoredColumns.length > 0 && (
        <Alert
          type="info"
          className="page-alert"
          title={t("import.ignored", { columns: preview.ignoredColumns.join("、") })}
        />
      )}
      {preview.absentColumns.length > 0 && (
        <Alert
          type="info"
          className="page-alert"
          title={t("import.absent", { columns: preview.absentColumns.join("、") })}
        />
      )}

      {counts.errors > 0 && (
        <section className="section" data-testid="import-errors">
          <Typography.Title level={5}>{t("import.errorsTitle", { count: counts.errors })}</Typography.Title>
          <Table
            size="small"
            rowKey="key"
            columns={errorColumns}
            loading={errorsQuery.isFetching}
            dataSource={(errorsQuery.data?.errors ?? []).map((error, index) => ({
              ...error,
              key: (errorsPage - 1) * ERRORS_PER_PAGE + index,
            }))}
            pagination={{
              current: errorsPage,
              pageSize: ERRORS_PER_PAGE,
              total: counts.errors,
              onChange: setErrorsPage,
              showSizeChanger: false,
              hideOnSinglePage: true,
            }}
            scroll={phone ? undefined : { x: 560 }}
          />
        </section>
      )}

      <section className="section" data-testid="import-rows">
        <Space wrap className="import-rows-head">
          <Typography.Title level={5} className="page-title">
            {t("import.rowsTitle")}
          </Typography.Title>
          {phone ? (
            <Select<Filter>
              value={filter}
              onChange={chooseFilter}
              data-testid="import-filter"
              options={filterOptions}
              className="import-filter-select"
            />
          ) : (
            <Segmented<Filter>
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
          columns={rowColumns}
          dataSource={rowsQuery.data?.rows ?? []}
          loading={rowsQuery.isFetching}
          pagination={{
            current: rowsPage,
            pageSize: ROWS_PER_PAGE,
            total: rowsQuery.data?.total ?? 0,
            onChange: setRowsPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
          scroll={phone ? undefined : { x: 640 }}
          onRow={(row) => ({ "data-testid": `import-row-${row.row}` }) as React.HTMLAttributes<HTMLElement>}
        />
      </section>

      <section className="section import-commit">
        {preview.canCommit && preview.needsReason && (
          <Form form={form} layout="vertical">
            <Form.Item
              name="reason"
              label={t("field.reason")}
              extra={t("import.reasonHint")}
              rules={[{ required: true, whitespace: true, message: t("import.reasonRequired") }]}
            >
              <Input.TextArea rows={2} maxLength={500} data-testid="import-reason" />
            </Form.Item>
          </Form>
        )}
        {commitError && !(isApiError(commitError, 400) && commitError.fields.reason) && (
          <Alert
            type={reuploadable ? "warning" : "error"}
            showIcon
            className="page-alert"
            data-testid="import-commit-error"
            title={reuploadable ? t("import.stale") : t("import.commitFailed")}
            description={errorMessage(commitError)}
            action={
              reuploadable ? (
                <Button type="primary" onClick={onReupload} data-testid="import-reupload">
                  {t("import.reupload")}
                </Button>
              ) : null
            }
          />
        )}
        <Space wrap>
          {preview.canCommit && !reuploadable && (
            <Button type="primary" onClick={submit} loading={commit.isPending} data-testid="import-commit">
              {t("import.commit", { created: counts.create, updated: counts.update })}
            </Button>
          )}
          <Button onClick={onChooseAnother} data-testid="import-choose-another">
            {t("import.chooseAnother")}
          </Button>
        </Space>
      </section>
    </div>
  );
}
