// Records the next stage (or corrects or clears a stage date). The shared rules (applyStageUpdate) run
// here before sending, so the user sees a broken rule at once; the server's field errors land on the same
// fields. Moving a date earlier or clearing it asks for a reason; a first date is not asked for one.

import { type Building, EARLIEST_DATE, nextStage, STAGE_DATE_FIELD } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { App, Button, Card, Checkbox, DatePicker, Form, type FormInstance, Grid, Input, Select, Space } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useRecordStage } from "../../api/buildings";
import { isApiError } from "../../api/http";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";
import { today } from "../../lib/dates";
import { ConflictNotice, type useEditBase } from "./conflict";
import { checkStageForm, formFieldOf, needsReason, recordedDate, type StageFormValues } from "./stageUpdate";

type Edit = ReturnType<typeof useEditBase>;

interface Props {
  building: Building;
  edit: Edit;
  onDone: () => void;
  /** Without the card around it (inside a sheet, which has its own title). */
  bare?: boolean;
}

export function StageForm({ building, edit, onDone, bare }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StageFormValues>();
  const base = edit.base ?? building;
  const todayDate = today();
  const { submit, pending } = useStageSubmit(form, building, edit, onDone);
  const stage = Form.useWatch("stage", form) ?? nextStage(base) ?? "completed";
  const date = Form.useWatch("date", form) ?? null;
  const clear = Form.useWatch("clear", form) ?? false;
  const previous = recordedDate(base, stage);
  const reasonRequired = needsReason(previous, { date, clear });

  const content = (
    <>
      {edit.stale && edit.base && (
        <ConflictNotice
          base={edit.base}
          latest={building}
          mine={{ [STAGE_DATE_FIELD[stage]]: clear ? null : (date?.format("YYYY-MM-DD") ?? previous) }}
          onRebase={() => {
            edit.rebase();
            form.setFields([
              { name: "date", errors: [] },
              { name: "reason", errors: [] },
            ]);
          }}
        />
      )}
      <Form<StageFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<StageFormValues>) => {
          // Choosing another stage shows its current date (to correct it) or today (to record it).
          if (!changed.stage) return;
          form.setFieldsValue({ date: dayjs(recordedDate(base, changed.stage) ?? todayDate), clear: false });
          form.setFields([{ name: "date", errors: [] }]);
        }}
        initialValues={{ stage: nextStage(base) ?? "completed", date: dayjs(todayDate), clear: false, reason: "" }}
      >
        <StageFields base={base} stage={stage} clear={clear} />
        {/* A first date needs no reason (DOMAIN.md § Stage dates), so a routine record does not ask for one;
            correcting or clearing a recorded date does (required when it moves earlier or is cleared). */}
        {previous !== null && (
          <Form.Item
            name="reason"
            label={t("field.reason")}
            required={reasonRequired}
            extra={reasonRequired ? t("stageForm.reasonRequired") : t("stageForm.reasonOptional")}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="record-stage-reason" />
          </Form.Item>
        )}
        <div className={bare ? "sheet-actions" : "stage-form-actions"}>
          <Button type="primary" htmlType="submit" loading={pending} data-testid="record-stage-submit">
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

/** Checks the values with the shared rules, sends them, and puts any refusal on the field it concerns. */
function useStageSubmit(form: FormInstance<StageFormValues>, building: Building, edit: Edit, onDone: () => void) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const record = useRecordStage(building.id);
  const base = edit.base ?? building;

  const onError = (error: unknown) => {
    if (edit.absorbConflict(error)) return;
    if (!isApiError(error, 400) || Object.keys(error.fields).length === 0) {
      message.error(errorMessage(error));
      return;
    }
    form.setFields(Object.entries(error.fields).map(([field, text]) => ({ name: formFieldOf(field), errors: [text] })));
  };
  const submit = (values: StageFormValues) => {
    const checked = checkStageForm(values, base, today(), t("stageForm.dateRequired"));
    if (!checked.ok) {
      form.setFields([{ name: checked.field, errors: [checked.message] }]);
      return;
    }
    const { update } = checked;
    const onSuccess = ({ queued }: { queued: boolean }) => {
      if (queued) message.info(t("offline.queued"));
      else {
        message.success(
          update.date === null
            ? t("stageForm.cleared", { stage: t(`stageDate.${update.stage}`) })
            : t("stageForm.recorded", { stage: t(`stage.${update.stage}`), date: fmt.date(update.date) }),
        );
      }
      form.resetFields(["reason"]);
      onDone();
    };
    record.mutate({ base, update }, { onSuccess, onError });
  };
  return { submit, pending: record.isPending };
}

/** The stage (to record, or to correct), its date, "clear", and the date recorded now. */
function StageFields({ base, stage, clear }: { base: Building; stage: StageFormValues["stage"]; clear: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const phone = Grid.useBreakpoint().md === false;
  const todayDate = today();
  const previous = recordedDate(base, stage);
  return (
    <>
      <Space wrap align="start" size={12} className="stage-form-row">
        <Form.Item name="stage" label={t("field.stage")}>
          <Select
            style={{ minWidth: 140 }}
            data-testid="record-stage-stage"
            options={RECORDED_STAGES.map((value) => ({
              value,
              label: recordedDate(base, value)
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
    </>
  );
}
