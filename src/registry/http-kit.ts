// The registry's HTTP plumbing: bodies with a size limit, JSON through zod, forms (urlencoded and multipart file
// uploads), cookies, the caller's address, and errors that carry their status and a message saying what to do.
import type http from 'node:http';
import { z } from 'zod';

export const MAX_BODY = 8 * 1024 * 1024;

export class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

export function readBody(req: http.IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new HttpError(413, `request body larger than ${limit} bytes; send smaller batches or a smaller file`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body through zod; `plain`, when given, is a quicker check that may pass a value zod returns unchanged. */
export function parseJson<T>(schema: z.ZodType<T>, body: Buffer, plain?: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (plain?.(value)) return value;
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, z.prettifyError(result.error));
  return result.data;
}

export function parseForm(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) fields[k] = v;
  return fields;
}

export interface UploadedFile {
  field: string;
  filename: string;
  bytes: Buffer;
}

/** multipart/form-data as a browser sends a form with a file input: the text fields and the files. */
export function parseMultipart(contentType: string, body: Buffer): { fields: Record<string, string>; files: UploadedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new HttpError(400, 'the upload has no multipart boundary');
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const files: UploadedFile[] = [];
  let at = body.indexOf(marker);
  while (at !== -1) {
    const start = at + marker.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(marker, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      if (filename !== undefined) files.push({ field: name, filename, bytes: Buffer.from(content) });
      else fields[name] = content.toString('utf8');
    }
    at = next;
  }
  return { fields, files };
}

export function cookies(req: http.IncomingMessage): Record<string, string> {
  const jar: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar[part.slice(0, eq).trim()] = decodeURIComponentSafe(part.slice(eq + 1).trim());
  }
  return jar;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The caller's address; behind a trusted balancer, the first hop it reports. */
export function sourceOf(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : '';
  return first || req.socket.remoteAddress || 'unknown';
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(value));
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // No script runs on any registry page; styles are inline; nothing may frame it.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own forms.
  'referrer-policy': 'same-origin',
};

export function sendHtml(res: http.ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, ...headers });
  res.end(html);
}

export function redirect(res: http.ServerResponse, to: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { location: to, 'cache-control': 'no-store', ...headers });
  res.end();
}

export function sendFile(res: http.ServerResponse, bytes: Buffer | string, type: string, filename: string): void {
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'x-content-type-options': 'nosniff',
  });
  res.end(bytes);
}
