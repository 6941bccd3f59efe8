// The steps of one scenario share state (users, the article) and run in order. Once a step fails,
// the ones after it fail at once, naming the step that broke, instead of each waiting out its
// timeouts on a page that is not where it expects to be.
import { it } from 'node:test';

export const DEFAULT_STEP_TIMEOUT_MS = 60_000;

export interface Scenario {
  step(name: string, body: () => Promise<void>, timeoutMs?: number): void;
}

/** `onFailure` runs once, after the first failing step (e.g. to save screenshots of the pages). */
export function scenario(onFailure?: () => Promise<unknown>): Scenario {
  let broken: string | undefined;
  return {
    step(name, body, timeoutMs = DEFAULT_STEP_TIMEOUT_MS) {
      it(name, { timeout: timeoutMs }, async () => {
        if (broken !== undefined) throw new Error(`not run: the earlier step "${broken}" failed`);
        try {
          await body();
        } catch (error) {
          broken = name;
          await onFailure?.().catch(() => undefined);
          throw error;
        }
      });
    },
  };
}
