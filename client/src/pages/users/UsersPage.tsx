// Accounts (task force): list, add, edit the name, role and area or zone, disable or enable, reset a
// password. A secretary is bound to one area; a leader may be bound to a zone.

import { PlusOutlined } from "@ant-design/icons";
import type { User } from "@jiati/shared";
import { ROLES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sessionQuery } from "../../api/session";
import { areasQuery, zonesQuery } from "../../api/structure";
import { usePatchUser, usersQuery } from "../../api/users";
import { ErrorResult } from "../../components/ErrorResult";
import { useErrorMessage } from "../../components/useErrorMessage";
import { PasswordModal, UserModal } from "./UserDialogs";

type Dialog = { kind: "add" } | { kind: "edit"; user: User } | { kind: "password"; user: User } | null;

const ROLE_COLORS = { taskforce: "blue", leader: "purple", secretary: "green" } as const;

export function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery(usersQuery);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState("");
  const columns = useUserColumns(setDialog);

  if (users.isError) return <ErrorResult error={users.error} onRetry={() => users.refetch()} />;
  const needle = search.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (user) =>
      !needle || user.username.toLowerCase().includes(needle) || user.displayName.toLowerCase().includes(needle),
  );

  return (
    <div className="page" data-testid="users-page">
      <div className="page-head">
        <Typography.Title level={1} className="page-title">
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

function useUserColumns(open: (dialog: Dialog) => void): ColumnsType<User> {
  const { t } = useTranslation();
  const areas = useQuery(areasQuery()).data ?? [];
  const zones = useQuery(zonesQuery).data ?? [];
  const scopeOf = (user: User) => {
    if (user.areaId) return areas.find((area) => area.id === user.areaId)?.name;
    if (user.zoneId) return zones.find((zone) => zone.id === user.zoneId)?.name;
    return t("users.wholeTown");
  };
  return [
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
      render: (_, user) => <Tag color={ROLE_COLORS[user.role]}>{t(`role.${user.role}`)}</Tag>,
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
    { key: "actions", title: "", render: (_, user) => <UserActions user={user} open={open} /> },
  ];
}

/** Edit, reset the password, disable or enable (not oneself). */
function UserActions({ user, open }: { user: User; open: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { data: me } = useQuery(sessionQuery);
  const patch = usePatchUser();
  const setDisabled = (disabled: boolean) =>
    patch.mutate(
      { id: user.id, patch: { disabled } },
      {
        onSuccess: () => message.success(disabled ? t("users.disabledDone") : t("users.enabledDone")),
        onError: (error) => message.error(errorMessage(error)),
      },
    );
  return (
    <Space wrap size={4}>
      <Button size="small" onClick={() => open({ kind: "edit", user })} data-testid={`user-edit-${user.username}`}>
        {t("users.edit")}
      </Button>
      <Button
        size="small"
        onClick={() => open({ kind: "password", user })}
        data-testid={`user-password-${user.username}`}
      >
        {t("users.resetPassword")}
      </Button>
      {user.id !== me?.id && (
        <Popconfirm
          title={user.disabled ? t("users.confirmEnable") : t("users.confirmDisable")}
          onConfirm={() => setDisabled(!user.disabled)}
          okText={t("common.confirm")}
          cancelText={t("common.cancel")}
        >
          <Button size="small" danger={!user.disabled} data-testid={`user-toggle-${user.username}`}>
            {user.disabled ? t("users.enable") : t("users.disable")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
