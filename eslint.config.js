// ESLint 9 flat config. Formatting is prettier's job (`npm run format`); nothing here checks it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Only these files may import 'electron' (shared/STYLE.md): everything else stays testable in
 *  plain Node and the core stays Electron-free. */
const ELECTRON_ALLOWED = [
  'src-main/index.ts',
  'src-main/window.ts',
  'src-main/ipc.ts',
  'src-main/platform/**',
  // the preload itself; the contract it shares with the renderer stays Electron-free
  'src-preload/index.ts',
  // adapter tests mock the module and import it to reach the mock
  'test/electron/**',
];

const electronRestriction = {
  name: 'electron',
  message: 'Only src-main/{index,window,ipc}.ts, src-main/platform/ and the preload (src-preload/index.ts) may import electron.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**', '.tmp/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-imports': ['error', { paths: [electronRestriction] }],
    },
  },
  {
    // Tests and benchmarks read JSON bodies of many shapes; `any` there is a reading aid, not an API.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ELECTRON_ALLOWED,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The main process and the preload are where a forgotten promise loses a write or an error.
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'src-shared/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // rules-of-hooks stays an error; the React Compiler diagnostics of v7 (set-state-in-effect,
      // refs, immutability, …) are advice here, since we do not build with the compiler.
      ...Object.fromEntries(Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, 'warn'])),
      'react-hooks/rules-of-hooks': 'error',
      // tools:execute is typed per tool (src-shared/tools/io.ts): a result's data needs no cast
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression[expression.type='MemberExpression'][expression.property.name='data']",
          message: 'Tool results are typed per tool (src-shared/tools/io.ts); do not cast .data.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [electronRestriction],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-main'],
              message: 'The renderer sees only the contract (src-shared/contract) and window.triage.',
            },
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no Node modules.' },
          ],
        },
      ],
    },
  },
);
