import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, session } from '../../api/client';
import type { LoginRequest } from '../../api/types';

export function useLogin() {
  return useMutation({
    mutationFn: async (body: LoginRequest) => {
      const { data } = await api.POST('/api/v1/auth/login', { body });
      return data!;
    },
    onSuccess: (tokens) => session.start(tokens),
  });
}

/** Revokes the tokens on the server, then forgets the session and all cached data. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.POST('/api/v1/auth/logout');
      } catch {
        // Signing out locally must work even when the server cannot be reached.
      }
    },
    onSettled: () => {
      session.clear('logout');
      queryClient.clear();
    },
  });
}
