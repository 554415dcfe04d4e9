// Asks before unsaved edits are left behind: a modal for a move inside the app (react-router's blocker, so
// the menu, links, the back button and a change of the URL's year all ask), and the browser's own question
// for closing the tab or reloading (beforeunload).

import { Modal } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { type Location, useBlocker } from "react-router";

interface Props {
  /** Whether there is anything to lose. */
  when: boolean;
  /** How many edits would be lost, to say so. */
  count: number;
  /** Which moves leave the edits behind (default: any change of the path). */
  leaves?: (current: Location, next: Location) => boolean;
}

const pathChanges = (current: Location, next: Location) => current.pathname !== next.pathname;

export function LeaveGuard({ when, count, leaves = pathChanges }: Props) {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && leaves(currentLocation, nextLocation));

  useEffect(() => {
    if (!when) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a value is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [when]);

  // Saved or discarded meanwhile: nothing left to ask about.
  useEffect(() => {
    if (blocker.state === "blocked" && !when) blocker.proceed();
  }, [blocker, when]);

  return (
    <Modal
      open={blocker.state === "blocked"}
      title={t("leave.title")}
      okText={t("leave.leave")}
      okButtonProps={{ danger: true }}
      cancelText={t("leave.stay")}
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      {t("leave.body", { count })}
    </Modal>
  );
}
