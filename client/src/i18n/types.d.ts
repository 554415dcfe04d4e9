// Type-checked translation keys: every t("…") must name a key of the Chinese resources, and the English
// resources must have the same shape (see en.ts).
import "i18next";
import type { zh } from "./zh";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof zh };
    returnNull: false;
  }
}
