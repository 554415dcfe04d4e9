// Turns any error into a sentence for the user. The server's messages are Chinese; in English the stable
// error code is translated where we know it, and the server's message is kept otherwise.

import { useTranslation } from "react-i18next";
import { isApiError } from "../api/http";

const KNOWN_CODES = [
  "network",
  "unauthenticated",
  "forbidden",
  "not_found",
  "stale_version",
  "too_many_requests",
  "internal",
  "payload_too_large",
  "unsupported_media_type",
  "too_many_photos",
  "not_blocked",
  "database_unavailable",
  "disk_full",
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
    const known = (KNOWN_CODES as readonly string[]).includes(error.code) ? (error.code as KnownCode) : null;
    if (error.code === "network") return t("errors.code.network");
    if (i18n.language === "en" && known) return t(`errors.code.${known}`);
    return error.message;
  };
}
