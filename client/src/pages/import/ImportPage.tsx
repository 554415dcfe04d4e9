// 导入台账: choose an .xlsx → upload it (bytes sent, then the server reading it) → the preview of what
// would change and every error by row and column → a reason when one is needed → commit, all or nothing.
// The template and the current ledger are downloadable here too, as the files to start from.

import { DownloadOutlined, InboxOutlined, ReloadOutlined } from "@ant-design/icons";
import { IMPORT_MAX_BYTES, type ImportPreview } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Progress, Space, Spin, Typography, Upload } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isApiError } from "../../api/http";
import { ledgerExportUrl, ledgerTemplateUrl, uploadLedger } from "../../api/ledger";
import { sessionQuery } from "../../api/session";
import { areaQuery } from "../../api/structure";
import { useErrorMessage } from "../../components/useErrorMessage";
import { currentYear } from "../../lib/dates";
import { PreviewView } from "./PreviewView";

type Step =
  | { kind: "idle" }
  | { kind: "sending"; file: File; loaded: number; total: number }
  | { kind: "reading"; file: File }
  | { kind: "failed"; file: File; error: unknown }
  | { kind: "preview"; file: File; preview: ImportPreview };

const MB = IMPORT_MAX_BYTES / 1024 / 1024;

export function ImportPage() {
  const { t } = useTranslation();
  const { step, start, reset } = useLedgerUpload();
  return (
    <div className="page import-page" data-testid="import-page">
      <ImportHead />
      <ol className="import-steps muted">
        <li>{t("import.step1")}</li>
        <li>{t("import.step2")}</li>
        <li>{t("import.step3", { mb: MB })}</li>
      </ol>
      {(step.kind === "idle" || step.kind === "failed") && <DropZone onFile={start} />}
      {step.kind === "failed" && <UploadError error={step.error} onRetry={() => start(step.file)} />}
      {(step.kind === "sending" || step.kind === "reading") && <UploadProgress step={step} onCancel={reset} />}
      {step.kind === "preview" && (
        <PreviewView
          key={step.preview.token}
          preview={step.preview}
          onReupload={() => start(step.file)}
          onChooseAnother={reset}
        />
      )}
    </div>
  );
}

/**
 * The upload's steps: a file refused at once (wrong format, empty, too large), its bytes sent, the server
 * reading it, then its preview or why it failed. Starting again or resetting abandons an upload under way.
 */
function useLedgerUpload() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const upload = useRef<AbortController | null>(null);

  const refusal = (file: File): ApiError | null => {
    // No verdict on the name: the server reads the content (a real .xlsx named .xls is read, an old .xls explained).
    if (file.size === 0) return new ApiError(400, "empty_file", t("import.emptyFile"));
    if (file.size > IMPORT_MAX_BYTES) return new ApiError(413, "payload_too_large", "");
    return null;
  };
  const start = (file: File) => {
    upload.current?.abort();
    const refused = refusal(file);
    if (refused) {
      setStep({ kind: "failed", file, error: refused });
      return;
    }
    const controller = new AbortController();
    upload.current = controller;
    // Once abandoned, an upload's late answers change nothing.
    const follow = (next: Step) => {
      if (!controller.signal.aborted) setStep(next);
    };
    follow({ kind: "sending", file, loaded: 0, total: file.size });
    uploadLedger(
      file,
      (phase) => follow(phase.kind === "reading" ? { kind: "reading", file } : { ...phase, file }),
      controller.signal,
    ).then(
      (preview) => follow({ kind: "preview", file, preview }),
      (error: unknown) => follow({ kind: "failed", file, error }),
    );
  };
  const reset = () => {
    upload.current?.abort();
    setStep({ kind: "idle" });
  };
  return { step, start, reset };
}

/** The title, and the files to start from: the template and the current ledger (a secretary's: their area's). */
function ImportHead() {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const secretary = user?.role === "secretary";
  const ownArea = useQuery({ ...areaQuery(user?.areaId ?? 0), enabled: secretary });
  const exportScope = secretary && user.areaId ? { areaId: user.areaId } : {};
  const exportName = ownArea.data?.name ?? (secretary ? "" : t("dashboard.town"));
  return (
    <div className="page-head">
      <div>
        <Typography.Title level={1} className="page-title">
          {t("import.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("import.intro")}</Typography.Text>
      </div>
      <Space wrap>
        <Button href={ledgerTemplateUrl} icon={<DownloadOutlined />} data-testid="template-download">
          {t("ledger.template")}
        </Button>
        <Button
          href={ledgerExportUrl({ ...exportScope, year: currentYear() })}
          icon={<DownloadOutlined />}
          data-testid="import-export-link"
        >
          {exportName ? t("ledger.exportScope", { scope: exportName }) : t("ledger.export")}
        </Button>
      </Space>
    </div>
  );
}

function DropZone({ onFile }: { onFile: (file: File) => void }) {
  const { t } = useTranslation();
  return (
    <Upload.Dragger
      // Judged by its content, not its name: a real .xlsx saved as .xls or .xlsm is read; an old .xls is explained.
      accept=".xlsx,.xlsm,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
      multiple={false}
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return Upload.LIST_IGNORE;
      }}
      className="import-dropzone"
      data-testid="import-dropzone"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t("import.choose")}</p>
      <p className="ant-upload-hint">{t("import.chooseHint", { mb: MB })}</p>
    </Upload.Dragger>
  );
}

/** The bytes sent (cancellable), then the server reading the file. */
function UploadProgress({
  step,
  onCancel,
}: {
  step: Extract<Step, { kind: "sending" | "reading" }>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  if (step.kind === "reading") {
    return (
      <div className="import-progress" data-testid="import-reading" role="status">
        <Progress percent={100} showInfo={false} />
        <Space>
          <Spin />
          <span>{t("import.reading", { name: step.file.name })}</span>
        </Space>
      </div>
    );
  }
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      <div>{t("import.sending", { name: step.file.name })}</div>
      <Progress
        percent={step.total ? Math.floor((step.loaded / step.total) * 100) : 0}
        status="active"
        format={(percent) => `${percent}%`}
      />
      <Button onClick={onCancel}>{t("common.cancel")}</Button>
    </div>
  );
}

/** Why an upload failed, in words, with a retry of the same file. */
function UploadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  let title = t("import.failed");
  let detail = errorMessage(error);
  let retry = true;
  if (isApiError(error, 413)) {
    title = t("import.tooLarge", { mb: MB });
    detail = t("import.tooLargeHint");
    retry = false;
  } else if (isApiError(error, 400)) {
    title = t("import.unreadable");
    detail = error.fields.file ?? error.message;
    retry = false;
  } else if (isApiError(error, 403)) {
    title = t("import.forbidden");
    retry = false;
  }
  return (
    <Alert
      type="error"
      showIcon
      className="import-error"
      data-testid="import-error"
      title={title}
      description={
        <>
          <div>{detail}</div>
          {!retry && <div className="muted">{t("import.chooseAgain")}</div>}
        </>
      }
      action={
        retry ? (
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : null
      }
    />
  );
}
