// The language of the request being served, so that any code it runs — services, validation, the shared
// rules — says its messages (shared/src/messages) in it without being handed a parameter. Set once per API
// request by http/middleware.ts `chooseLanguage`; outside a request (start-up, housekeeping) messages are Chinese.

import { AsyncLocalStorage } from "node:async_hooks";
import { DEFAULT_LANGUAGE, type Language, setLanguageSource } from "@jiati/shared";

const requestLanguage = new AsyncLocalStorage<Language>();

setLanguageSource(() => requestLanguage.getStore() ?? DEFAULT_LANGUAGE);

/** Runs `work` (and everything it awaits or schedules) with `language` as the language of messages. */
export function inLanguage<T>(language: Language, work: () => T): T {
  return requestLanguage.run(language, work);
}
