import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{harness,mocks,fixtures,scenarios,lib,inspector}/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
