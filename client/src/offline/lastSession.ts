// The user this device last saw logged in, kept in localStorage so that 我的楼栋 opens with no network even when
// the service worker has no kept answer for the session (docs/ARCHITECTURE.md § Offline). Who the user is and
// their role and area only — the session itself stays in its HttpOnly cookie. Dropped at log-out and at a 401.

import type { SessionUser } from "../api/types";

const KEY = "jiati.lastSession";

export function rememberSession(user: SessionUser): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // Storage full or refused (private mode): the app then needs the network to open, as before.
  }
}

export function forgetSession(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}

export function rememberedSession(): SessionUser | null {
  try {
    const kept = localStorage.getItem(KEY);
    const user = kept ? (JSON.parse(kept) as SessionUser) : null;
    return user && typeof user.id === "number" && typeof user.role === "string" ? user : null;
  } catch {
    return null;
  }
}
