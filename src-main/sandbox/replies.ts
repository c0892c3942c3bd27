/** What a handler answers; the server adds the common headers and serializes the body. */
export interface Reply {
  status: number;
  /** JSON body (serialized by the server). */
  body?: unknown;
  /** Raw body, written as is (the 404 single space, the malformed-JSON fault). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface FieldError {
  field: string;
  message: string;
  code: string;
  additional_info?: Record<string, unknown>;
  nested_field?: string;
}

export const MSG = {
  invalidField: 'Unexpected/invalid field in request',
  invalidJson: 'Request body has invalid json format',
  missingParams: 'Your update call does not have any parameter. Atleast one parameter is required.',
  noContent: 'Content should not be sent in the request',
  invalidMultipart: 'Multipart data is not properly formatted.',
  invalidCredentials: 'You have to be logged in to perform this action.',
  accessDenied: 'You are not authorized to perform this action.',
  suspended: 'Your account has been suspended.',
  unique: 'It should be a unique value',
  rateLimited: 'You have exceeded the limit of requests per hour',
  internal: "We're sorry, but something went wrong.",
  blank: 'It should not be blank as this is a mandatory field',
  email: "It should be in the 'valid email address' format",
  datetime: "It should be in the 'combined date and time ISO8601' format",
  perPage: 'It should be a Positive Integer less than or equal to 100',
  pageCap: 'You cannot access tickets beyond the 300th page. Please provide a smaller page number.',
} as const;

/** 404 with a single-space body (Freshdesk answers with headers only). */
export function notFound(): Reply {
  return { status: 404, raw: ' ' };
}

/** `Validation failed`; 409 when the errors are uniqueness clashes. */
export function validationFailed(errors: FieldError[]): Reply {
  const status = errors.length > 0 && errors.every((e) => e.code === 'duplicate_value') ? 409 : 400;
  return { status, body: { description: 'Validation failed', errors } };
}

export function requestError(status: number, code: string, message: string): Reply {
  return { status, body: { code, message } };
}

export function baseError(status: number, message: string): Reply {
  return { status, body: { message } };
}

export function accessDenied(): Reply {
  return requestError(403, 'access_denied', MSG.accessDenied);
}

export function invalidCredentials(): Reply {
  return requestError(401, 'invalid_credentials', MSG.invalidCredentials);
}

export function methodNotAllowed(method: string, allowed: readonly string[]): Reply {
  const list = allowed.join(', ');
  return {
    status: 405,
    body: { message: `${method} method is not allowed. It should be one of these method(s): ${list}` },
    headers: { Allow: list },
  };
}

export function missingParams(): Reply {
  return requestError(400, 'missing_params', MSG.missingParams);
}
