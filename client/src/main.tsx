import { i18nReady } from "./i18n";
import "./styles.css";
import "./plain.css";
import "./pages/dashboard/first/first.css";
import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { firstScreenCode } from "./routes";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element to render the app into");
const root = createRoot(container);
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);

if (container.firstElementChild) {
  // The server sent the dashboard's first screen (or the login form) with the page (docs/ARCHITECTURE.md § The
  // first screen). The app replaces it in one commit once the code of what is shown is here: as a transition,
  // React waits for those lazy modules instead of showing a spinner in between, so nothing leaves the screen.
  void Promise.all([i18nReady, firstScreenCode().catch(() => undefined)]).then(() =>
    startTransition(() => root.render(app)),
  );
} else {
  void i18nReady.then(() => root.render(app));
}
