import type { CreateUserInput, PatchUserInput, User } from "@jiati/shared";
import { queryOptions, useMutation } from "@tanstack/react-query";
import { request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

/** POST /api/users, as its shared schema takes it. */
type NewUser = CreateUserInput;
/** PATCH /api/users/:id, as its shared schema takes it. */
type UserPatch = PatchUserInput;

export const usersQuery = queryOptions({
  queryKey: keys.users,
  queryFn: () => request<User[]>("/users"),
});

export function useCreateUser() {
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: (input: NewUser) => request<User>("/users", { method: "POST", body: input }),
    onSuccess: () => invalidate({ kind: "users" }),
  });
}

export function usePatchUser() {
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) =>
      request<User>(`/users/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () => invalidate({ kind: "users" }),
  });
}
