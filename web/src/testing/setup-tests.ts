import '@testing-library/jest-dom/jest-globals';

import { File as NodeFile } from 'node:buffer';

import { afterEach } from '@jest/globals';
import { cleanup } from '@testing-library/react';

import { setSession } from '@/lib/session';

// Most tests run in jsdom; the server renderer's run in plain Node (`@jest-environment node`).
const inBrowser = typeof window !== 'undefined';

// jest-fixed-jsdom swaps in Node's Blob, FormData and fetch but keeps jsdom's File, which Node's
// FormData cannot read. Browsers have one File; so do the tests.
if (inBrowser) globalThis.File = NodeFile as unknown as typeof File;

// React 19 reads `new FormData(form)` when a submit handler starts a transition (a navigation);
// Node's FormData takes no form element, so it learns to read one here, as browsers do.
const NodeFormData = globalThis.FormData;
class FormDataFromForms extends NodeFormData {
  constructor(form?: HTMLFormElement, submitter?: HTMLElement | null) {
    super();
    if (!form) return;
    for (const element of Array.from(form.elements) as HTMLInputElement[]) {
      const checkable = element.type === 'checkbox' || element.type === 'radio';
      const button = element.type === 'submit' || element.type === 'button' || element.tagName === 'BUTTON';
      if (!element.name || element.disabled || (checkable && !element.checked) || element.type === 'file') continue;
      if (button && element !== submitter) continue;
      this.append(element.name, element.value);
    }
  }
}
if (inBrowser) globalThis.FormData = FormDataFromForms as typeof FormData;

// jsdom has no layout, so no scrolling; navigations scroll to the top.
if (inBrowser) window.scrollTo = () => undefined;

afterEach(() => {
  // Unmount first: a session change under a mounted app would render outside act().
  cleanup();
  setSession(null);
  if (inBrowser) localStorage.clear();
});
