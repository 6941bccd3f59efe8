// Starts a file's stack and browser side by side (each takes seconds); when one of them fails,
// the other is shut down again, so a failed start leaves no processes behind to keep the run alive.
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startE2eStack } from './e2e-stack.js';
import type { E2eStack } from './e2e-stack.js';

export async function startStackAndBrowser(name: string): Promise<{ stack: E2eStack; browser: Browser }> {
  const [stack, browser] = await Promise.allSettled([startE2eStack(name), launchBrowser()]);
  if (stack.status === 'fulfilled' && browser.status === 'fulfilled')
    return { stack: stack.value, browser: browser.value };
  if (stack.status === 'fulfilled') await stack.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw stack.status === 'rejected' ? stack.reason : (browser as PromiseRejectedResult).reason;
}
