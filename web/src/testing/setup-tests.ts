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

// jsdom knows <dialog> but not modal dialogs. As browsers do: showModal() opens it and focuses its
// first field, close() closes it, and Esc inside an open dialog sends it a cancelable `cancel`.
if (inBrowser && typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
    this.querySelector<HTMLElement>('input, select, textarea, button, [href], [tabindex]')?.focus();
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
  document.addEventListener('keydown', (event) => {
    const dialog = (event.target as Element | null)?.closest?.('dialog[open]');
    if (event.key !== 'Escape' || !(dialog instanceof HTMLDialogElement)) return;
    if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
  });
}

afterEach(() => {
  // Unmount first: a session change under a mounted app would render outside act().
  cleanup();
  setSession(null);
  if (inBrowser) localStorage.clear();
});
