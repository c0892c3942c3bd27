// The MCP approval timeout is kept within 1 s … 24 h: setTimeout treats ≤0, NaN or more than
// 2^31−1 ms as ~1 ms, which would time every write out at once.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_APPROVAL_TIMEOUT_MS,
  MAX_APPROVAL_TIMEOUT_MS,
  MIN_APPROVAL_TIMEOUT_MS,
  clampApprovalTimeout,
} from '../../../src-main/core/mcp';

describe('clampApprovalTimeout', () => {
  it('keeps values in range, defaults when unset or NaN, clamps the rest', () => {
    expect(MIN_APPROVAL_TIMEOUT_MS).toBe(1000);
    expect(MAX_APPROVAL_TIMEOUT_MS).toBe(86_400_000);
    expect(clampApprovalTimeout(undefined)).toBe(DEFAULT_APPROVAL_TIMEOUT_MS);
    expect(clampApprovalTimeout(Number.NaN)).toBe(DEFAULT_APPROVAL_TIMEOUT_MS);
    expect(clampApprovalTimeout(30_000)).toBe(30_000);
    expect(clampApprovalTimeout(0)).toBe(1000);
    expect(clampApprovalTimeout(-5)).toBe(1000);
    expect(clampApprovalTimeout(2 ** 31)).toBe(86_400_000);
    expect(clampApprovalTimeout(Number.POSITIVE_INFINITY)).toBe(86_400_000);
    expect(MAX_APPROVAL_TIMEOUT_MS).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});
