import { stat } from 'node:fs/promises';

/** True when `file` exists (whatever it is); false on any error, a missing file included. */
export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
