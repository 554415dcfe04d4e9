// The award rule (docs/DOMAIN.md § Year-end review): the task force's form — which stages must be met, how many
// 优秀 places, a minimum completion rate — saved with the review's version, the proposal then recomputed by the
// server; others read it as a sentence.

import type { AwardRule, YearReview } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { App, Button, Checkbox, Form, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { useSaveReview } from "../../api/reviews";
import { reviewRuleText } from "../../lib/reviewRule";
import { overridesOf, useReviewErrors } from "./edits";

export function RuleText({ rule }: { rule: AwardRule }) {
  const { t } = useTranslation();
  return (
    <p className="review-rule-text" data-testid="review-rule-text">
      {reviewRuleText(t, rule)}
      {t("review.rule.untargeted")}
    </p>
  );
}

interface RuleValues {
  stages: AwardRule["stages"];
  excellentCount: number;
  excellentMinPercent: number | null;
}

export function RuleForm({ review }: { review: YearReview }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveReview(review.year);
  const onError = useReviewErrors(review.year);
  const [form] = Form.useForm<RuleValues>();

  const submit = (values: RuleValues) =>
    save.mutate(
      {
        version: review.version,
        input: {
          rule: {
            stages: RECORDED_STAGES.filter((stage) => values.stages.includes(stage)),
            excellentCount: values.excellentCount,
            excellentMinPercent: values.excellentMinPercent ?? null,
          },
          overrides: overridesOf(review),
        },
      },
      { onSuccess: () => message.success(t("review.rule.saved")), onError },
    );

  return (
    <>
      <RuleText rule={review.rule} />
      <Form
        form={form}
        layout="inline"
        className="review-rule-form"
        data-testid="review-rule-form"
        // A new version of the rule (saved here or by someone else) resets the form to it.
        key={`${review.year}-${review.version}`}
        initialValues={review.rule}
        onFinish={submit}
      >
        <Form.Item
          name="stages"
          label={t("review.rule.stages")}
          // A validator, not `required`: antd would put aria-required on the group's <div>, which may not carry it.
          rules={[
            {
              validator: (_, stages?: unknown[]) =>
                stages?.length ? Promise.resolve() : Promise.reject(new Error(t("review.rule.stagesNeeded"))),
            },
          ]}
        >
          <Checkbox.Group
            options={RECORDED_STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }))}
            data-testid="review-rule-stages"
          />
        </Form.Item>
        <Form.Item name="excellentCount" label={t("review.rule.excellentCount")} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} precision={0} data-testid="review-rule-count" />
        </Form.Item>
        <Form.Item name="excellentMinPercent" label={t("review.rule.excellentMin")}>
          <InputNumber
            min={0}
            max={1000}
            suffix="%"
            placeholder={t("review.rule.noMinimum")}
            data-testid="review-rule-min"
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" type="primary" loading={save.isPending} data-testid="review-rule-apply">
            {t("review.rule.apply")}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
