import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import { useIdempotencyKeys } from '../../lib/idempotency';
import type { DuplicateQuery } from './merge-logic';

// The staff and unit lists share their query keys with the participants feature's pickers
// (['staff'], ['units']), so a change here shows everywhere.
export function useAdminStaff() {
  return useQuery({
    queryKey: ['staff'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/staff', { params: { query: { limit: 500 } }, signal })).data!,
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'NewStaff'>) =>
      (await api.POST('/api/v1/staff', { body, headers: { 'Idempotency-Key': keyFor({ ...body, password: '' }) } })).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export function useUpdateStaff(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<'StaffUpdate'>) => (await api.PUT('/api/v1/staff/{id}', { params: { path: { id } }, body })).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export function useAdminUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/units', { signal })).data!,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'NewUnit'>) => (await api.POST('/api/v1/units', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}

export interface AuditQuery {
  actor_id?: string;
  participant_id?: string;
  resource_type?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/audit', { params: { query }, signal })).data!,
    placeholderData: keepPreviousData,
  });
}

/** One account as the server has it now (after a 412, to show what someone else changed). */
export async function fetchStaffMember(id: string): Promise<Schema<'StaffView'> | null> {
  const result = await api.GET('/api/v1/staff/{id}', { params: { path: { id } } }).catch(() => null);
  return result?.data ?? null;
}

/** Records that look like the person searched for (ids only: administrators do not read participants). */
export function useDuplicateSearch(query: DuplicateQuery | null) {
  return useQuery({
    queryKey: ['participants', 'duplicates', query],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/participants/duplicates', { params: { query: query! }, signal })).data!,
    enabled: query !== null,
  });
}

/** Merges the duplicate `from_id` into `into_id` (every record moves; `from_id` is closed). */
export function useMergeParticipants() {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async ({ into_id, from_id }: { into_id: string; from_id: string }) =>
      (
        await api.POST('/api/v1/participants/{id}/merge', {
          params: { path: { id: into_id } },
          body: { from_id },
          headers: { 'Idempotency-Key': keyFor({ into_id, from_id }) },
        })
      ).data!,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['participants'] }),
  });
}

/** Undoes a merge: the moved records go back and the duplicate's status is restored. */
export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (mergeId: string) => (await api.POST('/api/v1/participant-merges/{id}/undo', { params: { path: { id: mergeId } } })).data!,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['participants'] }),
  });
}

/** Closed cases of the manager's units whose retention period has passed (each is audited as read). */
export function useRetentionCandidates() {
  return useQuery({
    queryKey: ['retention', 'candidates'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/retention/candidates', { signal })).data!,
  });
}

/** Removes the chosen cases with every record about them (all or none). */
export function useApproveRetention() {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (participant_ids: string[]) =>
      (await api.POST('/api/v1/retention/approvals', { body: { participant_ids }, headers: { 'Idempotency-Key': keyFor(participant_ids) } })).data!,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['retention'] }), queryClient.invalidateQueries({ queryKey: ['participants'] })]),
  });
}
