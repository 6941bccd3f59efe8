// What a person does in the app that several scenarios need, done through the UI.
import type { Locator, Page } from 'playwright-core';
import type { PngFile } from './images.js';
import { apiCallOf } from './page-helpers.js';

export interface Person {
  username: string;
  email: string;
  password: string;
}

export function person(username: string): Person {
  return { username, email: `${username}@example.org`, password: `${username}-secret-42` };
}

interface UserBody {
  user: { username: string; token: string; image: string };
}

/** Signs `who` up on the sign-up page; resolves once the header shows them signed in. */
export async function signUp(page: Page, who: Person): Promise<UserBody['user']> {
  await page.goto('/register');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  const { user } = await apiCallOf<UserBody>(page, 'POST', '/users', 201, () =>
    page.getByRole('button', { name: 'Create account' }).click(),
  );
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: who.username }).waitFor();
  return user;
}

export interface UploadedAsset {
  url: string;
  width: number;
  height: number;
}

/**
 * Chooses `file` in the file input `input`; resolves with the stored asset once the API has
 * answered and the page shows no upload in progress any more.
 */
export async function uploadImage(page: Page, input: Locator, file: PngFile): Promise<UploadedAsset> {
  const { asset } = await apiCallOf<{ asset: UploadedAsset }>(page, 'POST', '/assets', 201, () =>
    input.setInputFiles(file),
  );
  await page.getByRole('progressbar').waitFor({ state: 'detached' });
  return asset;
}

/**
 * Pastes `file` into `target` (the editor's body) as a paste from the clipboard would: a `paste`
 * event carrying the file. Headless Chromium has no system clipboard to put a file on.
 */
export async function pasteFile(target: Locator, file: PngFile): Promise<void> {
  await target.evaluate(
    (element, { name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const clipboardData = new DataTransfer();
      clipboardData.items.add(new File([bytes], name, { type: mimeType }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') },
  );
}
