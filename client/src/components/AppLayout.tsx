// The frame of every logged-in page: the header with the role-aware navigation, the language switch and
// the user menu (name, role, change password, log out); the live-update stream; the page below.

import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Tag } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { sessionQuery, useLogout } from "../api/session";
import { useChangeStream } from "../api/stream";
import type { SessionUser } from "../api/types";
import { OfflineSync } from "../offline/OfflineSync";
import { OutboxBadge } from "../offline/OutboxBadge";
import { LanguageSwitch } from "./LanguageSwitch";
import { PageSpinner } from "./PageSpinner";
import { useNavItems } from "./useNavItems";

// Loaded when first opened: the form machinery stays out of the dashboard's first load.
const ChangePasswordModal = lazy(() =>
  import("./ChangePasswordModal").then((module) => ({ default: module.ChangePasswordModal })),
);

function UserMenu({ user, onChangePassword }: { user: SessionUser; onChangePassword: () => void }) {
  const { t } = useTranslation();
  const logout = useLogoutAndLeave();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "password", icon: <KeyOutlined />, label: t("user.changePassword"), onClick: onChangePassword },
          { type: "divider" },
          {
            key: "logout",
            icon: <LogoutOutlined />,
            label: <span data-testid="logout-button">{t("user.logout")}</span>,
            onClick: logout,
          },
        ],
      }}
    >
      <Button type="text" className="user-button" data-testid="user-menu">
        <UserOutlined />
        <span className="user-name" data-testid="current-user">
          {user.displayName}
        </span>
        <Tag color="blue" variant="filled" data-testid="current-role">
          {t(`role.${user.role}`)}
        </Tag>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const phone = Grid.useBreakpoint().lg === false;
  const [passwordOpen, setPasswordOpen] = useState(false);
  useChangeStream(Boolean(user));

  if (!user) return null;
  const openPassword = () => setPasswordOpen(true);

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header no-print">
        <Link to="/" className="app-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t("app.title")}</span>
        </Link>
        <OutboxBadge />
        {phone ? (
          <PhoneNav user={user} onChangePassword={openPassword} />
        ) : (
          <DesktopNav user={user} onChangePassword={openPassword} />
        )}
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<PageSpinner />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer no-print">
        <span className="muted">{t("app.footer")}</span>
      </Layout.Footer>
      <OfflineSync userId={user.id} />
      {passwordOpen && (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setPasswordOpen(false)} />
        </Suspense>
      )}
    </Layout>
  );
}

interface NavProps {
  user: SessionUser;
  onChangePassword: () => void;
}

/** Logs out, then shows the login page. */
function useLogoutAndLeave() {
  const navigate = useNavigate();
  const logout = useLogout();
  return () => logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) });
}

/** On a desktop: the menu across the header, the language and the user menu at its right. */
function DesktopNav({ user, onChangePassword }: NavProps) {
  const { pathname } = useLocation();
  const { items, selectedKey } = useNavItems(user, pathname);
  return (
    <>
      <Menu
        mode="horizontal"
        theme="dark"
        selectedKeys={selectedKey ? [selectedKey] : []}
        items={items}
        className="app-nav"
        data-testid="nav-menu"
      />
      <div className="header-right">
        <LanguageSwitch />
        <UserMenu user={user} onChangePassword={onChangePassword} />
      </div>
    </>
  );
}

/** On a phone: a menu button opening a drawer with the user, the menu, the language and the account actions. */
function PhoneNav({ user, onChangePassword }: NavProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const { items, selectedKey } = useNavItems(user, pathname);
  const logout = useLogoutAndLeave();
  return (
    <>
      <div className="header-spacer" />
      <Button
        type="text"
        icon={<MenuOutlined />}
        aria-label={t("nav.menu")}
        onClick={() => setOpen(true)}
        className="header-icon-button"
        data-testid="nav-toggle"
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="right"
        size={300}
        title={
          <div>
            <div data-testid="current-user">{user.displayName}</div>
            <Tag color="blue" variant="filled" data-testid="current-role">
              {t(`role.${user.role}`)}
            </Tag>
          </div>
        }
      >
        <Menu
          mode="inline"
          selectedKeys={selectedKey ? [selectedKey] : []}
          items={items}
          onClick={() => setOpen(false)}
          data-testid="nav-menu"
        />
        <div className="drawer-actions">
          <LanguageSwitch />
          <Button
            block
            icon={<KeyOutlined />}
            onClick={() => {
              setOpen(false);
              onChangePassword();
            }}
          >
            {t("user.changePassword")}
          </Button>
          <Button block danger icon={<LogoutOutlined />} data-testid="logout-button" onClick={logout}>
            {t("user.logout")}
          </Button>
        </div>
      </Drawer>
    </>
  );
}
