import { paths } from '@/config/paths';

/** Only same-app paths may be redirected to after sign-in: never `//evil.example` or `https://…`. */
export function safeRedirect(target: string | null | undefined, fallback: string = paths.home.href()): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  return target;
}
