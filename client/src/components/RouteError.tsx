import { Component, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { StatusMessage } from "./StatusMessage";

/** Shown when a page fails to render or its code fails to load (e.g. after a deploy): offer a reload. */
export function RouteError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <StatusMessage
      tone="error"
      title={t("errors.pageCrashed")}
      detail={error instanceof Error ? error.message : String(error)}
      extra={
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </button>
      }
    />
  );
}

interface BoundaryProps {
  children: ReactNode;
  /** The address shown: going elsewhere tries rendering again. */
  location: string;
}

/** Catches what the page throws while rendering (or loading its code) and shows RouteError instead. */
export class RouteErrorBoundary extends Component<BoundaryProps, { error: unknown; failed: boolean }> {
  override state = { error: undefined as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidUpdate(previous: BoundaryProps) {
    if (previous.location !== this.props.location && this.state.failed) this.setState({ failed: false });
  }

  override render() {
    return this.state.failed ? <RouteError error={this.state.error} /> : this.props.children;
  }
}
