// antd in the user's language and sized for the device, around every part that uses antd (see
// lazyWithAntd.tsx). dayjs — antd's dates — follows the UI's language from here, so pages without a calendar
// do not load it.

import { App as AntApp, ConfigProvider, Grid } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18n from "i18next";
import type { ComponentType, ReactNode } from "react";
import { useTranslation } from "react-i18next";

const dayjsLocale = (language: string) => (language === "en" ? "en" : "zh-cn");
dayjs.locale(dayjsLocale(i18n.language));
i18n.on("languageChanged", (language) => dayjs.locale(dayjsLocale(language)));

export function AntdScope({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  // On phones, 44px controls: big enough to hit with a thumb on site.
  const phone = screens.md === false;
  return (
    <ConfigProvider
      locale={i18n.language === "en" ? enUS : zhCN}
      // "编辑", not "编 辑": antd spaces out two-character Chinese button labels unless told not to.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          controlHeight: phone ? 44 : 32,
          fontSize: 14,
          borderRadius: 6,
          // WCAG AA: links, selected menu items and primary buttons at 5.9:1 (antd's #1677ff is 4.1:1), and the
          // secondary, tertiary and placeholder greys at 4.5:1 or more on white.
          colorPrimary: "#0958d9",
          colorLink: "#0958d9",
          colorError: "#cf1322",
          colorTextSecondary: "rgba(0, 0, 0, 0.65)",
          colorTextTertiary: "rgba(0, 0, 0, 0.6)",
          colorTextDescription: "rgba(0, 0, 0, 0.65)",
          colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
        },
        components: {
          // Desktop items narrow enough that the task force's whole menu fits at 1440 px: what antd folds behind
          // "…" stays focusable while hidden from screen readers.
          Menu: { itemHeight: phone ? 48 : 40, itemPaddingInline: phone ? 16 : 8 },
          Table: { cellPaddingBlockSM: 6 },
          // The calendar within a phone's width (its cells otherwise grow with the 44px controls).
          ...(phone ? { DatePicker: { cellWidth: 40, cellHeight: 32 } } : {}),
        },
      }}
    >
      {/* No wrapper element: the part keeps its place in the page's layout (a flex header, a grid of controls). */}
      <AntApp component={false}>{children}</AntApp>
    </ConfigProvider>
  );
}

/** `Component` rendered inside AntdScope. */
export function withAntd<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  function WithAntd(props: P) {
    return (
      <AntdScope>
        <Component {...props} />
      </AntdScope>
    );
  }
  WithAntd.displayName = `WithAntd(${Component.displayName ?? Component.name})`;
  return WithAntd;
}
