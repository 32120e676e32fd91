/**
 * RFC 9457 problem details, as every Stegvis API error is rendered (`application/problem+json`).
 * The client middleware turns every non-OK response into an `ApiProblem`, so UI code only ever
 * sees this one error type.
 */

export interface FieldError {
  field: string;
  message: string;
  /** The line of an uploaded file the error is on (imports); absent elsewhere. */
  line?: number;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors: FieldError[];
  /** Any further members (e.g. `existing_id` on a duplicate). */
  extensions: Record<string, unknown>;
}

const STANDARD = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

/** Problem types that never came from the server. */
export const NETWORK_PROBLEM = 'urn:stegvis:client:network';
export const SESSION_EXPIRED_PROBLEM = 'urn:stegvis:client:session-expired';

export class ApiProblem extends Error implements ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors: FieldError[];
  readonly extensions: Record<string, unknown>;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiProblem';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.errors = problem.errors;
    this.extensions = problem.extensions;
  }

  /** Parses any JSON value as a problem, tolerating missing or ill-typed members. */
  static fromBody(status: number, body: unknown, statusText = ''): ApiProblem {
    const obj = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const errors: FieldError[] = Array.isArray(obj.errors)
      ? obj.errors.flatMap((e: unknown) => {
          if (e === null || typeof e !== 'object') return [];
          const { field, message, line } = e as Record<string, unknown>;
          if (typeof message !== 'string') return [];
          // Import errors name a line and may have no field (the row as a whole is wrong).
          if (typeof line === 'number') return [{ field: typeof field === 'string' ? field : '', message, line }];
          return typeof field === 'string' ? [{ field, message }] : [];
        })
      : [];
    const extensions: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) if (!STANDARD.has(k)) extensions[k] = v;
    return new ApiProblem({
      type: str(obj.type) ?? 'about:blank',
      title: str(obj.title) ?? (statusText || `HTTP ${status}`),
      status: typeof obj.status === 'number' ? obj.status : status,
      detail: str(obj.detail),
      instance: str(obj.instance),
      errors,
      extensions,
    });
  }

  /** Reads a failed response's body (problem+json, other JSON, or anything else). */
  static async fromResponse(response: Response): Promise<ApiProblem> {
    let body: unknown;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return ApiProblem.fromBody(response.status, body, response.statusText);
  }

  static network(cause: unknown): ApiProblem {
    const problem = new ApiProblem({
      type: NETWORK_PROBLEM,
      title: 'Network error',
      status: 0,
      detail: cause instanceof Error ? cause.message : undefined,
      errors: [],
      extensions: {},
    });
    problem.cause = cause;
    return problem;
  }

  static sessionExpired(): ApiProblem {
    return new ApiProblem({ type: SESSION_EXPIRED_PROBLEM, title: 'Session expired', status: 401, errors: [], extensions: {} });
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  /** The id of the existing record on a 409 duplicate, if the server sent one. */
  get existingId(): string | undefined {
    const id = this.extensions.existing_id;
    return typeof id === 'string' ? id : undefined;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}
