import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import { useIdempotencyKeys } from '../../lib/idempotency';
import { ifMatch } from '../../lib/record-edit';

export const caseworkKeys = {
  timeline: (participantId: string) => ['timeline', participantId] as const,
  programmes: ['programmes'] as const,
  contacts: (participantId: string) => ['timeline', participantId, 'contacts'] as const,
  relapses: (participantId: string) => ['timeline', participantId, 'relapses'] as const,
};

export function useTimeline(participantId: string) {
  return useQuery({
    queryKey: caseworkKeys.timeline(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/timeline', { params: { path: { id: participantId } }, signal })).data!,
  });
}

export function useProgrammes() {
  return useQuery({
    queryKey: caseworkKeys.programmes,
    queryFn: async ({ signal }) => (await api.GET('/api/v1/programmes', { params: { query: { limit: 500 } }, signal })).data!,
    staleTime: 5 * 60_000,
  });
}

/** Everything derived from a participant's records is refreshed after a change. */
export function useInvalidateParticipantRecords() {
  const queryClient = useQueryClient();
  return (participantId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: caseworkKeys.timeline(participantId) }),
      queryClient.invalidateQueries({ queryKey: ['referrals'] }),
      queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
    ]);
}

export function useCreateContact(participantId: string) {
  const invalidate = useInvalidateParticipantRecords();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'ContactInput'>) =>
      (await api.POST('/api/v1/contacts', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(participantId),
  });
}

export function useCreateRelapse(participantId: string) {
  const invalidate = useInvalidateParticipantRecords();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'RelapseInput'>) =>
      (
        await api.POST('/api/v1/participants/{id}/relapses', {
          params: { path: { id: participantId } },
          headers: { 'Idempotency-Key': keyFor(body) },
          body,
        })
      ).data!,
    onSuccess: () => invalidate(participantId),
  });
}

export function useCreateReferral(participantId: string) {
  const invalidate = useInvalidateParticipantRecords();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'ReferralInput'>) =>
      (await api.POST('/api/v1/referrals', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(participantId),
  });
}

export type DuplicateQuery = {
  personal_identity_number?: string;
  first_name?: string;
  last_name?: string;
  date_of_birth?: string;
};

/** The live duplicate check while registering (only when there is enough to compare). */
export function useDuplicateCheck(query: DuplicateQuery, enabled: boolean) {
  return useQuery({
    queryKey: ['duplicates', query],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/participants/duplicates', { params: { query }, signal })).data!,
    enabled,
    staleTime: 10_000,
    retry: false,
  });
}

export function useParticipantContacts(participantId: string) {
  return useQuery({
    queryKey: caseworkKeys.contacts(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/contacts', { params: { path: { id: participantId }, query: { limit: 200 } }, signal })).data!,
  });
}

export function useParticipantRelapses(participantId: string) {
  return useQuery({
    queryKey: caseworkKeys.relapses(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/relapses', { params: { path: { id: participantId }, query: { limit: 200 } }, signal })).data!,
  });
}

/** Correct a contact: the whole record, with the version edited as `If-Match` (a stale one is 412). */
export async function updateContact(id: string, body: Schema<'ContactInput'>, version: number) {
  return (await api.PUT('/api/v1/contacts/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

/** Correct a relapse (e.g. when the outcome becomes known), with the version edited as `If-Match`. */
export async function updateRelapse(id: string, body: Schema<'RelapseInput'>, version: number) {
  return (await api.PUT('/api/v1/relapses/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

/** Delete a contact recorded by mistake. */
export function useDeleteContact(participantId: string) {
  const invalidate = useInvalidateParticipantRecords();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } });
    },
    onSuccess: () => invalidate(participantId),
  });
}
