// Confirming the review (a closed year's draft, after a confirmation dialog that says what it freezes), and
// reopening a confirmed one with a reason — the task force's, audited by the server.

import { CheckCircleOutlined, UnlockOutlined } from "@ant-design/icons";
import type { YearReview } from "@jiati/shared";
import { App, Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useConfirmReview, useReopenReview } from "../../api/reviews";
import { Sheet } from "../../components/Sheet";
import { useReviewErrors } from "./edits";

export function ReviewActions({ review }: { review: YearReview }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const confirm = useConfirmReview(review.year);
  const onError = useReviewErrors(review.year);
  const [reopening, setReopening] = useState(false);
  if (!review.abilities.confirm && !review.abilities.reopen) return null;

  const askToConfirm = () =>
    modal.confirm({
      title: t("review.confirmTitle", { year: review.year }),
      content: (
        <>
          <p>{t("review.confirmBody")}</p>
          <p>
            {t("review.confirmList", {
              excellent: review.awards.excellent.length,
              advanced: review.awards.advanced.length,
            })}
          </p>
        </>
      ),
      okText: t("review.confirm"),
      okButtonProps: { "data-testid": "review-confirm-ok" },
      cancelText: t("common.cancel"),
      onOk: () =>
        confirm
          .mutateAsync({ version: review.version })
          .then(() => void message.success(t("review.confirmed")))
          .catch(onError),
    });

  return (
    <div className="review-actions">
      {review.abilities.confirm && (
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={askToConfirm} data-testid="review-confirm">
          {t("review.confirm")}
        </Button>
      )}
      {review.abilities.reopen && (
        <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="review-reopen">
          {t("review.reopen")}
        </Button>
      )}
      {reopening && <ReopenSheet review={review} onClose={() => setReopening(false)} />}
    </div>
  );
}

function ReopenSheet({ review, onClose }: { review: YearReview; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reopen = useReopenReview(review.year);
  const onError = useReviewErrors(review.year);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = ({ reason }: { reason: string }) =>
    reopen.mutate(
      { version: review.version, input: { reason } },
      {
        onSuccess: () => {
          message.success(t("review.reopened"));
          onClose();
        },
        onError,
      },
    );
  return (
    <Sheet
      title={t("review.reopenTitle", { year: review.year })}
      onClose={onClose}
      testId="review-reopen-sheet"
      footer={
        <>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={reopen.isPending} onClick={form.submit} data-testid="review-reopen-save">
            {t("review.reopen")}
          </Button>
        </>
      }
    >
      <p className="muted">{t("review.reopenHint")}</p>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t("review.reopenReason")}
          rules={[{ required: true, whitespace: true, message: t("review.reopenReasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="review-reopen-reason" />
        </Form.Item>
      </Form>
    </Sheet>
  );
}
