import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { CONTENT_TYPES, type FileFormat, type ImportResource } from './import-logic';

type ImportJobList = paths['/api/v1/imports']['get']['responses'][200]['content']['application/json'];
export type ImportJob = ImportJobList['items'][number];

const JOBS_KEY = ['imports'] as const;

/** The account's import jobs, newest first; polled quickly while `watching` (an upload is running). */
export function useImportJobs(watching: boolean) {
  return useQuery({
    queryKey: [...JOBS_KEY, 'list'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/imports', { params: { query: { limit: 20 } }, signal })).data!,
    placeholderData: keepPreviousData,
    refetchInterval: watching ? 500 : false,
  });
}

export interface UploadInput {
  resource: ImportResource;
  file: File;
  format: FileFormat;
  dryRun: boolean;
  mode: 'insert' | 'upsert';
}

/**
 * Sends the file as it is (the API reads the raw body, streamed). Resolves with the job (a clean dry
 * run, or the import's counts); rejects with an ApiProblem whose errors carry line numbers on 422.
 */
export function useUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ resource, file, format, dryRun, mode }: UploadInput) => {
      const { data } = await api.POST('/api/v1/imports/{resource}', {
        params: { path: { resource }, query: { dry_run: dryRun, mode, format } },
        // The body is the file itself, not JSON.
        body: file as unknown as string,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { 'Content-Type': CONTENT_TYPES[format] },
      });
      return data!;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}

/** Downloads the resource as the server exports it (CSV keeps its byte-order mark for Excel). */
export async function downloadExport(resource: ImportResource, format: FileFormat): Promise<void> {
  const { data } = await api.GET('/api/v1/exports/{resource}', {
    params: { path: { resource }, query: { format } },
    parseAs: 'blob',
  });
  const url = URL.createObjectURL(data as Blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${resource}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One of the account's imports: its progress while it runs (polled), its result and first 1000 errors afterwards. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: [...JOBS_KEY, 'one', id],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/imports/{id}', { params: { path: { id: id ?? '' } }, signal })).data!,
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}
