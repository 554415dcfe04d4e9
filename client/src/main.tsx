import { i18nReady } from "./i18n";
import "./styles.css";
import "./plain.css";
import "./pages/dashboard/first/first.css";
import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { registerServiceWorker } from "./offline/register";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element to render the app into");
const root = createRoot(container);
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);

// When the server sent the dashboard's first screen (or the login form) with the page (docs/ARCHITECTURE.md
// § The first screen), the app replaces it in one commit: their components come with this script, so nothing
// suspends on the way. As a transition, the render yields to the browser as it goes.
void i18nReady.then(() => {
  if (container.firstElementChild) startTransition(() => root.render(app));
  else root.render(app);
});
registerServiceWorker();
