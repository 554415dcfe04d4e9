// Parts that use antd are loaded on demand, each inside the app's antd settings (AntdScope): the frame, the
// login page and the dashboard's first screen render without antd, so their first paint does not wait for it.

import { type ComponentType, type LazyExoticComponent, lazy } from "react";

/** The antd settings' module; loaded once, with the first part that needs it. */
export const loadAntdScope = () => import("./AntdScope");

type PropsOf<C> = C extends ComponentType<infer P> ? P & object : never;

/**
 * `React.lazy` of the component `name` of the module `load` fetches, rendered inside AntdScope; the module and
 * antd's settings load in parallel.
 */
export function lazyWithAntd<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<ComponentType<PropsOf<M[K]>>> {
  return lazy(async () => {
    const [module, scope] = await Promise.all([load(), loadAntdScope()]);
    return { default: scope.withAntd(module[name] as unknown as ComponentType<PropsOf<M[K]>>) };
  });
}
