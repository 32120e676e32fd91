import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import { useIdempotencyKeys } from '../../lib/idempotency';
import { ifMatch } from '../../lib/record-edit';

export const recordKeys = {
  consents: (pid: string) => ['case-records', 'consents', pid] as const,
  assignments: (pid: string) => ['case-records', 'assignments', pid] as const,
  asi: (pid: string) => ['case-records', 'asi', pid] as const,
};

function useRefresh(participantId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['case-records'] }),
      queryClient.invalidateQueries({ queryKey: ['timeline', participantId] }),
    ]);
}

export function useConsents(participantId: string) {
  return useQuery({
    queryKey: recordKeys.consents(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/consents', { params: { path: { id: participantId }, query: { limit: 200 } }, signal })).data!,
  });
}

export function useCreateConsent(participantId: string) {
  const refresh = useRefresh(participantId);
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'ConsentInput'>) =>
      (await api.POST('/api/v1/participants/{id}/consents', { params: { path: { id: participantId } }, body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: refresh,
  });
}

export function useWithdrawConsent(participantId: string) {
  const refresh = useRefresh(participantId);
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: Schema<'WithdrawConsent'> }) =>
      (await api.POST('/api/v1/consents/{id}/withdraw', { params: { path: { id } }, body })).data!,
    onSuccess: refresh,
  });
}

export function useAssignments(participantId: string) {
  return useQuery({
    queryKey: recordKeys.assignments(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/assignments', { params: { path: { id: participantId }, query: { limit: 200 } }, signal })).data!,
  });
}

export function useCreateAssignment(participantId: string) {
  const refresh = useRefresh(participantId);
  return useMutation({
    mutationFn: async (body: Schema<'AssignmentInput'>) =>
      (await api.POST('/api/v1/participants/{id}/assignments', { params: { path: { id: participantId } }, body })).data!,
    onSuccess: refresh,
  });
}

export function useEndAssignment(participantId: string) {
  const refresh = useRefresh(participantId);
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: Schema<'EndAssignment'> }) =>
      (await api.POST('/api/v1/assignments/{id}/end', { params: { path: { id } }, body })).data!,
    onSuccess: refresh,
  });
}

export function useAsiInterviews(participantId: string) {
  return useQuery({
    queryKey: recordKeys.asi(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/asi-interviews', { params: { path: { id: participantId }, query: { limit: 200 } }, signal })).data!,
  });
}

export function useCreateAsi(participantId: string) {
  const refresh = useRefresh(participantId);
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'AsiInput'>) =>
      (await api.POST('/api/v1/participants/{id}/asi-interviews', { params: { path: { id: participantId } }, body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: refresh,
  });
}

export function useSearchCases(participantId: string) {
  return useQuery({
    queryKey: ['case-records', 'search-cases', participantId],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/housing-search-cases', { params: { query: { participant_id: participantId, limit: 200 } }, signal })).data!,
  });
}

export function useTemporaryStays(participantId: string) {
  return useQuery({
    queryKey: ['case-records', 'temporary-stays', participantId],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/temporary-stays', { params: { query: { participant_id: participantId } }, signal })).data!,
  });
}

/** Correct a consent (the whole record), with the version edited as `If-Match`. */
export async function updateConsent(id: string, body: Schema<'ConsentInput'>, version: number) {
  return (await api.PUT('/api/v1/consents/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

/** Correct an ASI interview (the whole record), with the version edited as `If-Match`. */
export async function updateAsi(id: string, body: Schema<'AsiInput'>, version: number) {
  return (await api.PUT('/api/v1/asi-interviews/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

export function useRefreshRecords(participantId: string) {
  return useRefresh(participantId);
}
