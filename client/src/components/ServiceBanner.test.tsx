import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { keys } from "../api/keys";
import { i18nReady } from "../i18n";
import { ServiceBanner } from "./ServiceBanner";

beforeAll(() => i18nReady);
afterEach(() => vi.unstubAllGlobals());

/** Answers /api/health with whatever `health()` says now. */
function stubHealth(health: () => Response) {
  vi.stubGlobal("fetch", async (url: string) => {
    if (String(url).startsWith("/api/health")) return health();
    return new Response("{}", { status: 200 });
  });
}

function renderBanner(queryClient: QueryClient) {
  return render(
    <QueryClientProvider client={queryClient}>
      <ServiceBanner />
    </QueryClientProvider>,
  );
}

describe("the service banner", () => {
  it("says the database is away while health answers 503, and refetches every page's data once it is back", async () => {
    let down = true;
    stubHealth(() =>
      down
        ? new Response(JSON.stringify({ status: "unavailable" }), { status: 503 })
        : new Response(JSON.stringify({ status: "ok", disk: "ok" }), { status: 200 }),
    );
    const queryClient = new QueryClient();
    queryClient.setQueryData(keys.summary.of(2022, null), { stale: "figures from before" });
    renderBanner(queryClient);
    expect((await screen.findByTestId("service-banner")).textContent).toContain("数据库暂时不可用，请稍后再试");
    expect(screen.getByTestId("service-banner").textContent).toContain("未保存的输入会保留");

    down = false;
    await queryClient.invalidateQueries({ queryKey: keys.health });
    await waitFor(() => expect(screen.queryByTestId("service-banner")).toBeNull());
    expect(queryClient.getQueryState(keys.summary.of(2022, null))?.isInvalidated).toBe(true);
  });

  it("says the server cannot be reached when health gets no answer at all", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    renderBanner(new QueryClient());
    expect((await screen.findByTestId("service-banner")).textContent).toContain("无法连接服务器");
  });

  it("shows the task force, and only them, that the disk is low", async () => {
    stubHealth(() => new Response(JSON.stringify({ status: "degraded", disk: "low" }), { status: 200 }));
    const queryClient = new QueryClient();
    queryClient.setQueryData(keys.session, { role: "taskforce", displayName: "专班" });
    const { unmount } = renderBanner(queryClient);
    expect((await screen.findByTestId("disk-banner")).textContent).toContain("服务器磁盘空间不足");
    unmount();

    const secretary = new QueryClient();
    secretary.setQueryData(keys.session, { role: "secretary", displayName: "书记" });
    renderBanner(secretary);
    await waitFor(() => expect(secretary.getQueryData(keys.health)).toBeTruthy());
    expect(screen.queryByTestId("disk-banner")).toBeNull();
  });
});
