/** File-system calls whose "already so" outcome (ENOENT on unlink, EEXIST on link…) is not an error. */

/** Runs `action`; true when it failed with one of the expected error codes, which are not errors here. */
export function failsWith(codes: readonly string[], action: () => void): boolean {
  try {
    action();
    return false;
  } catch (error) {
    if (codes.includes((error as NodeJS.ErrnoException).code ?? "")) return true;
    throw error;
  }
}
