// The test cipher: the in-memory AES-256-GCM cipher (src-main/platform/memory-cipher.ts) under
// the name every test uses. Import it from here only.
export { createMemoryCipher as createTestCipher } from '../../src-main/platform/memory-cipher';
export type { MemoryCipher as TestCipher } from '../../src-main/platform/memory-cipher';
