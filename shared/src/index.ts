import { z } from "zod";

// Every zod message, on both sides, in Chinese.
z.config(z.locales.zhCN());

export * from "./asof";
export * from "./counting";
export * from "./dates";
export * from "./forecast";
export * from "./labels";
export * from "./ledger";
export * from "./policy";
export * from "./responses";
export * from "./schemas";
export * from "./stages";
export * from "./summary";
export * from "./vocabulary";
