import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import { ifMatch } from './activity-edit';
import { useIdempotencyKeys } from '../../lib/idempotency';

export const workKeys = {
  all: ['work'] as const,
  employers: (q: object) => ['work', 'employers', q] as const,
  employer: (id: string) => ['work', 'employer', id] as const,
  placements: (id: string, q: object) => ['work', 'placements', id, q] as const,
  activities: (pid: string) => ['work', 'activities', pid] as const,
  agreements: (pid: string) => ['work', 'agreements', pid] as const,
  outcomes: (pid: string) => ['work', 'outcomes', pid] as const,
};

/** Activities, agreements and outcomes hang together (an agreement changes its activity), so a
 * change refetches everything work-related, and the participant's timeline. */
function useInvalidateWork() {
  const queryClient = useQueryClient();
  return (participantId?: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: workKeys.all }),
      participantId ? queryClient.invalidateQueries({ queryKey: ['timeline', participantId] }) : null,
    ]);
}

export function useEmployers(query: { q?: string; sector?: Schema<'EmployerSector'>; limit?: number; offset?: number }) {
  return useQuery({
    queryKey: workKeys.employers(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/employers', { params: { query }, signal })).data!,
    placeholderData: keepPreviousData,
  });
}

export function useEmployer(id: string) {
  return useQuery({
    queryKey: workKeys.employer(id),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/employers/{id}', { params: { path: { id } }, signal })).data!,
  });
}

export function usePlacements(id: string, query: { limit: number; offset: number }) {
  return useQuery({
    queryKey: workKeys.placements(id, query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/employers/{id}/placements', { params: { path: { id }, query }, signal })).data!,
    placeholderData: keepPreviousData,
  });
}

export function useCreateEmployer() {
  const invalidate = useInvalidateWork();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'EmployerInput'>) =>
      (await api.POST('/api/v1/employers', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(),
  });
}

export function useUpdateEmployer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<'EmployerInput'> & { version: number }) =>
      (await api.PUT('/api/v1/employers/{id}', { params: { path: { id } }, body })).data!,
    onSuccess: (e) => {
      queryClient.setQueryData(workKeys.employer(id), e);
      return queryClient.invalidateQueries({ queryKey: ['work', 'employers'] });
    },
  });
}

export function useActivities(participantId: string) {
  return useQuery({
    queryKey: workKeys.activities(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/activities', { params: { query: { participant_id: participantId, limit: 200 } }, signal })).data!,
  });
}

export function useAgreements(participantId: string) {
  return useQuery({
    queryKey: workKeys.agreements(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/internship-agreements', { params: { query: { participant_id: participantId, limit: 200 } }, signal })).data!,
  });
}

export function useOutcomes(participantId: string) {
  return useQuery({
    queryKey: workKeys.outcomes(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/employment-outcomes', { params: { query: { participant_id: participantId, limit: 200 } }, signal })).data!,
  });
}

export function useCreateActivity(participantId: string) {
  const invalidate = useInvalidateWork();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'ActivityInput'>) =>
      (await api.POST('/api/v1/activities', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(participantId),
  });
}

export type ActivityAction =
  | { kind: 'start'; body: Schema<'StartActivity'> }
  | { kind: 'complete'; body: Schema<'EndActivity'> }
  | { kind: 'end_early'; body: Schema<'EndActivity'> }
  | { kind: 'hours'; body: Schema<'HoursInput'> };

export function useActivityAction(activity: Schema<'ActivityView'>) {
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: async (action: ActivityAction) => {
      const path = { params: { path: { id: activity.id } } };
      if (action.kind === 'start') return (await api.POST('/api/v1/activities/{id}/start', { ...path, body: action.body })).data!;
      if (action.kind === 'complete') return (await api.POST('/api/v1/activities/{id}/complete', { ...path, body: action.body })).data!;
      if (action.kind === 'end_early') return (await api.POST('/api/v1/activities/{id}/end-early', { ...path, body: action.body })).data!;
      return (await api.POST('/api/v1/activities/{id}/hours', { ...path, body: action.body })).data!;
    },
    onSuccess: () => invalidate(activity.participant_id),
  });
}

export function useCreateAgreement(participantId: string) {
  const invalidate = useInvalidateWork();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'AgreementInput'>) =>
      (await api.POST('/api/v1/internship-agreements', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(participantId),
  });
}

export type AgreementAction =
  | { kind: 'follow_up'; body: Schema<'InternshipFollowUpInput'> }
  | { kind: 'extend'; body: Schema<'ExtendInput'> }
  | { kind: 'end_early'; body: Schema<'EndAgreementInput'> };

export function useAgreementAction(agreement: Schema<'AgreementView'>) {
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: async (action: AgreementAction) => {
      const path = { params: { path: { id: agreement.id } } };
      if (action.kind === 'follow_up') return (await api.POST('/api/v1/internship-agreements/{id}/follow-ups', { ...path, body: action.body })).data!;
      if (action.kind === 'extend') return (await api.POST('/api/v1/internship-agreements/{id}/extend', { ...path, body: action.body })).data!;
      return (await api.POST('/api/v1/internship-agreements/{id}/end-early', { ...path, body: action.body })).data!;
    },
    onSuccess: () => invalidate(agreement.participant_id),
  });
}

export function useCreateOutcome(participantId: string) {
  const invalidate = useInvalidateWork();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'OutcomeInput'>) =>
      (await api.POST('/api/v1/employment-outcomes', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(participantId),
  });
}

/** Edit an activity's kind, provider, dates and note; the version edited goes as `If-Match` (a stale one is 412). */
export function useUpdateActivity(activity: Schema<'ActivityView'>) {
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: async ({ body, version }: { body: Schema<'ActivityUpdate'>; version: number }) =>
      (await api.PUT('/api/v1/activities/{id}', { params: { path: { id: activity.id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!,
    onSuccess: () => invalidate(activity.participant_id),
  });
}

export function useHandovers(participantId: string) {
  return useQuery({
    queryKey: ['work', 'handovers', participantId],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/handovers', { params: { query: { participant_id: participantId, limit: 200 } }, signal })).data!,
  });
}

export function useCreateHandover(participantId: string) {
  const invalidate = useInvalidateWork();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'HandoverInput'>) =>
      (await api.POST('/api/v1/handovers', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(participantId),
  });
}

export function useStudyVisits(query: { participant_id?: string; employer_id?: string }) {
  return useQuery({
    queryKey: ['work', 'study-visits', query],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/study-visits', { params: { query: { ...query, limit: 200 } }, signal })).data!,
  });
}

export function useCreateStudyVisit(participantId: string) {
  const invalidate = useInvalidateWork();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'StudyVisitInput'>) =>
      (await api.POST('/api/v1/study-visits', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: () => invalidate(participantId),
  });
}

/** The participant's main activity in a period (`2026`, `2026-T2`, …), as the final report counts it. */
export function useMainActivity(participantId: string, period: string) {
  return useQuery({
    queryKey: ['work', 'main-activity', participantId, period],
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/participants/{id}/main-activity', { params: { path: { id: participantId }, query: { period } }, signal })).data!,
  });
}

/** One hand-over (audited read), fetched when its details are opened. */
export function useHandover(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['work', 'handover', id],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/handovers/{id}', { params: { path: { id } }, signal })).data!,
    enabled,
  });
}

/** One study visit (audited read), fetched when its details are opened. */
export function useStudyVisit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['work', 'study-visit', id],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/study-visits/{id}', { params: { path: { id } }, signal })).data!,
    enabled,
  });
}
