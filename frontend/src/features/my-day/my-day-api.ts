import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export function useCaseload(staffId: string) {
  return useQuery({
    queryKey: ['caseload', staffId],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/staff/{id}/caseload', { params: { path: { id: staffId } }, signal })).data!,
  });
}
