// The tests of one file build on each other (one session, step by step). After the first failure
// the rest are skipped instead of each timing out with a misleading message of its own.

import { test } from 'node:test';

let failed = null;

export function step(name, fn) {
  test(name, async (t) => {
    if (failed) return t.skip(`after the failure in "${failed}"`);
    try {
      await fn(t);
    } catch (error) {
      failed = name;
      throw error;
    }
  });
}
