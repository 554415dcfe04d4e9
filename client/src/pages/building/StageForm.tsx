// Records the next stage (or corrects or clears a stage date). The shared rules (applyStageUpdate) run
// here before sending, so the user sees a broken rule at once; the server's field errors land on the same
// fields. Moving a date earlier or clearing it asks for a reason.

import {
  applyStageUpdate,
  type Building,
  EARLIEST_DATE,
  nextStage,
  type RecordedStage,
  STAGE_DATE_FIELD,
  type StageUpdate,
  stageUpdateSchema,
} from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { App, Button, Card, Checkbox, DatePicker, Form, Grid, Input, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useRecordStage } from "../../api/buildings";
import { isApiError } from "../../api/http";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";
import { today } from "../../lib/dates";
import { ConflictNotice, type useEditBase } from "./conflict";

interface Values {
  stage: RecordedStage;
  date: Dayjs | null;
  clear: boolean;
  reason: string;
}

interface Props {
  building: Building;
  edit: ReturnType<typeof useEditBase>;
  onDone: () => void;
  /** Without the card around it (inside a sheet, which has its own title). */
  bare?: boolean;
}

export function StageForm({ building, edit, onDone, bare }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const record = useRecordStage(building.id);
  const base = edit.base ?? building;
  const todayDate = today();
  const phone = Grid.useBreakpoint().md === false;

  const stage = Form.useWatch("stage", form) ?? nextStage(base) ?? "completed";
  const date = Form.useWatch("date", form);
  const clear = Form.useWatch("clear", form) ?? false;
  const previous = base[STAGE_DATE_FIELD[stage]];
  const dateText = date ? date.format("YYYY-MM-DD") : null;
  const needsReason = previous !== null && (clear || (dateText !== null && dateText < previous));

  const toUpdate = (values: Values): StageUpdate => ({
    stage: values.stage,
    date: values.clear ? null : (values.date?.format("YYYY-MM-DD") ?? null),
    reason: values.reason?.trim() || undefined,
  });

  const submit = (values: Values) => {
    const update = toUpdate(values);
    if (!values.clear && !update.date) {
      form.setFields([{ name: "date", errors: [t("stageForm.dateRequired")] }]);
      return;
    }
    const parsed = stageUpdateSchema.safeParse(update);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = issue?.path[0] === "reason" ? "reason" : issue?.path[0] === "stage" ? "stage" : "date";
      form.setFields([{ name, errors: [issue?.message ?? ""] }]);
      return;
    }
    const checked = applyStageUpdate(base, parsed.data, todayDate);
    if (!checked.ok) {
      const name = checked.error.field === "reason" ? "reason" : checked.error.field === "stage" ? "stage" : "date";
      form.setFields([{ name, errors: [checked.error.message] }]);
      return;
    }
    record.mutate(
      { version: base.version, update: parsed.data },
      {
        onSuccess: () => {
          message.success(
            update.date === null
              ? t("stageForm.cleared", { stage: t(`stageDate.${update.stage}`) })
              : t("stageForm.recorded", { stage: t(`stage.${update.stage}`), date: fmt.date(update.date) }),
          );
          form.resetFields(["reason"]);
          onDone();
        },
        onError: (error) => {
          if (edit.absorbConflict(error)) return;
          if (isApiError(error, 400) && Object.keys(error.fields).length) {
            form.setFields(
              Object.entries(error.fields).map(([field, text]) => ({
                name: field === "reason" || field === "stage" ? field : ("date" as const),
                errors: [text],
              })),
            );
            return;
          }
          message.error(errorMessage(error));
        },
      },
    );
  };

  const content = (
    <>
      {edit.stale && edit.base && (
        <ConflictNotice
          base={edit.base}
          latest={building}
          mine={{ [STAGE_DATE_FIELD[stage]]: clear ? null : (dateText ?? previous) }}
          onRebase={() => {
            edit.rebase();
            form.setFields([
              { name: "date", errors: [] },
              { name: "reason", errors: [] },
            ]);
          }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // Choosing another stage shows its current date (to correct it) or today (to record it).
          if (changed.stage) {
            const current = base[STAGE_DATE_FIELD[changed.stage]];
            form.setFieldsValue({ date: dayjs(current ?? todayDate), clear: false });
            form.setFields([{ name: "date", errors: [] }]);
          }
        }}
        initialValues={{ stage: nextStage(base) ?? "completed", date: dayjs(todayDate), clear: false, reason: "" }}
      >
        <Space wrap align="start" size={12} className="stage-form-row">
          <Form.Item name="stage" label={t("field.stage")}>
            <Select
              style={{ minWidth: 140 }}
              data-testid="record-stage-stage"
              options={RECORDED_STAGES.map((value) => ({
                value,
                label: base[STAGE_DATE_FIELD[value]]
                  ? t("stageForm.correct", { stage: t(`stage.${value}`) })
                  : t(`stage.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="date" label={t(`stageDate.${stage}`)}>
            <DatePicker
              disabled={clear}
              allowClear={false}
              // On a phone: the calendar, not the keyboard.
              inputReadOnly={phone}
              format="YYYY-MM-DD"
              disabledDate={(day) => day.format("YYYY-MM-DD") > todayDate || day.format("YYYY-MM-DD") < EARLIEST_DATE}
              data-testid="record-stage-date"
              style={{ minWidth: 160 }}
            />
          </Form.Item>
          {previous && (
            <Form.Item name="clear" valuePropName="checked" label=" ">
              <Checkbox data-testid="record-stage-clear">{t("stageForm.clear")}</Checkbox>
            </Form.Item>
          )}
        </Space>
        {previous && (
          <p className="muted stage-form-previous">
            {t("stageForm.previous", { stage: t(`stageDate.${stage}`), date: fmt.date(previous) })}
          </p>
        )}
        <Form.Item
          name="reason"
          label={t("field.reason")}
          required={needsReason}
          extra={needsReason ? t("stageForm.reasonRequired") : t("stageForm.reasonOptional")}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="record-stage-reason" />
        </Form.Item>
        <div className={bare ? "sheet-actions" : "stage-form-actions"}>
          <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="record-stage-submit">
            {clear ? t("stageForm.submitClear") : t("stageForm.submit")}
          </Button>
          <Button onClick={onDone} data-testid="record-stage-cancel">
            {t("common.cancel")}
          </Button>
        </div>
      </Form>
    </>
  );
  if (bare) return <div data-testid="record-stage-form">{content}</div>;
  return (
    <Card size="small" className="stage-form-card" title={t("stageForm.title")} data-testid="record-stage-form">
      {content}
    </Card>
  );
}
