import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';

type ReferralListQuery = { status?: Schema<'ReferralStatus'>; programme_id?: string; participant_id?: string; limit?: number; offset?: number };

export const referralKeys = {
  all: ['referrals'] as const,
  list: (q: ReferralListQuery) => ['referrals', 'list', q] as const,
  detail: (id: string) => ['referrals', 'detail', id] as const,
};
export const enrolmentKeys = {
  all: ['enrolments'] as const,
  list: (q: object) => ['enrolments', 'list', q] as const,
  detail: (id: string) => ['enrolments', 'detail', id] as const,
  mapping: (id: string) => ['enrolments', 'mapping', id] as const,
};

export function useReferrals(query: ReferralListQuery) {
  return useQuery({
    queryKey: referralKeys.list(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/referrals', { params: { query }, signal })).data!,
    placeholderData: keepPreviousData,
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKeys.detail(id),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/referrals/{id}', { params: { path: { id } }, signal })).data!,
  });
}

export type ReferralAction = Schema<'ReferralAction'>;
type Step = Schema<'ReferralStep'>;

/** One of the referral's explicit state changes; `enrol` also returns the new enrolment. */
export function useReferralAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, body }: { action: ReferralAction; body: Step }) => {
      const path = { params: { path: { id } }, body };
      switch (action) {
        case 'book_first_meeting':
          return { referral: (await api.POST('/api/v1/referrals/{id}/book-first-meeting', path)).data!, enrolment: null };
        case 'enrol': {
          const data = (await api.POST('/api/v1/referrals/{id}/enrol', path)).data!;
          return { referral: data.referral, enrolment: data.enrolment };
        }
        case 'decline':
          return { referral: (await api.POST('/api/v1/referrals/{id}/decline', path)).data!, enrolment: null };
        case 'record_no_show':
          return { referral: (await api.POST('/api/v1/referrals/{id}/no-show', path)).data!, enrolment: null };
        case 'withdraw':
          return { referral: (await api.POST('/api/v1/referrals/{id}/withdraw', path)).data!, enrolment: null };
      }
    },
    onSuccess: async (result) => {
      queryClient.setQueryData(referralKeys.detail(id), result.referral);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['referrals', 'list'] }),
        queryClient.invalidateQueries({ queryKey: enrolmentKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['timeline', result.referral.participant_id] }),
      ]);
    },
  });
}

export function useEnrolments(query: { participant_id?: string; programme_id?: string; ongoing?: boolean }) {
  return useQuery({
    queryKey: enrolmentKeys.list(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/enrolments', { params: { query: { ...query, limit: 200 } }, signal })).data!,
  });
}

export function useEnrolment(id: string) {
  return useQuery({
    queryKey: enrolmentKeys.detail(id),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/enrolments/{id}', { params: { path: { id } }, signal })).data!,
  });
}

export function useEndEnrolment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<'EndEnrolment'>) => (await api.POST('/api/v1/enrolments/{id}/end', { params: { path: { id } }, body })).data!,
    onSuccess: (e) => {
      queryClient.setQueryData(enrolmentKeys.detail(id), e);
      return queryClient.invalidateQueries({ queryKey: ['timeline', e.participant_id] });
    },
  });
}

export function useMapping(enrolmentId: string) {
  return useQuery({
    queryKey: enrolmentKeys.mapping(enrolmentId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/enrolments/{id}/mapping', { params: { path: { id: enrolmentId } }, signal })).data!,
  });
}

export type MappingFields = Schema<'MappingFields'>;

export function useSaveMapping(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ fields, version }: { fields: MappingFields; version: number }) =>
      (
        await api.PUT('/api/v1/enrolments/{id}/mapping', {
          params: { path: { id: enrolmentId } },
          headers: { 'If-Match': `"${version}"` },
          body: fields,
        })
      ).data!,
    onSuccess: (m) => queryClient.setQueryData(enrolmentKeys.mapping(enrolmentId), m),
  });
}

export function useCompleteMapping(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (version: number) =>
      (await api.POST('/api/v1/enrolments/{id}/mapping/complete', { params: { path: { id: enrolmentId } }, body: { version } })).data!,
    onSuccess: (m) => queryClient.setQueryData(enrolmentKeys.mapping(enrolmentId), m),
  });
}
