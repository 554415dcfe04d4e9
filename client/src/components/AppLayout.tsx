// The frame of every logged-in page (AppFrame: plain, so its header has its size before antd loads) with the
// role-aware navigation, the language switch and the user menu loaded into its header (HeaderNav); the
// live-update stream; the page below.

import { useQuery } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { Outlet } from "react-router";
import { sessionQuery } from "../api/session";
import { useChangeStream } from "../api/stream";
import { AppFrame } from "./AppFrame";
import { lazyWithAntd } from "./lazyWithAntd";
import { PageSpinner } from "./PageSpinner";

const HeaderNav = lazyWithAntd(() => import("./HeaderNav"), "HeaderNav");
// Loaded when first opened: the form machinery stays out of the dashboard's first load.
const ChangePasswordModal = lazyWithAntd(() => import("./ChangePasswordModal"), "ChangePasswordModal");

export function AppLayout() {
  const { data: user } = useQuery(sessionQuery);
  const [passwordOpen, setPasswordOpen] = useState(false);
  useChangeStream(Boolean(user));

  if (!user) return null;

  return (
    <AppFrame
      nav={
        <Suspense fallback={<div className="header-spacer" />}>
          <HeaderNav user={user} onChangePassword={() => setPasswordOpen(true)} />
        </Suspense>
      }
    >
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
      {passwordOpen && (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setPasswordOpen(false)} />
        </Suspense>
      )}
    </AppFrame>
  );
}
