// Accounts (task force): list, add, edit the name, role and area or zone, disable or enable, reset a
// password. A secretary is bound to one area; a leader may be bound to a zone.

import { PlusOutlined } from "@ant-design/icons";
import { createUserSchema, passwordSchema, type Role, type User } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sessionQuery } from "../../api/session";
import { areasQuery, zonesQuery } from "../../api/structure";
import { type NewUser, useCreateUser, usePatchUser, usersQuery } from "../../api/users";
import { ErrorResult } from "../../components/ErrorResult";
import { applyServerErrors, parseInto, zodRule } from "../../components/forms";
import { useErrorMessage } from "../../components/useErrorMessage";

const ROLES: Role[] = ["taskforce", "secretary", "leader"];
type Dialog = { kind: "add" } | { kind: "edit"; user: User } | { kind: "password"; user: User } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const users = useQuery(usersQuery);
  const areas = useQuery(areasQuery()).data ?? [];
  const zones = useQuery(zonesQuery).data ?? [];
  const { data: me } = useQuery(sessionQuery);
  const patch = usePatchUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState("");

  if (users.isError) return <ErrorResult error={users.error} onRetry={() => users.refetch()} />;

  const scopeOf = (user: User) =>
    user.areaId
      ? areas.find((area) => area.id === user.areaId)?.name
      : user.zoneId
        ? zones.find((zone) => zone.id === user.zoneId)?.name
        : t("users.wholeTown");

  const setDisabled = (user: User, disabled: boolean) =>
    patch.mutate(
      { id: user.id, patch: { disabled } },
      {
        onSuccess: () => message.success(disabled ? t("users.disabledDone") : t("users.enabledDone")),
        onError: (error) => message.error(errorMessage(error)),
      },
    );

  const columns: ColumnsType<User> = [
    {
      key: "username",
      title: t("users.username"),
      dataIndex: "username",
      sorter: (a, b) => a.username.localeCompare(b.username),
    },
    { key: "displayName", title: t("users.displayName"), dataIndex: "displayName" },
    {
      key: "role",
      title: t("users.role"),
      filters: ROLES.map((role) => ({ text: t(`role.${role}`), value: role })),
      onFilter: (value, user) => user.role === value,
      render: (_, user) => (
        <Tag color={user.role === "taskforce" ? "blue" : user.role === "leader" ? "purple" : "green"}>
          {t(`role.${user.role}`)}
        </Tag>
      ),
    },
    { key: "scope", title: t("users.scope"), render: (_, user) => scopeOf(user) ?? "—" },
    {
      key: "status",
      title: t("users.status"),
      render: (_, user) =>
        user.disabled ? (
          <Tag color="default">{t("users.disabled")}</Tag>
        ) : (
          <Tag color="success">{t("users.active")}</Tag>
        ),
    },
    {
      key: "actions",
      title: "",
      render: (_, user) => (
        <Space wrap size={4}>
          <Button
            size="small"
            onClick={() => setDialog({ kind: "edit", user })}
            data-testid={`user-edit-${user.username}`}
          >
            {t("users.edit")}
          </Button>
          <Button
            size="small"
            onClick={() => setDialog({ kind: "password", user })}
            data-testid={`user-password-${user.username}`}
          >
            {t("users.resetPassword")}
          </Button>
          {user.id !== me?.id && (
            <Popconfirm
              title={user.disabled ? t("users.confirmEnable") : t("users.confirmDisable")}
              onConfirm={() => setDisabled(user, !user.disabled)}
              okText={t("common.confirm")}
              cancelText={t("common.cancel")}
            >
              <Button size="small" danger={!user.disabled} data-testid={`user-toggle-${user.username}`}>
                {user.disabled ? t("users.enable") : t("users.disable")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const needle = search.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (user) =>
      !needle || user.username.toLowerCase().includes(needle) || user.displayName.toLowerCase().includes(needle),
  );

  return (
    <div className="page" data-testid="users-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {t("users.title")}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t("users.search")}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 220 }}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: "add" })}
            data-testid="user-add"
          >
            {t("users.add")}
          </Button>
        </Space>
      </div>
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isPending}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 820 }}
        rowClassName={(user) => (user.disabled ? "row-disabled" : "")}
        data-testid="users-table"
      />
      {dialog?.kind === "add" && <UserModal onClose={() => setDialog(null)} />}
      {dialog?.kind === "edit" && <UserModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === "password" && <PasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </div>
  );
}

interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  areaId: number | null;
  zoneId: number | null;
  password: string;
}

function UserModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<UserValues>();
  const areas = useQuery(areasQuery()).data ?? [];
  const zones = useQuery(zonesQuery).data ?? [];
  const create = useCreateUser();
  const patch = usePatchUser();
  const role = Form.useWatch("role", form) ?? user?.role ?? "secretary";

  const onError = (error: unknown) => {
    if (!applyServerErrors(form, error)) message.error(errorMessage(error));
  };
  const submit = async () => {
    const values = await form.validateFields();
    const scope = {
      areaId: values.role === "secretary" ? (values.areaId ?? null) : null,
      zoneId: values.role === "leader" ? (values.zoneId ?? null) : null,
    };
    if (!user) {
      const body = parseInto(form, createUserSchema, {
        username: values.username?.trim(),
        displayName: values.displayName?.trim(),
        role: values.role,
        password: values.password,
        ...scope,
      });
      if (!body) return;
      create.mutate(body as NewUser, {
        onSuccess: () => {
          message.success(t("users.added"));
          onClose();
        },
        onError,
      });
      return;
    }
    patch.mutate(
      { id: user.id, patch: { displayName: values.displayName.trim(), role: values.role, ...scope } },
      {
        onSuccess: () => {
          message.success(t("users.saved"));
          onClose();
        },
        onError,
      },
    );
  };

  return (
    <Modal
      open
      title={user ? t("users.editTitle", { username: user.username }) : t("users.add")}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending || patch.isPending}
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
        <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
          <Select data-testid="user-role" options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
        </Form.Item>
        {role === "secretary" && (
          <Form.Item
            name="areaId"
            label={t("field.areaId")}
            rules={[{ required: true, message: t("users.areaRequired") }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              data-testid="user-area"
              options={areas.map((area) => ({
                value: area.id,
                label: t("common.nameWithDetail", { name: area.name, detail: area.zoneName }),
              }))}
            />
          </Form.Item>
        )}
        {role === "leader" && (
          <Form.Item name="zoneId" label={t("ranking.zone")} extra={t("users.zoneOptional")}>
            <Select
              allowClear
              data-testid="user-zone"
              options={zones.map((zone) => ({ value: zone.id, label: zone.name }))}
            />
          </Form.Item>
        )}
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

function PasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
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
