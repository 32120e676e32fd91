import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schema } from '../../api/types';
import type { ReportDef } from './report-defs';

/** What every report response has in common (the page renders these generically). */
export interface AnyReport {
  unit_ids: string[];
  period: Schema<'ReportPeriod'>;
  figures: Schema<'ReportFigure'>[];
  subgroups?: Schema<'ReportSubgroup'>[];
  notes?: string[];
  work?: unknown;
  longest_waiting_since?: string | null;
  week?: string;
}

// Every report endpoint takes its pickers as query parameters and answers with figures; the
// path is one of the typed report paths, so the cast only widens the query and the response.
type LooseGet = (path: string, init: { params: { query: Record<string, string | boolean> }; signal?: AbortSignal; parseAs?: 'text' }) => Promise<{ data?: unknown }>;
const get = api.GET as unknown as LooseGet;

export function useReport(def: ReportDef, query: Record<string, string | boolean> | null) {
  return useQuery({
    queryKey: ['reports', def.key, query],
    queryFn: async ({ signal }) => (await get(def.endpoint, { params: { query: query ?? {} }, signal })).data as AnyReport,
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** The report as CSV text (the same figures, as the server writes them). */
export async function fetchReportCsv(def: ReportDef, query: Record<string, string | boolean>): Promise<string> {
  const { data } = await get(def.endpoint, { params: { query: { ...query, format: 'csv' } }, parseAs: 'text' });
  return String(data ?? '');
}
