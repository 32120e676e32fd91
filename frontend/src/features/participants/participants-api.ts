import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '../../api/client';
import type { Participant, ParticipantInput, ParticipantListQuery } from '../../api/types';
import { randomId } from '../../lib/ids';
import { markDataArrived } from '../../lib/render-timing';

export const participantKeys = {
  all: ['participants'] as const,
  lists: () => [...participantKeys.all, 'list'] as const,
  list: (query: ParticipantListQuery) => [...participantKeys.lists(), query] as const,
  detail: (id: string) => [...participantKeys.all, 'detail', id] as const,
};

/** The render-timing key of one list query (see lib/render-timing.ts and e2e/performance.spec.ts). */
export function participantListTimingKey(query: ParticipantListQuery): string {
  return `participants:${JSON.stringify(query)}`;
}

export function useParticipants(query: ParticipantListQuery) {
  return useQuery({
    queryKey: participantKeys.list(query),
    queryFn: async ({ signal }) => {
      const data = (await api.GET('/api/v1/participants', { params: { query }, signal })).data!;
      markDataArrived(participantListTimingKey(query));
      return data;
    },
    placeholderData: keepPreviousData,
  });
}

export function useParticipant(id: string) {
  return useQuery({
    queryKey: participantKeys.detail(id),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}', { params: { path: { id } }, signal })).data!,
  });
}

function useStoreParticipant() {
  const queryClient = useQueryClient();
  return (participant: Participant) => {
    queryClient.setQueryData(participantKeys.detail(participant.id), participant);
    return queryClient.invalidateQueries({ queryKey: participantKeys.lists() });
  };
}

export function useCreateParticipant() {
  const store = useStoreParticipant();
  // One Idempotency-Key per distinct body: sending the same form again after a lost response
  // returns the first result instead of registering the person twice.
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (body: ParticipantInput) => {
      const json = JSON.stringify(body);
      const key = keys.current.get(json) ?? randomId();
      keys.current.set(json, key);
      const { data } = await api.POST('/api/v1/participants', { body, params: { header: { 'Idempotency-Key': key } } });
      return data!;
    },
    onSuccess: store,
  });
}

export function useUpdateParticipant(id: string) {
  const store = useStoreParticipant();
  return useMutation({
    mutationFn: async (body: ParticipantInput & { version: number }) =>
      (await api.PUT('/api/v1/participants/{id}', { params: { path: { id } }, body })).data!,
    onSuccess: store,
  });
}

export function useCloseParticipant(id: string) {
  const store = useStoreParticipant();
  return useMutation({
    mutationFn: async (body: { version: number; reason: string | null }) =>
      (await api.POST('/api/v1/participants/{id}/close', { params: { path: { id } }, body })).data!,
    onSuccess: store,
  });
}

/** Units, for showing names and choosing one. Falls back to the user's own units. */
export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/units', { signal })).data!,
    staleTime: 10 * 60_000,
  });
}

/** Staff, for choosing a responsible caseworker (admin and manager only). */
export function useStaffList(enabled: boolean) {
  return useQuery({
    queryKey: ['staff'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/staff', { params: { query: { limit: 500 } }, signal })).data!,
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useReopenParticipant(id: string) {
  const store = useStoreParticipant();
  return useMutation({
    mutationFn: async (body: { version: number }) =>
      (await api.POST('/api/v1/participants/{id}/reopen', { params: { path: { id } }, body })).data!,
    onSuccess: store,
  });
}

/**
 * Saves the participant's register extract (registerutdrag, GDPR right of access) as a file:
 * `html` is the server's printable Swedish document, `json` every record and audit entry.
 * The server audits every extract.
 */
export async function downloadRegisterExtract(id: string, format: 'html' | 'json'): Promise<void> {
  const { data } = await api.GET('/api/v1/participants/{id}/register-extract', {
    params: { path: { id }, query: { format } },
    parseAs: 'blob',
  });
  const blob = data as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `registerutdrag-${id}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
