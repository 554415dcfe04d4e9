import type { ChangePasswordInput, LoginInput } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { forgetSession, rememberedSession, rememberSession } from "../offline/lastSession";
import { ApiError, request } from "./http";
import { keys } from "./keys";
import type { SessionUser } from "./types";

/**
 * The logged-in user, or null when there is no session (a 401 is an answer here, not an error). With no network
 * at all, the user this device last saw logged in, so the app opens offline (docs/ARCHITECTURE.md § Offline); the
 * server still decides every request when the network is back.
 */
export const sessionQuery = queryOptions({
  queryKey: keys.session,
  queryFn: async (): Promise<SessionUser | null> => {
    try {
      const { user } = await request<{ user: SessionUser }>("/session");
      rememberSession(user);
      return user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forgetSession();
        return null;
      }
      const remembered = error instanceof ApiError && error.status === 0 ? rememberedSession() : null;
      if (remembered) return remembered;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => request<{ user: SessionUser }>("/session", { method: "POST", body: input }),
    onSuccess: ({ user }) => {
      // A new user may see other things: drop everything cached for the previous one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.session[0] });
      rememberSession(user);
      queryClient.setQueryData(keys.session, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<void>("/session", { method: "DELETE" }),
    onSettled: () => {
      forgetSession();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.session[0] });
      queryClient.setQueryData(keys.session, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => request<void>("/session/password", { method: "POST", body: input }),
  });
}
