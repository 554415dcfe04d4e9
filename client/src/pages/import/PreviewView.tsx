// An import's preview: the counts, every error by row and column (cell reference), what each row would do
// (created, changed field by field, unchanged), a reason when one is needed, and the commit — offered only
// when the server says the preview can be committed. A commit refused as stale offers to upload again.

import type { ImportPreview } from "@jiati/shared";
import { Alert, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { ImportDone, PreviewCommit } from "./PreviewCommit";
import { PreviewErrors } from "./PreviewErrors";
import { PreviewRows } from "./PreviewRows";
import { usePreviewCommit } from "./usePreview";

interface Props {
  preview: ImportPreview;
  /** Upload the same file again (after a stale or expired preview). */
  onReupload: () => void;
  onChooseAnother: () => void;
}

export function PreviewView({ preview, onReupload, onChooseAnother }: Props) {
  const commit = usePreviewCommit(preview);
  const result = commit.commit.data;
  if (result) return <ImportDone result={result} onChooseAnother={onChooseAnother} />;
  return (
    <div className="import-preview" data-testid="import-preview">
      <PreviewHead preview={preview} />
      <PreviewCounts preview={preview} />
      <PreviewNotices preview={preview} />
      {preview.counts.errors > 0 && <PreviewErrors preview={preview} />}
      <PreviewRows preview={preview} />
      <PreviewCommit preview={preview} commit={commit} onReupload={onReupload} onChooseAnother={onChooseAnother} />
    </div>
  );
}

function PreviewHead({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
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
  );
}

const COUNTED = ["rows", "create", "update", "unchanged", "error"] as const;

function PreviewCounts({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="import-counts" data-testid="import-counts">
      {COUNTED.map((key) => (
        <Statistic
          key={key}
          title={t(`import.count.${key}`)}
          value={fmt.int(preview.counts[key])}
          className={`import-count import-count-${key}`}
          data-testid={`import-count-${key}`}
        />
      ))}
    </div>
  );
}

/** Errors to fix first, nothing to do, and the columns ignored or absent. */
function PreviewNotices({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const { counts } = preview;
  const nothingToDo = counts.errors === 0 && counts.create + counts.update === 0;
  return (
    <>
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
      {preview.notices.map((notice) => (
        <Alert key={notice} type="warning" showIcon className="page-alert" data-testid="import-notice" title={notice} />
      ))}
      <SkippedRows skipped={preview.skipped} />
    </>
  );
}

/** Rows read but left out — totals rows, empty rows, another area's unchanged rows — grouped by why. */
function SkippedRows({ skipped }: { skipped: ImportPreview["skipped"] }) {
  const { t } = useTranslation();
  if (skipped.length === 0) return null;
  const byReason = new Map<string, number[]>();
  for (const { row, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), row]);
  return (
    <Alert
      type="info"
      showIcon
      className="page-alert"
      data-testid="import-skipped"
      title={t("import.skipped", { count: skipped.length })}
      description={
        <ul className="import-skipped">
          {[...byReason].map(([reason, rows]) => (
            <li key={reason}>
              {reason}：
              {t("import.rowsList", { rows: rows.slice(0, 20).join("、"), more: rows.length > 20 ? " …" : "" })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
