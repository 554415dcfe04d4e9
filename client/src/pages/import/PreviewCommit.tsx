// The end of an import preview: the reason (when a change needs one), the commit — offered only when the
// server says the preview can be committed — and, when a commit is refused as stale, the upload again.
// After the commit: what was created and updated.

import type { ImportCommitResult, ImportPreview } from "@jiati/shared";
import { Alert, Button, Form, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorMessage } from "../../components/useErrorMessage";
import { reasonError } from "./preview";
import type { usePreviewCommit } from "./usePreview";

interface Props {
  preview: ImportPreview;
  commit: ReturnType<typeof usePreviewCommit>;
  onReupload: () => void;
  onChooseAnother: () => void;
}

export function PreviewCommit({ preview, commit, onReupload, onChooseAnother }: Props) {
  const { t } = useTranslation();
  const { form, submit, reuploadable } = commit;
  const { counts } = preview;
  const error = commit.commit.error;
  return (
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
      {error && !reasonError(error) && (
        <CommitError error={error} reuploadable={reuploadable} onReupload={onReupload} />
      )}
      <Space wrap>
        {preview.canCommit && !reuploadable && (
          <Button type="primary" onClick={submit} loading={commit.commit.isPending} data-testid="import-commit">
            {t("import.commit", { created: counts.create, updated: counts.update })}
          </Button>
        )}
        <Button onClick={onChooseAnother} data-testid="import-choose-another">
          {t("import.chooseAnother")}
        </Button>
      </Space>
    </section>
  );
}

function CommitError({
  error,
  reuploadable,
  onReupload,
}: {
  error: unknown;
  reuploadable: boolean;
  onReupload: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <Alert
      type={reuploadable ? "warning" : "error"}
      showIcon
      className="page-alert"
      data-testid="import-commit-error"
      title={reuploadable ? t("import.stale") : t("import.commitFailed")}
      description={errorMessage(error)}
      action={
        reuploadable ? (
          <Button type="primary" onClick={onReupload} data-testid="import-reupload">
            {t("import.reupload")}
          </Button>
        ) : null
      }
    />
  );
}

/** The commit went through: how many buildings were created and updated, and where to go next. */
export function ImportDone({ result, onChooseAnother }: { result: ImportCommitResult; onChooseAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      className="import-result"
      data-testid="import-result"
      title={t("import.done", { created: result.created, updated: result.updated })}
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
