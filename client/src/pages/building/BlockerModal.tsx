// Setting, changing or clearing a building's blocker: its category and note, and who answers for it by when
// (docs/DOMAIN.md § Blocker supervision). The owner is one of those the server offers for the area; the due
// date may not lie before today. Owner and due date are sent only when changed, so an overdue date already
// set stays while the note is edited.

import { type Building, type PatchBuilding, patchBuildingSchema } from "@jiati/shared";
import { BLOCKER_CATEGORIES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Button, DatePicker, Form, Grid, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { blockerOwnersQuery } from "../../api/supervision";
import { chooseRule, parseInto } from "../../components/forms";
import { Sheet } from "../../components/Sheet";
import { today } from "../../lib/dates";
import { type ModalProps, usePatchDialog } from "./EditModals";

interface BlockerValues {
  category: string;
  note: string;
  ownerId?: number | null;
  dueOn?: Dayjs | null;
}

/** The server names the blocker's fields `blocker.ownerId` and so on; the form names them plainly. */
const SERVER_FIELDS = {
  "blocker.category": "category",
  "blocker.note": "note",
  "blocker.ownerId": "ownerId",
  "blocker.dueOn": "dueOn",
};

/** The PATCH body for the form's values, with owner and due date only when they differ from `base`. */
function blockerPatch(values: BlockerValues, base: Building) {
  const ownerId = values.ownerId ?? null;
  const dueOn = values.dueOn ? values.dueOn.format("YYYY-MM-DD") : null;
  return {
    blocker: {
      category: values.category,
      note: (values.note ?? "").trim(),
      ...(ownerId !== base.blockerOwnerId ? { ownerId } : {}),
      ...(dueOn !== base.blockerDueOn ? { dueOn } : {}),
    },
  };
}

export function BlockerModal({ building, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BlockerValues>();
  const { base, send, notice, stale, pending, message } = usePatchDialog(building);

  const submit = async () => {
    const values = await form.validateFields();
    const body = parseInto(form, patchBuildingSchema, blockerPatch(values, base));
    if (!body) return;
    send(
      form,
      body,
      (queued) => {
        if (!queued) message.success(t("blockerForm.saved"));
        onClose();
      },
      SERVER_FIELDS,
    );
  };

  const clear = () =>
    send(form, { blocker: null } satisfies PatchBuilding, (queued) => {
      if (!queued) message.success(t("blockerForm.cleared"));
      onClose();
    });

  const values = stale ? form.getFieldsValue(true) : null;
  const mine = values
    ? { blockerCategory: values.category ?? null, blockerNote: (values.note ?? "").trim() }
    : undefined;

  return (
    <Sheet
      title={building.blockerCategory ? t("blockerForm.editTitle") : t("blockerForm.title")}
      onClose={onClose}
      footer={[
        building.blockerCategory ? (
          <Button key="clear" danger onClick={clear} loading={pending} data-testid="blocker-clear">
            {t("blockerForm.clear")}
          </Button>
        ) : null,
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="save" type="primary" onClick={submit} loading={pending} data-testid="blocker-submit">
          {t("common.save")}
        </Button>,
      ]}
    >
      {notice(mine)}
      <Form<BlockerValues>
        form={form}
        layout="vertical"
        data-testid="blocker-form"
        initialValues={{
          category: building.blockerCategory ?? undefined,
          note: building.blockerNote,
          ownerId: building.blockerOwnerId ?? undefined,
          dueOn: building.blockerDueOn ? dayjs(building.blockerDueOn) : null,
        }}
      >
        <Form.Item
          name="category"
          label={t("field.blockerCategory")}
          rules={[chooseRule(t, t("field.blockerCategory"))]}
        >
          <Select
            placeholder={t("common.choose")}
            data-testid="blocker-category"
            options={BLOCKER_CATEGORIES.map((category) => ({ value: category, label: t(`blocker.${category}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t("field.blockerNote")}>
          <Input.TextArea rows={3} maxLength={500} data-testid="blocker-note" />
        </Form.Item>
        <OwnerField areaId={building.areaId} />
        <DueField />
      </Form>
    </Sheet>
  );
}

/** Who answers for the blocker: the task force, or the area's secretary — as the server offers them. */
function OwnerField({ areaId }: { areaId: number }) {
  const { t } = useTranslation();
  const owners = useQuery(blockerOwnersQuery(areaId));
  return (
    <Form.Item name="ownerId" label={t("supervision.ownerField")}>
      <Select
        allowClear
        loading={owners.isPending}
        placeholder={t("supervision.ownerPlaceholder")}
        data-testid="blocker-owner-select"
        options={(owners.data ?? []).map((owner) => ({
          value: owner.id,
          label: t("supervision.ownerOption", { name: owner.displayName, role: t(`role.${owner.role}`) }),
        }))}
      />
    </Form.Item>
  );
}

function DueField() {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const todayDate = today();
  return (
    <Form.Item name="dueOn" label={t("supervision.dueField")}>
      <DatePicker
        format="YYYY-MM-DD"
        // On a phone: the calendar, not the keyboard.
        inputReadOnly={phone}
        disabledDate={(day) => day.format("YYYY-MM-DD") < todayDate}
        data-testid="blocker-due"
        style={{ width: "100%" }}
      />
    </Form.Item>
  );
}
