import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import { useIdempotencyKeys } from '../../lib/idempotency';
import { ifMatch } from '../../lib/record-edit';

export const programmeKeys = {
  list: (q: object) => ['programmes', q] as const,
  one: (id: string) => ['programme', id] as const,
  evaluations: (id: string) => ['programme', id, 'method-evaluations'] as const,
};

export function useProgrammeList(query: { kind?: Schema<'ProgrammeKind'>; unit_id?: string }) {
  return useQuery({
    queryKey: programmeKeys.list(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/programmes', { params: { query: { ...query, limit: 500 } }, signal })).data!,
  });
}

export function useProgramme(id: string) {
  return useQuery({
    queryKey: programmeKeys.one(id),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/programmes/{id}', { params: { path: { id } }, signal })).data!,
  });
}

export async function fetchProgramme(id: string) {
  return (await api.GET('/api/v1/programmes/{id}', { params: { path: { id } } })).data!;
}

/** Update a programme (the whole record), with the version edited as `If-Match`. */
export async function updateProgramme(id: string, body: Schema<'ProgrammeInput'>, version: number) {
  return (await api.PUT('/api/v1/programmes/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

export function useMethodEvaluations(programmeId: string, enabled: boolean) {
  return useQuery({
    queryKey: programmeKeys.evaluations(programmeId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/programmes/{id}/method-evaluations', { params: { path: { id: programmeId } }, signal })).data!,
    enabled,
    retry: false,
  });
}

export function useCreateMethodEvaluation(programmeId: string) {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'MethodEvaluationInput'>) =>
      (
        await api.POST('/api/v1/programmes/{id}/method-evaluations', {
          params: { path: { id: programmeId } },
          body,
          headers: { 'Idempotency-Key': keyFor(body) },
        })
      ).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.evaluations(programmeId) }),
  });
}

export async function fetchMethodEvaluation(id: string) {
  return (await api.GET('/api/v1/method-evaluations/{id}', { params: { path: { id } } })).data!;
}

/** Update the unit's text of a method evaluation (the figures stay), with `If-Match`. */
export async function updateMethodEvaluation(id: string, body: Schema<'MethodEvaluationUpdate'>, version: number) {
  return (await api.PUT('/api/v1/method-evaluations/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}
