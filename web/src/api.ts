// Fetch wrapper for the Patron API: cookie session, CSRF header on unsafe methods,
// problem+json errors as ApiError, 401 -> registered handler (back to the login page).

export interface FieldError { field: string; message: string }

export class ApiError extends Error {
  status: number;
  title: string;
  detail: string;
  field?: string;
  errors: FieldError[];
  constructor(status: number, body: Record<string, unknown> | null, fallback: string) {
    const detail = (body?.detail as string) || (body?.title as string) || fallback;
    super(detail);
    this.status = status;
    this.title = (body?.title as string) || fallback;
    this.detail = detail;
    this.field = (body?.field as string) || undefined;
    const errs = Array.isArray(body?.errors) ? (body!.errors as FieldError[]) : [];
    this.errors = errs.filter((e) => e && typeof e.field === 'string');
    if (this.errors.length === 0 && this.field) this.errors = [{ field: this.field, message: detail }];
  }
}

let unauthorizedHandler: (() => void) | null = null;
export function onUnauthorized(handler: (() => void) | null) {
  unauthorizedHandler = handler;
}

let csrfFromLogin = '';
export function setCsrfToken(token: string) {
  csrfFromLogin = token;
}

export function readCookie(name: string): string {
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

function csrfToken(): string {
  return readCookie('patron_csrf') || csrfFromLogin;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function buildQuery(params: Query): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  rawBody?: BodyInit;
  contentType?: string;
  /** Do not trigger the global 401 handler (login call itself). */
  noAuthRedirect?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  const url = `/api/v1${path}${opts.query ? buildQuery(opts.query) : ''}`;
  let resp: Response;
  try {
    resp = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, null, (e as Error).message || 'network error');
  }
  const text = await resp.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!resp.ok) {
    if (resp.status === 401 && !opts.noAuthRedirect && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(resp.status, (parsed as Record<string, unknown>) ?? null, `${resp.status} ${resp.statusText}`);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** The file itself as the body (not multipart), with its own content type. */
  upload: <T>(path: string, file: Blob, query?: Query) =>
    request<T>('POST', path, { rawBody: file, contentType: file.type || 'application/octet-stream', query }),
};

/** Dispatched after a change that may resolve a reminder (the header badge reloads them). */
export const REMINDERS_CHANGED = 'patron:reminders-changed';
export function remindersChanged() {
  window.dispatchEvent(new Event(REMINDERS_CHANGED));
}

/** Lists may come as a bare array or as {items: [...]}. */
export function asItems<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items)) {
    return (data as { items: T[] }).items;
  }
  return [];
}

/** "phones[1].number" -> ["phones", 1, "number"] (antd Form name path). */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}
