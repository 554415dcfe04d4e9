// The account dialogs of the users page: add or edit an account (role with its area or zone), and
// reset a password.

import { createUserSchema, passwordSchema, type Role, type User } from "@jiati/shared";
import { ROLES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { App, Form, type FormInstance, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { areasQuery, zonesQuery } from "../../api/structure";
import { useCreateUser, usePatchUser } from "../../api/users";
import { applyServerErrors, chooseRule, parseInto, zodRule } from "../../components/forms";
import { useErrorMessage } from "../../components/useErrorMessage";

interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  areaId: number | null;
  zoneId: number | null;
  password: string;
}

/** Saves the dialog's values: a new account, or the edited one's name, role and scope. */
function useSaveUser(form: FormInstance<UserValues>, user: User | undefined, onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const create = useCreateUser();
  const patch = usePatchUser();
  const callbacks = (done: string) => ({
    onSuccess: () => {
      message.success(done);
      onClose();
    },
    onError: (error: unknown) => {
      if (!applyServerErrors(form, error)) message.error(errorMessage(error));
    },
  });
  const submit = async () => {
    const values = await form.validateFields();
    // Only a secretary has an area, only a leader a zone.
    const scope = {
      areaId: values.role === "secretary" ? (values.areaId ?? null) : null,
      zoneId: values.role === "leader" ? (values.zoneId ?? null) : null,
    };
    if (user) {
      const body = { displayName: values.displayName.trim(), role: values.role, ...scope };
      patch.mutate({ id: user.id, patch: body }, callbacks(t("users.saved")));
      return;
    }
    const body = parseInto(form, createUserSchema, {
      username: values.username?.trim(),
      displayName: values.displayName?.trim(),
      role: values.role,
      password: values.password,
      ...scope,
    });
    if (body) create.mutate(body, callbacks(t("users.added")));
  };
  return { submit, pending: create.isPending || patch.isPending };
}

export function UserModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserValues>();
  const role = Form.useWatch("role", form) ?? user?.role ?? "secretary";
  const { submit, pending } = useSaveUser(form, user, onClose);

  return (
    <Modal
      open
      title={user ? t("users.editTitle", { username: user.username }) : t("users.add")}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={{
          username: user?.username ?? "",
          displayName: user?.displayName ?? "",
          role: user?.role ?? "secretary",
          areaId: user?.areaId ?? null,
          zoneId: user?.zoneId ?? null,
          password: "",
        }}
      >
        {!user && (
          <Form.Item
            name="username"
            label={t("users.username")}
            rules={[{ required: true }, zodRule(createUserSchema.shape.username)]}
          >
            <Input autoComplete="off" autoCapitalize="none" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t("users.displayName")} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} rules={[chooseRule(t, t("users.role"))]}>
          <Select
            placeholder={t("common.choose")}
            data-testid="user-role"
            options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
          />
        </Form.Item>
        <ScopeField role={role} />
        {!user && (
          <Form.Item
            name="password"
            label={t("users.initialPassword")}
            rules={[{ required: true }, zodRule(passwordSchema)]}
            extra={t("user.passwordHint")}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** A secretary's area (required), a leader's zone (optional); the task force has neither. */
function ScopeField({ role }: { role: Role }) {
  const { t } = useTranslation();
  const areas = useQuery(areasQuery()).data ?? [];
  const zones = useQuery(zonesQuery).data ?? [];
  if (role === "secretary") {
    return (
      <Form.Item name="areaId" label={t("field.areaId")} rules={[{ required: true, message: t("users.areaRequired") }]}>
        <Select
          placeholder={t("common.choose")}
          showSearch={{ optionFilterProp: "label" }}
          data-testid="user-area"
          options={areas.map((area) => ({
            value: area.id,
            label: t("common.nameWithDetail", { name: area.name, detail: area.zoneName }),
          }))}
        />
      </Form.Item>
    );
  }
  if (role === "leader") {
    return (
      <Form.Item name="zoneId" label={t("ranking.zone")} extra={t("users.zoneOptional")}>
        <Select
          allowClear
          placeholder={t("common.choose")}
          data-testid="user-zone"
          options={zones.map((zone) => ({ value: zone.id, label: zone.name }))}
        />
      </Form.Item>
    );
  }
  return null;
}

export function PasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ password: string }>();
  const patch = usePatchUser();
  const submit = async () => {
    const { password } = await form.validateFields();
    patch.mutate(
      { id: user.id, patch: { password } },
      {
        onSuccess: () => {
          message.success(t("users.passwordReset", { username: user.username }));
          onClose();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) message.error(errorMessage(error));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t("users.resetTitle", { username: user.username })}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={patch.isPending}
    >
      <Form form={form} layout="vertical" data-testid="password-form">
        <Form.Item
          name="password"
          label={t("user.newPassword")}
          rules={[{ required: true }, zodRule(passwordSchema)]}
          extra={t("users.resetHint")}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
