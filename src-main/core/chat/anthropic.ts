// The Anthropic SDK, configured for main: the key is passed explicitly (never read from the
// environment or a profile on disk), the base URL is fixed unless tests point it at a fake,
// retries are few and time-outs short so a broken turn ends quickly with a clear message.
import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { CoreError } from '../types';

export const DEFAULT_ANTHROPIC_URL = 'https://api.anthropic.com';

export interface AnthropicClientOptions {
  apiKey: string;
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
}

export function createAnthropicClient(o: AnthropicClientOptions): Anthropic {
  return new Anthropic({
    apiKey: o.apiKey,
    // An explicit URL: ANTHROPIC_BASE_URL in the environment must not redirect the key.
    baseURL: o.baseURL ?? DEFAULT_ANTHROPIC_URL,
    maxRetries: o.maxRetries,
    timeout: o.timeoutMs,
    // The SDK's debug logging could print request options; we log our own redacted lines.
    logLevel: 'off',
  });
}

export interface DescribedError {
  code: string;
  message: string;
}

export function isAbort(err: unknown): boolean {
  return err instanceof APIUserAbortError || (err instanceof Error && err.name === 'AbortError');
}

/** The error type inside Anthropic's body, e.g. overloaded_error (also sent mid-stream). */
function bodyErrorType(err: APIError): string | undefined {
  const body = err.error as { error?: { type?: unknown }; type?: unknown } | undefined;
  const t = body?.error?.type ?? body?.type;
  return typeof t === 'string' ? t : undefined;
}

function bodyErrorMessage(err: APIError): string | undefined {
  const body = err.error as { error?: { message?: unknown } } | undefined;
  const m = body?.error?.message;
  return typeof m === 'string' ? m.slice(0, 300) : undefined;
}

/**
 * A message a person can act on. Built from the error's class and status only (plus Anthropic's
 * own short explanation for a bad request): never from request options, which hold the key.
 */
export function describeAnthropicError(err: unknown, model: string): DescribedError {
  if (err instanceof AuthenticationError) {
    return {
      code: 'anthropic_auth',
      message: 'Anthropic did not accept the API key (it may have been revoked or mistyped). Enter a working key in Settings → Claude.',
    };
  }
  if (err instanceof PermissionDeniedError) {
    return {
      code: 'anthropic_permission',
      message: `This Anthropic key may not use the model "${model}". Choose another model in Settings or check the key's workspace.`,
    };
  }
  if (err instanceof NotFoundError) {
    return { code: 'anthropic_model', message: `Anthropic does not know the model "${model}". Choose another model in Settings.` };
  }
  if (err instanceof RateLimitError) {
    const after = Number(err.headers?.get('retry-after'));
    const wait = Number.isFinite(after) && after > 0 ? ` Try again in about ${Math.ceil(after)} s.` : ' Wait a minute and try again.';
    return { code: 'anthropic_rate_limited', message: `Anthropic's rate limit for this key was reached.${wait}` };
  }
  if (err instanceof APIConnectionTimeoutError) {
    return {
      code: 'anthropic_timeout',
      message: 'Anthropic did not answer in time. Try again; if it keeps happening, check your connection.',
    };
  }
  if (err instanceof APIConnectionError && !(err instanceof APIUserAbortError)) {
    return { code: 'anthropic_network', message: 'Triage Desk could not reach Anthropic. Check your internet connection and try again.' };
  }
  if (err instanceof APIError) {
    const type = bodyErrorType(err);
    if (err.status === 529 || type === 'overloaded_error') {
      return { code: 'anthropic_overloaded', message: 'Claude is overloaded right now. Your chat is kept; try again in a moment.' };
    }
    if (type === 'rate_limit_error') {
      return { code: 'anthropic_rate_limited', message: "Anthropic's rate limit for this key was reached. Wait a minute and try again." };
    }
    if (err instanceof BadRequestError) {
      const why = bodyErrorMessage(err);
      return { code: 'anthropic_bad_request', message: `Anthropic refused the request${why ? `: ${why}` : ''}.` };
    }
    if (typeof err.status === 'number' && err.status >= 500) {
      return { code: 'anthropic_server', message: `Anthropic had a problem (${err.status}). Your chat is kept; try again in a moment.` };
    }
    return {
      code: 'anthropic_error',
      message: `Anthropic answered with an error${err.status ? ` (${err.status})` : ''}. Try again in a moment.`,
    };
  }
  return { code: 'anthropic_error', message: 'Something went wrong while talking to Claude. Your chat is kept; try again.' };
}

/** The profile's Anthropic key for one call, or a CoreError telling the person what to do. */
export function readAnthropicKey(
  vault: { get(identifier: string): string | undefined; status(identifier: string): { configured: boolean } },
  identifier: string,
): string {
  let key: string | undefined;
  try {
    key = vault.get(identifier);
  } catch {
    key = undefined;
  }
  if (key) return key;
  if (vault.status(identifier).configured) {
    throw new CoreError(
      'anthropic_key_unreadable',
      'The saved Anthropic key cannot be read on this computer any more. Enter it again in Settings → Claude.',
    );
  }
  throw new CoreError('no_api_key', 'Claude needs an Anthropic API key for this profile. Add one in Settings → Claude.');
}
