// The providers around every page: React Query (the only client cache), antd in the user's language and
// sized for the device, and the router.

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, Grid } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { isOutage } from "./api/health";
import { isApiError } from "./api/http";
import { keys } from "./api/keys";
import { ServiceBanner } from "./components/ServiceBanner";
import { preloadFirstScreen, router } from "./routes";

function createQueryClient(): QueryClient {
  // Any 401 means the session is gone: forget the user, and the guard sends them to the login page. A
  // database or server away: ask health at once, so the banner says so (docs/OPERATIONS.md).
  const onError = (error: unknown) => {
    if (isApiError(error, 401)) client.setQueryData(keys.session, null);
    if (isOutage(error)) void client.invalidateQueries({ queryKey: keys.health });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Offline, a read still asks: the service worker may answer it from its cache (docs/ARCHITECTURE.md
        // § Offline). Only its retries wait for the network.
        networkMode: "offlineFirst",
        // While the database is away, reads keep trying (at the pace the server asks) until it is back.
        retry: (count, error) =>
          isOutage(error) || (!(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2),
        retryDelay: (count, error) =>
          isApiError(error) && error.retryAfter ? error.retryAfter * 1000 : Math.min(1000 * 2 ** count, 10_000),
      },
    },
  });
  return client;
}

function AntdProviders({ children }: { children: ReactNode }) {
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
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    preloadFirstScreen(client);
    return client;
  });
  return (
    <QueryClientProvider client={queryClient}>
      <AntdProviders>
        <ServiceBanner />
        <RouterProvider router={router} />
      </AntdProviders>
    </QueryClientProvider>
  );
}
