// The frame of every logged-in page (AppFrame: plain, so its header has its size before antd loads) with the
// role-aware navigation, the language switch and the user menu in its header — on a wide screen loaded after
// the first paint (DesktopNav), on a phone behind a plain menu button that loads its drawer when first tapped
// (PhoneNav) — the live-update stream, and the page below.

import { useQuery } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { sessionQuery } from "../api/session";
import { useChangeStream } from "../api/stream";
import type { SessionUser } from "../api/types";
import { useMediaQuery, WIDE_SCREEN } from "../lib/useMediaQuery";
import { OfflineSync } from "../offline/OfflineSync";
import { OutboxBadge } from "../offline/OutboxBadge";
import { AppFrame } from "./AppFrame";
import { MenuOutlined } from "./icons";
import { lazyWithAntd } from "./lazyWithAntd";
import { PageSpinner } from "./PageSpinner";

const DesktopNav = lazyWithAntd(() => import("./HeaderNav"), "DesktopNav");
const PhoneDrawer = lazyWithAntd(() => import("./HeaderNav"), "PhoneDrawer");
// Loaded when first opened: the form machinery stays out of the dashboard's first load.
const ChangePasswordModal = lazyWithAntd(() => import("./ChangePasswordModal"), "ChangePasswordModal");

export function AppLayout() {
  const { data: user } = useQuery(sessionQuery);
  const wide = useMediaQuery(WIDE_SCREEN);
  const [passwordOpen, setPasswordOpen] = useState(false);
  useChangeStream(Boolean(user));

  if (!user) return null;
  const openPassword = () => setPasswordOpen(true);

  return (
    <AppFrame
      nav={
        <>
          <OutboxBadge />
          {wide ? (
            <Suspense fallback={<div className="header-spacer" />}>
              <DesktopNav user={user} onChangePassword={openPassword} />
            </Suspense>
          ) : (
            <PhoneNav user={user} onChangePassword={openPassword} />
          )}
        </>
      }
    >
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
      <OfflineSync userId={user.id} />
      {passwordOpen && (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setPasswordOpen(false)} />
        </Suspense>
      )}
    </AppFrame>
  );
}

/** On a phone: the menu button; its drawer (antd) is loaded when first tapped, and kept. */
function PhoneNav({ user, onChangePassword }: { user: SessionUser; onChangePassword: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <div className="header-spacer" />
      <button
        type="button"
        className="header-icon-button"
        aria-label={t("nav.menu")}
        aria-expanded={open}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
        data-testid="nav-toggle"
      >
        <MenuOutlined />
      </button>
      {opened && (
        <Suspense fallback={null}>
          <PhoneDrawer user={user} onChangePassword={onChangePassword} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
