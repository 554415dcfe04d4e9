// The providers around every page: React Query (the only client cache) and the router. antd's settings are
// not here: each part that uses antd is loaded with them (components/lazyWithAntd.tsx), so the login page and
// the dashboard's first screen render without antd.

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { isOutage } from "./api/health";
import { isApiError } from "./api/http";
import { keys } from "./api/keys";
import { ServiceBanner } from "./components/ServiceBanner";
import { appRouter, preloadFirstScreen } from "./routes";

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

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    preloadFirstScreen(client);
    return client;
  });
  return (
    <QueryClientProvider client={queryClient}>
      <ServiceBanner />
      <RouterProvider router={appRouter()} />
    </QueryClientProvider>
  );
}
