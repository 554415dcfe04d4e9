import type { Role, User } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "./http";
import { keys } from "./keys";

export const usersQuery = queryOptions({
  queryKey: keys.users,
  queryFn: () => request<User[]>("/users"),
});

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  areaId: number | null;
  zoneId: number | null;
  password: string;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  areaId?: number | null;
  zoneId?: number | null;
  disabled?: boolean;
  password?: string;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUser) => request<User>("/users", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function usePatchUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) =>
      request<User>(`/users/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.users }),
        queryClient.invalidateQueries({ queryKey: keys.audit.all }),
      ]),
  });
}
