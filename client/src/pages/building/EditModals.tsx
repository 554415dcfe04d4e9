// The building's other edits, each in a dialog that starts from the version on screen: its fields, its
// blocker (set or clear), and withdraw/restore with a reason. A stale version shows what changed meanwhile.

import { type Building, type PatchBuilding, patchBuildingSchema } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App, Button, type ButtonProps, Form, type FormInstance, Input, Modal, Select } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { usePatchBuilding } from "../../api/buildings";
import { sessionQuery } from "../../api/session";
import {
  BUILDING_FIELDS,
  BuildingFields,
  type BuildingFieldValues,
  normaliseFields,
} from "../../components/BuildingFields";
import { applyServerErrors, parseInto } from "../../components/forms";
import { useErrorMessage } from "../../components/useErrorMessage";
import { BLOCKER_CATEGORIES } from "../../lib/domain";
import { isTaskforce } from "../../lib/roles";
import { ConflictNotice, useEditBase } from "./conflict";

interface ModalProps {
  building: Building;
  onClose: () => void;
}

/** Shared plumbing: a base version, the PATCH mutation, and error handling onto the form. */
function usePatchDialog(building: Building) {
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const edit = useEditBase(building);
  const patch = usePatchBuilding(building.id);
  const { start } = edit;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the base is taken once, when the dialog opens.
  useEffect(() => start(), []);
  const base = edit.base ?? building;

  const send = <V,>(form: FormInstance<V>, body: PatchBuilding, onSuccess: () => void) =>
    patch.mutate(
      { version: base.version, patch: body },
      {
        onSuccess,
        onError: (error) => {
          if (edit.absorbConflict(error)) return;
          if (!applyServerErrors(form, error)) message.error(errorMessage(error));
        },
      },
    );
  const notice =
    edit.stale && edit.base ? <ConflictNotice base={edit.base} latest={building} onRebase={edit.rebase} /> : null;
  return { base, send, notice, pending: patch.isPending, message };
}

export function EditFieldsModal({ building, onClose }: ModalProps) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const [form] = Form.useForm<BuildingFieldValues>();
  const { base, send, notice, pending, message } = usePatchDialog(building);

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
    send(form, body, () => {
      message.success(t("building.saved"));
      onClose();
    });
  };

  return (
    <Modal
      open
      width={720}
      title={t("building.edit")}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
      okButtonProps={{ "data-testid": "edit-submit" } as ButtonProps}
    >
      {notice}
      <Form
        form={form}
        layout="vertical"
        data-testid="edit-building-form"
        initialValues={Object.fromEntries(BUILDING_FIELDS.map((field) => [field, building[field]]))}
      >
        <BuildingFields canChooseArea={isTaskforce(user)} />
      </Form>
    </Modal>
  );
}

interface BlockerValues {
  category: string;
  note: string;
}

export function BlockerModal({ building, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BlockerValues>();
  const { send, notice, pending, message } = usePatchDialog(building);

  const submit = async () => {
    const values = await form.validateFields();
    const body = parseInto(form, patchBuildingSchema, {
      blocker: { category: values.category, note: (values.note ?? "").trim() },
    });
    if (!body) return;
    send(form, body, () => {
      message.success(t("blockerForm.saved"));
      onClose();
    });
  };

  const clear = () =>
    send(form, { blocker: null }, () => {
      message.success(t("blockerForm.cleared"));
      onClose();
    });

  return (
    <Modal
      open
      title={building.blockerCategory ? t("blockerForm.editTitle") : t("blockerForm.title")}
      onCancel={onClose}
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
      {notice}
      <Form
        form={form}
        layout="vertical"
        data-testid="blocker-form"
        initialValues={{ category: building.blockerCategory ?? undefined, note: building.blockerNote }}
      >
        <Form.Item name="category" label={t("field.blockerCategory")} rules={[{ required: true }]}>
          <Select
            data-testid="blocker-category"
            options={BLOCKER_CATEGORIES.map((category) => ({ value: category, label: t(`blocker.${category}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t("field.blockerNote")}>
          <Input.TextArea rows={3} maxLength={500} data-testid="blocker-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function WithdrawModal({ building, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { send, notice, pending, message } = usePatchDialog(building);
  const withdrawing = !building.withdrawn;

  const submit = async () => {
    const values = await form.validateFields();
    send(form, { withdrawn: withdrawing, reason: values.reason.trim() }, () => {
      message.success(withdrawing ? t("withdrawForm.withdrawn") : t("withdrawForm.restored"));
      onClose();
    });
  };

  return (
    <Modal
      open
      title={withdrawing ? t("withdrawForm.withdrawTitle") : t("withdrawForm.restoreTitle")}
      onCancel={onClose}
      onOk={submit}
      okText={withdrawing ? t("withdrawForm.withdraw") : t("withdrawForm.restore")}
      okButtonProps={{ danger: withdrawing, "data-testid": "withdraw-submit" } as ButtonProps}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
    >
      {notice}
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
    </Modal>
  );
}
