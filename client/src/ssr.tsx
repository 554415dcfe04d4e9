// The server's renderer of the dashboard's first screen and of the login page (docs/ARCHITECTURE.md § The first
// screen), built by `vite build --ssr` into client/dist-ssr/ssr.js, which the Express server imports when it is
// there. It renders the same components the app shows — the frame and DashboardTop from the data the server read
// for the user, written beside them for the app to start from (firstScreen.ts); the login form — and writes the
// UI's texts in the page's language with them, so the app's first script carries none (i18n/index.ts).

import type { FirstScreenData, FirstScreenRenderer } from "@jiati/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createInstance, type i18n as I18n } from "i18next";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router";
import { AppFrame } from "./components/AppFrame";
import { firstScreenElement, textsElement } from "./firstScreen";
import { en } from "./i18n/en";
import { zh } from "./i18n/zh";
import { BelowPlaceholder, ControlsPlaceholder, DashboardTop } from "./pages/dashboard/first/DashboardTop";
import { dashboardQuery } from "./pages/dashboard/first/query";
import { LoginPage } from "./pages/login/LoginPage";

/** One i18next per language, made once: the same resources and options as the app's (i18n/index.ts). */
const translators = new Map<string, I18n>();

function translator(language: "zh" | "en"): I18n {
  let instance = translators.get(language);
  if (!instance) {
    instance = createInstance();
    void instance.init({
      resources: { zh: { translation: zh }, en: { translation: en } },
      lng: language,
      fallbackLng: "zh",
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
      initAsync: false,
    });
    translators.set(language, instance);
  }
  return instance;
}

/** The UI's texts in `language`, for the app to start with. */
function texts(language: "zh" | "en"): string {
  return textsElement({ language, texts: language === "en" ? en : zh });
}

/** The login page, as the app renders it (its button waits for the app), or null for any other address. */
function login(pathname: string, language: "zh" | "en") {
  if (pathname !== "/login") return null;
  const markup = renderToString(
    <I18nextProvider i18n={translator(language)}>
      <QueryClientProvider client={new QueryClient()}>
        <StaticRouter location={pathname}>
          <LoginPage />
        </StaticRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { markup, dataElement: texts(language) };
}

/** The frame and the first screen, as the app renders them before its antd parts have loaded. */
function render(data: FirstScreenData, url: string) {
  const { summary, statuses, query } = data;
  const markup = renderToString(
    <I18nextProvider i18n={translator(data.language)}>
      <StaticRouter location={url}>
        <AppFrame>
          {/* Busy until the app has taken over (it replaces this markup with its own, the same figures). */}
          <div className="page" data-testid="dashboard" data-year={summary.year} aria-busy={true}>
            <DashboardTop
              summary={summary}
              statuses={statuses}
              asOf={query.asOf}
              controls={<ControlsPlaceholder summary={summary} />}
            />
            <BelowPlaceholder />
          </div>
        </AppFrame>
      </StaticRouter>
    </I18nextProvider>,
  );
  return { markup, dataElement: `${firstScreenElement(data)}${texts(data.language)}` };
}

export const renderer: FirstScreenRenderer = { dashboardQuery, render, login };
