// Route guards: no session → the login page (remembering where the user was going); wrong role → 403.

import type { Role } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router";
import { sessionQuery } from "../api/session";
import { ErrorResult } from "./ErrorResult";
import { PageSpinner } from "./PageSpinner";
import { StatusMessage } from "./StatusMessage";

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useQuery(sessionQuery);
  const location = useLocation();
  if (session.isPending) return <PageSpinner />;
  if (session.isError) return <ErrorResult error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return children;
}

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  if (user && roles.includes(user.role)) return children;
  return (
    <StatusMessage
      code="403"
      title={t("errors.forbiddenPage")}
      extra={
        <Link to="/" className="btn btn-primary">
          {t("nav.dashboard")}
        </Link>
      }
    />
  );
}
