// The building's other edits, each in a dialog that starts from the version on screen: its fields, and
// withdraw/restore with a reason (the blocker's dialog: BlockerModal.tsx). A stale version shows what changed
// meanwhile.

import {
  BUILDING_FIELDS,
  type Building,
  type BuildingFieldValues,
  type PatchBuilding,
  patchBuildingSchema,
} from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App, Button, type ButtonProps, Form, type FormInstance, Input } from "antd";
import type { TFunction } from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { usePatchBuilding } from "../../api/buildings";
import { sessionQuery } from "../../api/session";
import { BuildingFields, normaliseFields } from "../../components/BuildingFields";
import { applyServerErrors, parseInto } from "../../components/forms";
import { Sheet } from "../../components/Sheet";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isTaskforce } from "../../lib/roles";
import { ConflictNotice, useEditBase } from "./conflict";
import { mergeOntoLatest } from "./merge";

export interface ModalProps {
  building: Building;
  onClose: () => void;
}

/** Shared plumbing: a base version, the PATCH mutation, and error handling onto the form. */
export function usePatchDialog(building: Building) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const edit = useEditBase(building);
  const patch = usePatchBuilding(building.id);
  const { start } = edit;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the base is taken once, when the dialog opens.
  useEffect(() => start(), []);
  const base = edit.base ?? building;

  /**
   * Sends the patch; field errors land on the form (`rename` maps the server's field names onto its own).
   * `onSuccess` is told whether it was queued to be sent later (offline), which this says to the user.
   */
  const send = <V,>(
    form: FormInstance<V>,
    body: PatchBuilding,
    onSuccess: (queued: boolean) => void,
    rename: Record<string, string> = {},
  ) =>
    patch.mutate(
      { base, patch: body },
      {
        onSuccess: ({ queued }) => {
          if (queued) message.info(t("offline.queued"));
          onSuccess(queued);
        },
        onError: (error) => {
          if (edit.absorbConflict(error)) return;
          if (!applyServerErrors(form, error, rename)) message.error(errorMessage(error));
        },
      },
    );
  /** The "changed meanwhile" notice, when the building moved on; `onRebase` runs before the base moves. */
  const notice = (mine?: Partial<Record<keyof Building, unknown>>, onRebase?: (base: Building) => void) =>
    edit.stale && edit.base ? (
      <ConflictNotice
        base={edit.base}
        latest={building}
        mine={mine}
        onRebase={() => {
          if (edit.base) onRebase?.(edit.base);
          edit.rebase();
        }}
      />
    ) : null;
  return { base, send, notice, stale: edit.stale, pending: patch.isPending, message };
}

/** Footer buttons of an edit sheet: cancel and the primary action (with its test id). */
export function footer(t: TFunction, onClose: () => void, ok: ButtonProps & { testId: string; label: string }) {
  const { testId, label, ...props } = ok;
  return [
    <Button key="cancel" onClick={onClose}>
      {t("common.cancel")}
    </Button>,
    <Button key="ok" type="primary" data-testid={testId} {...props}>
      {label}
    </Button>,
  ];
}

export function EditFieldsModal({ building, onClose }: ModalProps) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const [form] = Form.useForm<BuildingFieldValues>();
  const { base, send, notice, stale, pending, message } = usePatchDialog(building);

  const submit = async () => {
    await form.validateFields();
    const values = normaliseFields(form.getFieldsValue(true));
    const changes: Record<string, unknown> = {};
    for (const field of BUILDING_FIELDS) {
      if (JSON.stringify(values[field]) !== JSON.stringify(base[field])) changes[field] = values[field];
    }
    if (Object.keys(changes).length === 0) {
      message.info(t("building.noChanges"));
      return;
    }
    const body = parseInto(form, patchBuildingSchema, changes);
    if (!body) return;
    send(form, body, (queued) => {
      if (!queued) message.success(t("building.saved"));
      onClose();
    });
  };

  // The user's values, to show next to the other person's; on "redo", untouched fields take the new values.
  const mine = stale ? normaliseFields(form.getFieldsValue(true)) : undefined;
  const rebase = (oldBase: Building) =>
    form.setFieldsValue(
      mergeOntoLatest(
        normaliseFields(form.getFieldsValue(true)),
        oldBase,
        building,
        BUILDING_FIELDS,
      ) as Partial<BuildingFieldValues>,
    );

  return (
    <Sheet
      width={720}
      title={t("building.edit")}
      onClose={onClose}
      footer={footer(t, onClose, { testId: "edit-submit", label: t("common.save"), loading: pending, onClick: submit })}
    >
      {notice(mine, rebase)}
      <Form
        form={form}
        layout="vertical"
        data-testid="edit-building-form"
        initialValues={Object.fromEntries(BUILDING_FIELDS.map((field) => [field, building[field]]))}
      >
        <BuildingFields canChooseArea={isTaskforce(user)} />
      </Form>
    </Sheet>
  );
}

export function WithdrawModal({ building, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { send, notice, pending, message } = usePatchDialog(building);
  const withdrawing = !building.withdrawn;

  const submit = async () => {
    const values = await form.validateFields();
    send(form, { withdrawn: withdrawing, reason: values.reason.trim() }, (queued) => {
      if (!queued) message.success(withdrawing ? t("withdrawForm.withdrawn") : t("withdrawForm.restored"));
      onClose();
    });
  };

  return (
    <Sheet
      title={withdrawing ? t("withdrawForm.withdrawTitle") : t("withdrawForm.restoreTitle")}
      onClose={onClose}
      footer={footer(t, onClose, {
        testId: "withdraw-submit",
        label: withdrawing ? t("withdrawForm.withdraw") : t("withdrawForm.restore"),
        danger: withdrawing,
        loading: pending,
        onClick: submit,
      })}
    >
      {notice({ withdrawn: withdrawing })}
      <p>{withdrawing ? t("withdrawForm.withdrawHint") : t("withdrawForm.restoreHint")}</p>
      <Form form={form} layout="vertical" data-testid="withdraw-form">
        <Form.Item
          name="reason"
          label={t("field.reason")}
          rules={[{ required: true, whitespace: true, message: t("withdrawForm.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </Sheet>
  );
}
