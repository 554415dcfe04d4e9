// The header's navigation (antd), loaded into the plain header of AppFrame: on a wide screen, after the page's
// first paint, the role's menu across the header, the language and the user menu (name, role, change password,
// log out) at its right; on a phone, when its menu button (PhoneNav, plain) is first tapped, a drawer with all
// of them.

import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { App, Button, Drawer, Dropdown, Menu, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useLogout } from "../api/session";
import type { SessionUser } from "../api/types";
import { useOutbox } from "../offline/queue";
import { LanguageSwitch } from "./LanguageSwitch";
import { useNavItems } from "./useNavItems";

interface NavProps {
  user: SessionUser;
  onChangePassword: () => void;
}

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

/**
 * Logs out, then shows the login page. With changes still waiting to be sent, asks first: they stay on the device
 * (IndexedDB, kept per user) but are sent only when the same user logs in here again.
 */
function useLogoutAndLeave() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const logout = useLogout();
  const waiting = useOutbox().length;
  const leave = () => logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) });
  return () => {
    if (waiting === 0) return leave();
    modal.confirm({
      title: t("offline.logoutTitle", { count: waiting }),
      content: t("offline.logoutBody"),
      okText: t("offline.logoutAnyway"),
      okButtonProps: { danger: true, "data-testid": "logout-anyway" },
      cancelText: t("common.cancel"),
      onOk: leave,
    });
  };
}

/** On a desktop: the menu across the header, the language and the user menu at its right. */
export function DesktopNav({ user, onChangePassword }: NavProps) {
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

interface DrawerProps extends NavProps {
  open: boolean;
  onClose: () => void;
}

/** On a phone: the drawer PhoneNav's button opens, with the user, the menu, the language and the account actions. */
export function PhoneDrawer({ user, onChangePassword, open, onClose }: DrawerProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { items, selectedKey } = useNavItems(user, pathname);
  const logout = useLogoutAndLeave();
  return (
    <Drawer
      open={open}
      onClose={onClose}
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
        onClick={onClose}
        data-testid="nav-menu"
      />
      <div className="drawer-actions">
        <LanguageSwitch />
        <Button
          block
          icon={<KeyOutlined />}
          onClick={() => {
            onClose();
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
  );
}
