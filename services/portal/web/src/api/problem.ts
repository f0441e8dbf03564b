/** One field that failed one rule, as the services report it. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * The application/problem+json body every service (and the portal) answers errors with. `title` is
 * what a person reads, in Indonesian, from the error catalogue of the service that raised `code`;
 * `detail` is the developer's English and `errors[].message` the Indonesian per field.
 */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  correlationId?: string;
  errors?: FieldProblem[];
  /** What the broken rule is about, for a screen that acts on it (e.g. the level a proposal moved to). */
  details?: Record<string, unknown>;
}

/** A failed API call: the problem the server sent, or one made up for a network failure. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string' && typeof (value as Problem).detail === 'string';

/** Reads an error answer; a body that is not a problem (a proxy's HTML page) still yields one. */
export async function problemFrom(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const body: unknown = JSON.parse(text);
    if (isProblem(body)) return { ...body, status: body.status ?? response.status };
  } catch {
    // not JSON: fall through
  }
  return {
    status: response.status,
    code: `HTTP.${response.status}`,
    title: `Permintaan tidak berhasil (HTTP ${response.status}). Silakan coba lagi.`,
    detail: response.statusText || `HTTP ${response.status}`,
  };
}

export const networkProblem = (): Problem => ({
  status: 0,
  code: 'NETWORK',
  title: 'Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.',
  detail: 'the request did not reach the server',
});

/** What a person reads for a problem: its Indonesian title, or the detail of a problem that has none. */
export const messageOf = (problem: Problem): string => problem.title ?? problem.detail;

/**
 * Field errors keyed by field path (`answers[2].score`), for showing each one next to its input.
 * Several broken rules of one field are joined.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byField: Record<string, string> = {};
  for (const { field, message } of error.problem.errors ?? []) byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  return byField;
}
