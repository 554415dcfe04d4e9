import { z } from "zod";
import { currentLanguage } from "./messages";

// zod's own messages (the schemas' custom ones are in messages/), in the current language on both sides.
const zodLocales = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };
z.config({ localeError: (issue) => zodLocales[currentLanguage()](issue) });

export * from "./asof";
export * from "./blockers";
export * from "./briefing";
export * from "./briefingHead";
export * from "./counting";
export * from "./dates";
export type * from "./firstScreen";
export * from "./forecast";
export * from "./labels";
export * from "./ledger";
export * from "./messages";
export * from "./planning";
export * from "./policy";
export * from "./reports";
export * from "./responses";
export * from "./review";
export * from "./schemas";
export * from "./stages";
export * from "./summary";
export * from "./supervision";
export * from "./vocabulary";
