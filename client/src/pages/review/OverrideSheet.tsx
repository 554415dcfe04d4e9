// A hand change of one area's title (docs/DOMAIN.md § Year-end review): 优秀, 先进 or none, whatever the rule
// proposes, with a note saying why — or back to the rule's proposal. Saved with the review's version.

import type { Award, ReviewRow, YearReview } from "@jiati/shared";
import { App, Button, Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { useSaveReview } from "../../api/reviews";
import { Sheet } from "../../components/Sheet";
import { overridesOf, useReviewErrors } from "./edits";

interface OverrideValues {
  award: Award | "none";
  note: string;
}

export function OverrideSheet({ review, row, onClose }: { review: YearReview; row: ReviewRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveReview(review.year);
  const onError = useReviewErrors(review.year);
  const [form] = Form.useForm<OverrideValues>();
  const others = overridesOf(review).filter((override) => override.areaId !== row.areaId);

  const send = (overrides: typeof others) =>
    save.mutate(
      { version: review.version, input: { rule: review.rule, overrides } },
      {
        onSuccess: () => {
          message.success(t("review.overrideSaved"));
          onClose();
        },
        onError,
      },
    );
  const submit = ({ award, note }: OverrideValues) =>
    send([...others, { areaId: row.areaId, award: award === "none" ? null : award, note }]);

  return (
    <Sheet
      title={t("review.overrideTitle", { area: row.name })}
      onClose={onClose}
      testId="review-override"
      footer={
        <>
          {row.override && (
            <Button onClick={() => send(others)} disabled={save.isPending} data-testid="review-override-revert">
              {t("review.overrideRevert")}
            </Button>
          )}
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={save.isPending} onClick={form.submit} data-testid="review-override-save">
            {t("common.save")}
          </Button>
        </>
      }
    >
      <p className="muted">
        {row.proposed ? t("review.proposed", { award: t(`review.award.${row.proposed}`) }) : t("review.proposedNone")}
      </p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ award: row.award ?? "none", note: row.override?.note ?? "" }}
        onFinish={submit}
      >
        <Form.Item name="award" label={t("review.overrideAward")}>
          <Radio.Group
            data-testid="review-override-award"
            options={[
              { value: "excellent", label: t("review.award.excellent") },
              { value: "advanced", label: t("review.award.advanced") },
              { value: "none", label: t("review.award.none") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t("review.overrideNote")}
          rules={[{ required: true, whitespace: true, message: t("review.overrideNoteRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="review-override-note" />
        </Form.Item>
      </Form>
    </Sheet>
  );
}
