import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import { useIdempotencyKeys } from '../../lib/idempotency';
import { ifMatch } from '../../lib/record-edit';

export const housingKeys = {
  all: ['housing'] as const,
  board: (q: object) => ['housing', 'board', q] as const,
  queue: (q: object) => ['housing', 'queue', q] as const,
  summary: (unitId: string | undefined) => ['housing', 'queue-summary', unitId] as const,
  draw: (id: string) => ['housing', 'draw', id] as const,
  apartments: (q: object) => ['housing', 'apartments', q] as const,
  ladder: (pid: string) => ['housing', 'ladder', pid] as const,
  tenancies: (pid: string) => ['housing', 'tenancies', pid] as const,
  risks: (pid: string) => ['housing', 'risks', pid] as const,
  followUps: (pid: string) => ['housing', 'follow-ups', pid] as const,
  support: (pid: string) => ['housing', 'support', pid] as const,
  caseload: (staffId: string) => ['housing', 'caseload', staffId] as const,
  searchCases: (pid: string) => ['housing', 'search-cases', pid] as const,
  stays: (pid: string) => ['housing', 'temporary-stays', pid] as const,
};

/** After any housing change, everything housing is refetched (it is all connected). */
function useInvalidateHousing() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: housingKeys.all });
}

export function useOccupancyBoard(query: { unit_id?: string; site_id?: string; date?: string }) {
  return useQuery({
    queryKey: housingKeys.board(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/apartments/occupancy', { params: { query }, signal })).data!,
    placeholderData: keepPreviousData,
  });
}

export function useSites() {
  return useQuery({
    queryKey: ['housing', 'sites'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/housing-sites', { signal })).data!,
    staleTime: 5 * 60_000,
  });
}

export function useApartments(query: { status?: Schema<'ApartmentStatus'>; kind?: Schema<'ApartmentKind'>; unit_id?: string }) {
  return useQuery({
    queryKey: housingKeys.apartments(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/apartments', { params: { query: { ...query, limit: 500 } }, signal })).data!,
  });
}

type QueueQuery = { unit_id?: string; status?: Schema<'QueueStatus'>; wish?: Schema<'QueueWish'>; participant_id?: string; limit?: number; offset?: number };

export function useQueue(query: QueueQuery) {
  return useQuery({
    queryKey: housingKeys.queue(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/queue-entries', { params: { query }, signal })).data!,
    placeholderData: keepPreviousData,
  });
}

export function useQueueSummary(unitId: string | undefined) {
  return useQuery({
    queryKey: housingKeys.summary(unitId),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/queue-entries/summary', { params: { query: { unit_id: unitId ?? '' } }, signal })).data!,
    enabled: !!unitId,
  });
}

export type QueueAction =
  | { kind: 'notify'; body: Schema<'NotifyQueueEntry'> }
  | { kind: 'move_in'; body: Schema<'MoveInQueueEntry'> }
  | { kind: 'remove'; body: Schema<'RemoveQueueEntry'> };

export function useQueueAction(entryId: string) {
  const invalidate = useInvalidateHousing();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: QueueAction) => {
      const path = { params: { path: { id: entryId } } };
      if (action.kind === 'notify') return (await api.POST('/api/v1/queue-entries/{id}/notify', { ...path, body: action.body })).data!;
      if (action.kind === 'move_in') return (await api.POST('/api/v1/queue-entries/{id}/move-in', { ...path, body: action.body })).data!;
      return (await api.POST('/api/v1/queue-entries/{id}/remove', { ...path, body: action.body })).data!;
    },
    // Not awaited: the refetch may remove the entry's row (and the form that called mutate), and
    // the caller's onSuccess must still run.
    onSuccess: (entry) => {
      void invalidate();
      void queryClient.invalidateQueries({ queryKey: ['timeline', entry.participant_id] });
    },
  });
}

export function useJoinQueue() {
  const invalidate = useInvalidateHousing();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'QueueEntryInput'>) =>
      (await api.POST('/api/v1/queue-entries', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: invalidate,
  });
}

export function useCreateDraw() {
  const invalidate = useInvalidateHousing();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'DrawInput'>) =>
      (await api.POST('/api/v1/queue-draws', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: (draw) => {
      queryClient.setQueryData(housingKeys.draw(draw.id), draw);
      return invalidate();
    },
  });
}

export function useDraw(id: string) {
  return useQuery({
    queryKey: housingKeys.draw(id),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/queue-draws/{id}', { params: { path: { id } }, signal })).data!,
  });
}

export function useLadder(participantId: string) {
  return useQuery({
    queryKey: housingKeys.ladder(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/housing-ladder/{participant_id}', { params: { path: { participant_id: participantId } }, signal })).data!,
  });
}

export function useRecordHousingChange(participantId: string) {
  const invalidate = useInvalidateHousing();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<'HousingChangeInput'>) =>
      (await api.POST('/api/v1/housing-ladder/{participant_id}/changes', { params: { path: { participant_id: participantId } }, body })).data!,
    onSuccess: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: ['participants'] })]),
  });
}

export function useTenancies(query: { participant_id?: string; apartment_id?: string }) {
  return useQuery({
    queryKey: ['housing', 'tenancies', query],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/tenancies', { params: { query }, signal })).data!,
  });
}

export function useMoveOut(id: string) {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: async (body: Schema<'MoveOut'>) => (await api.POST('/api/v1/tenancies/{id}/move-out', { params: { path: { id } }, body })).data!,
    onSuccess: invalidate,
  });
}

export function useTakeOver(id: string) {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: async (body: Schema<'TakeOver'>) => (await api.POST('/api/v1/tenancies/{id}/take-over', { params: { path: { id } }, body })).data!,
    onSuccess: invalidate,
  });
}

export function useRiskEvents(participantId: string) {
  return useQuery({
    queryKey: housingKeys.risks(participantId),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/risk-events', { params: { query: { participant_id: participantId } }, signal })).data!,
  });
}

export function useCreateRiskEvent() {
  const invalidate = useInvalidateHousing();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'RiskEventInput'>) =>
      (await api.POST('/api/v1/risk-events', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: invalidate,
  });
}

export function useResolveRiskEvent(id: string) {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: async (body: Schema<'ResolveRiskEvent'>) => (await api.POST('/api/v1/risk-events/{id}/resolve', { params: { path: { id } }, body })).data!,
    onSuccess: invalidate,
  });
}

export function useFollowUps(participantId: string) {
  return useQuery({
    queryKey: housingKeys.followUps(participantId),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/housing-follow-ups', { params: { query: { participant_id: participantId } }, signal })).data!,
  });
}

export function useSupportAssignments(participantId: string) {
  return useQuery({
    queryKey: housingKeys.support(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/housing-support-assignments', { params: { query: { participant_id: participantId } }, signal })).data!,
  });
}

export function useAssignSupport() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: async (body: Schema<'SupportAssignmentInput'>) => (await api.POST('/api/v1/housing-support-assignments', { body })).data!,
    onSuccess: invalidate,
  });
}

export function useEndSupport() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: Schema<'EndSupport'> }) =>
      (await api.POST('/api/v1/housing-support-assignments/{id}/end', { params: { path: { id } }, body })).data!,
    onSuccess: invalidate,
  });
}

export function useSetCaseloadLimit(staffId: string) {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: async (body: Schema<'CaseloadLimit'>) =>
      (await api.PUT('/api/v1/caseload-limits/{staff_id}', { params: { path: { staff_id: staffId } }, body })).data!,
    onSuccess: invalidate,
  });
}

/** After a change to search cases or stays: the housing queries, and the case-records tab that lists them too. */
/** Refetches search cases and stays (also the case-records tab's), e.g. to show the server's version after a 412. */
export function useInvalidateSearchAndStays() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: housingKeys.all }), queryClient.invalidateQueries({ queryKey: ['case-records'] })]);
}

export function useSearchCases(participantId: string) {
  return useQuery({
    queryKey: housingKeys.searchCases(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/housing-search-cases', { params: { query: { participant_id: participantId, limit: 200 } }, signal })).data!,
  });
}

export function useOpenSearchCase() {
  const invalidate = useInvalidateSearchAndStays();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'SearchCaseInput'>) =>
      (await api.POST('/api/v1/housing-search-cases', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: invalidate,
  });
}

export function useCloseSearchCase(id: string) {
  const invalidate = useInvalidateSearchAndStays();
  return useMutation({
    mutationFn: async (body: Schema<'CloseSearchCase'>) =>
      (await api.POST('/api/v1/housing-search-cases/{id}/close', { params: { path: { id } }, body })).data!,
    onSettled: invalidate,
  });
}

/** Correct a search case's referring unit, target group, opening date and note; the version edited goes as `If-Match` (stale: 412). */
export function useUpdateSearchCase(id: string) {
  const invalidate = useInvalidateSearchAndStays();
  return useMutation({
    mutationFn: async ({ body, version }: { body: Schema<'SearchCaseUpdate'>; version: number }) =>
      (await api.PUT('/api/v1/housing-search-cases/{id}', { params: { path: { id } }, body, headers: { 'If-Match': `"${version}"` } })).data!,
    onSuccess: invalidate,
  });
}

/** Log an action taken in an open search case. */
export function useLogSearchAction(id: string) {
  const invalidate = useInvalidateSearchAndStays();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'SearchActionInput'>) =>
      (await api.POST('/api/v1/housing-search-cases/{id}/actions', { params: { path: { id } }, body, headers: { 'Idempotency-Key': keyFor(body) } }))
        .data!,
    onSuccess: invalidate,
  });
}

/** Correct a stay (kind, dates, cost, provider); the version edited goes as `If-Match` (stale: 412). */
export function useUpdateStay(id: string) {
  const invalidate = useInvalidateSearchAndStays();
  return useMutation({
    mutationFn: async ({ body, version }: { body: Schema<'TemporaryStayUpdate'>; version: number }) =>
      (await api.PUT('/api/v1/temporary-stays/{id}', { params: { path: { id } }, body, headers: { 'If-Match': `"${version}"` } })).data!,
    onSuccess: invalidate,
  });
}

export function useTemporaryStays(participantId: string) {
  return useQuery({
    queryKey: housingKeys.stays(participantId),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/temporary-stays', { params: { query: { participant_id: participantId } }, signal })).data!,
  });
}

export function useRecordStay() {
  const invalidate = useInvalidateSearchAndStays();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'TemporaryStayInput'>) =>
      (await api.POST('/api/v1/temporary-stays', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: invalidate,
  });
}

export function useEndStay(id: string) {
  const invalidate = useInvalidateSearchAndStays();
  return useMutation({
    mutationFn: async (body: Schema<'EndTemporaryStay'>) =>
      (await api.POST('/api/v1/temporary-stays/{id}/end', { params: { path: { id } }, body })).data!,
    onSettled: invalidate,
  });
}

/** Nights and cost of temporary housing per tertial for one unit and year (no personal data). */
export function useStayCosts(unitId: string, year: number) {
  return useQuery({
    queryKey: [...housingKeys.all, 'stay-costs', unitId, year],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/temporary-stays/costs', { params: { query: { unit_id: unitId, year } }, signal })).data!,
    enabled: !!unitId && Number.isInteger(year) && year >= 2000 && year <= 2100,
    placeholderData: keepPreviousData,
  });
}

/** One apartment as the server has it now (for the stale alert of the edit form). */
export async function fetchApartment(id: string) {
  return (await api.GET('/api/v1/apartments/{id}', { params: { path: { id } } })).data!;
}

/** Edit an apartment (the whole record), with the version edited as `If-Match`. */
export async function updateApartment(id: string, body: Schema<'ApartmentUpdate'>, version: number) {
  return (await api.PUT('/api/v1/apartments/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

/** Change a tenancy's planned takeover or note, with the version edited as `If-Match`. */
export async function updateTenancy(id: string, body: Schema<'TenancyUpdate'>, version: number) {
  return (await api.PUT('/api/v1/tenancies/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

/** Change a queue entry's wish, join date, priority, readiness or note, with `If-Match`. */
export async function updateQueueEntry(id: string, body: Schema<'QueueEntryInput'>, version: number) {
  return (await api.PUT('/api/v1/queue-entries/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

/** Record (or correct) a housing follow-up's result, with `If-Match`. */
export async function updateFollowUp(id: string, body: Schema<'FollowUpInput'>, version: number) {
  return (await api.PUT('/api/v1/housing-follow-ups/{id}', { params: { path: { id } }, body, headers: { 'If-Match': ifMatch(version) } })).data!;
}

export function useInvalidateHousingAll() {
  return useInvalidateHousing();
}

export const courseKeys = {
  sessions: (q: object) => ['housing', 'course-sessions', q] as const,
  session: (id: string) => ['housing', 'course-session', id] as const,
  progress: (pid: string) => ['housing', 'course-progress', pid] as const,
};

export function useCourseSessions(query: { unit_id?: string; kind?: Schema<'CourseSessionKind'> }) {
  return useQuery({
    queryKey: courseKeys.sessions(query),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/housing-course-sessions', { params: { query: { ...query, limit: 200 } }, signal })).data!,
  });
}

export function useCourseSession(id: string) {
  return useQuery({
    queryKey: courseKeys.session(id),
    queryFn: async ({ signal }) => (await api.GET('/api/v1/housing-course-sessions/{id}', { params: { path: { id } }, signal })).data!,
  });
}

export function useCreateCourseSession() {
  const invalidate = useInvalidateHousing();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: async (body: Schema<'CourseSessionInput'>) =>
      (await api.POST('/api/v1/housing-course-sessions', { body, headers: { 'Idempotency-Key': keyFor(body) } })).data!,
    onSuccess: invalidate,
  });
}

/** Record who attended (others recorded before are left as they are). */
export function useSetAttendance(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<'AttendanceList'>) =>
      (await api.PUT('/api/v1/housing-course-sessions/{id}/attendance', { params: { path: { id: sessionId } }, body })).data!,
    onSuccess: (session) => {
      queryClient.setQueryData(courseKeys.session(sessionId), session);
      return queryClient.invalidateQueries({ queryKey: housingKeys.all });
    },
  });
}

export function useCourseProgress(participantId: string) {
  return useQuery({
    queryKey: courseKeys.progress(participantId),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/housing-course-progress/{participant_id}', { params: { path: { participant_id: participantId } }, signal })).data!,
  });
}

/** Every housing-support worker of a unit with their caseload today and limits (one request). */
export function useCaseloadOverview(unitId: string | undefined) {
  return useQuery({
    queryKey: ['housing', 'caseload-overview', unitId],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/housing-support-caseloads', { params: { query: { unit_id: unitId ?? '' } }, signal })).data!,
    enabled: !!unitId,
  });
}
