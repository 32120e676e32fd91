import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, session } from '../../api/client';
import type { LoginRequest } from '../../api/types';
import { drafts } from '../../lib/draft';

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
      // Unsaved local drafts belong to this user's session; an explicit logout removes them
      // (an expired session keeps them, so they are restored after signing in again).
      const who = session.current()?.staff.id;
      if (who) drafts.purge(who);
      session.clear('logout');
      queryClient.clear();
    },
  });
}
