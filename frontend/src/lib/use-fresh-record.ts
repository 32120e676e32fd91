import { useQueryClient } from '@tanstack/react-query';

/**
 * The server's current version of one record of a cached list (the list is refetched first), for
 * the stale alert of an edit form: `fresh(queryKey, id)`.
 */
export function useFreshFromList() {
  const queryClient = useQueryClient();
  return async <T extends { id: string }>(key: readonly unknown[], id: string): Promise<T | undefined> => {
    await queryClient.refetchQueries({ queryKey: key, exact: true });
    return queryClient.getQueryData<{ items: T[] }>(key)?.items.find((x) => x.id === id);
  };
}
