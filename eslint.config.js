// ESLint (flat config): typescript-eslint's recommended rules over every directory of code. `npm run lint`; `npm test`
// runs it before vitest. The rules are the syntactic set, not the type-checked one: `npm run typecheck` already
// runs the compiler, and a type-aware lint of the whole tree costs minutes on two cores.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated (`npm run codegen`), built, or not ours.
    ignores: [
      'src/generated/**',
      'web/explorer/generated/**',
      'client/gql.ts',
      'client/graphql.ts',
      'dist/**',
      'node_modules/**',
      '.neo4j/**',
      '.data/**',
      'bench/results/**',
      'test-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are mistakes, except a leading underscore, which marks an argument kept for its position
      // (a resolver's parent, a callback's index) and a rest sibling used to drop a key from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The browser apps (bundled by scripts/build-*.mjs) run in the page, not in Node.
    files: ['web/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests, the bench and the measuring scripts read GraphQL answers and driver rows as JSON, whose shape each
    // assertion or comparison states: `any` there is a response body, and typing each would repeat the schema.
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
