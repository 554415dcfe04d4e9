// A dialog that fits the device: a centred modal on a desktop, a bottom sheet on a phone (reachable with a
// thumb, as wide as the screen, scrolling inside itself). Forms put their own buttons in `footer`.

import { Drawer, Grid, Modal } from "antd";
import type { ReactNode } from "react";

interface SheetProps {
  title: ReactNode;
  onClose: () => void;
  footer?: ReactNode;
  children: ReactNode;
  /** The modal's width on a desktop. */
  width?: number;
  testId?: string;
}

export function Sheet({ title, onClose, footer, children, width = 520, testId }: SheetProps) {
  const phone = Grid.useBreakpoint().md === false;
  if (phone) {
    return (
      <Drawer
        open
        placement="bottom"
        size="auto"
        title={title}
        onClose={onClose}
        footer={footer ? <div className="sheet-footer">{footer}</div> : null}
        rootClassName="sheet"
      >
        <div data-testid={testId}>{children}</div>
      </Drawer>
    );
  }
  return (
    <Modal open title={title} onCancel={onClose} footer={footer ?? null} width={width}>
      <div data-testid={testId}>{children}</div>
    </Modal>
  );
}
