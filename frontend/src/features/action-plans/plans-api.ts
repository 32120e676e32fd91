import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import { useIdempotencyKeys } from '../../lib/idempotency';

export type Plan = Schema<'ActionPlanView'>;

export const planKeys = {
  all: ['action-plans'] as const,
  ofParticipant: (participantId: string) => ['action-plans', 'participant', participantId] as const,
  detail: (id: string) => ['action-plans', 'detail', id] as const,
};

export function useParticipantPlans(participantId: string) {
  return useQuery({
    queryKey: planKeys.ofParticipant(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/action-plans', { params: { path: { id: participantId }, query: { limit: 200 } }, signal })).data!,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKeys.detail(id),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/action-plans/{id}', { params: { path: { id } }, signal })).data!,
  });
}

function useStorePlan() {
  const queryClient = useQueryClient();
  return (plan: Plan) => {
    queryClient.setQueryData(planKeys.detail(plan.id), plan);
    return queryClient.invalidateQueries({ queryKey: planKeys.ofParticipant(plan.participant_id) });
  };
}

/** Starts a draft plan for a participant (the editor fills it in). */
export function useCreatePlan(participantId: string) {
  const store = useStorePlan();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'ActionPlanInput'>) =>
      (
        await api.POST('/api/v1/participants/{id}/action-plans', {
          params: { path: { id: participantId } },
          headers: { 'Idempotency-Key': keyFor({ ...body, participantId }) },
          body,
        })
      ).data!,
    onSuccess: store,
  });
}

export function useUpdatePlan(id: string) {
  const store = useStorePlan();
  return useMutation({
    mutationFn: async ({ body, version }: { body: Schema<'ActionPlanUpdate'>; version: number }) =>
      (await api.PUT('/api/v1/action-plans/{id}', { params: { path: { id } }, headers: { 'If-Match': `"${version}"` }, body })).data!,
    onSuccess: store,
  });
}

export function useActivatePlan(id: string) {
  const store = useStorePlan();
  return useMutation({
    mutationFn: async (version: number) => (await api.POST('/api/v1/action-plans/{id}/activate', { params: { path: { id } }, body: { version } })).data!,
    onSuccess: store,
  });
}

export function useSignPlan(id: string) {
  const store = useStorePlan();
  return useMutation({
    mutationFn: async (body: Schema<'SignPlan'>) => (await api.POST('/api/v1/action-plans/{id}/sign', { params: { path: { id } }, body })).data!,
    onSuccess: store,
  });
}

export function useReviewPlan(id: string) {
  const store = useStorePlan();
  return useMutation({
    mutationFn: async (body: Schema<'ReviewInput'>) => (await api.POST('/api/v1/action-plans/{id}/review', { params: { path: { id } }, body })).data!,
    onSuccess: async (result) => {
      await store(result.reviewed);
      await store(result.next);
    },
  });
}

/** The server's print view (self-contained HTML) as text. */
export function usePlanPrint(id: string) {
  return useQuery({
    queryKey: ['action-plans', 'print', id],
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/action-plans/{id}/print', { params: { path: { id } }, parseAs: 'text', signal });
      return data ?? '';
    },
    staleTime: 0,
  });
}
