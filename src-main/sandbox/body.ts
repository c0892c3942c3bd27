import type { IncomingMessage } from 'node:http';

/** Request bodies: size-capped reading, JSON and multipart/form-data parsing. */

export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** Attachments may total 20 MB; leave room for the multipart framing. */
export const MAX_MULTIPART_BODY_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve({ ok: false, reason: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      resolve(r);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish({ ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('aborted', () => finish({ ok: false, reason: 'aborted' }));
  });
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Returns null when the body is not well-formed multipart data. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos === -1) return null;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') return null;
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd === -1) return null;
    const headerText = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next === -1) return null;
    const data = body.subarray(headerEnd + 4, next);
    let name: string | undefined;
    let filename: string | undefined;
    let contentType: string | undefined;
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon === -1) return null;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'content-disposition') {
        name = /\bname="([^"]*)"/i.exec(value)?.[1];
        filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
      } else if (key === 'content-type') contentType = value;
    }
    if (name === undefined) return null;
    const part: MultipartPart = { name, data };
    if (filename !== undefined) part.filename = filename;
    if (contentType !== undefined) part.contentType = contentType;
    parts.push(part);
    pos = next + 2;
  }
}

export function multipartBoundary(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/**
 * Turns form fields into a JSON-like body: `tags[]` → array, `custom_fields[x]` → object,
 * and the listed fields back into numbers/booleans (multipart values are strings).
 */
export function formToBody(
  parts: readonly MultipartPart[],
  types: Readonly<Record<string, 'int' | 'bool'>>,
): { body: Record<string, unknown>; files: MultipartPart[] } {
  const body: Record<string, unknown> = {};
  const files: MultipartPart[] = [];
  for (const part of parts) {
    if (part.filename !== undefined) {
      files.push(part);
      continue;
    }
    const raw = part.data.toString('utf8');
    const arrayMatch = /^([A-Za-z_]+)\[\]$/.exec(part.name);
    const objectMatch = /^([A-Za-z_]+)\[([A-Za-z0-9_]+)\]$/.exec(part.name);
    if (arrayMatch) {
      const key = arrayMatch[1] as string;
      const list = Array.isArray(body[key]) ? (body[key] as unknown[]) : [];
      list.push(raw);
      body[key] = list;
    } else if (objectMatch) {
      const key = objectMatch[1] as string;
      const obj =
        typeof body[key] === 'object' && body[key] !== null && !Array.isArray(body[key]) ? (body[key] as Record<string, unknown>) : {};
      obj[objectMatch[2] as string] = raw;
      body[key] = obj;
    } else {
      const type = types[part.name];
      if (type === 'int' && /^\d{1,15}$/.test(raw)) body[part.name] = Number(raw);
      else if (type === 'bool' && (raw === 'true' || raw === 'false')) body[part.name] = raw === 'true';
      else body[part.name] = raw;
    }
  }
  return { body, files };
}
