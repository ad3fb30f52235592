/**
 * Stops calling a dependency that keeps failing. A Redis that stalls while its connection stays
 * "ready" costs every command its full timeout; after `failures` failures in a row the breaker opens
 * and callers skip the dependency for `cooldownMs`. After that one call tries again: a success closes
 * the breaker, a failure opens it for another cooldown.
 */
export class CircuitBreaker {
  readonly #failures: number;
  readonly #cooldownMs: number;
  #failedInARow = 0;
  #openUntil = 0;

  constructor(options: { failures: number; cooldownMs: number }) {
    this.#failures = options.failures;
    this.#cooldownMs = options.cooldownMs;
  }

  /** Whether a call may go ahead now. */
  get closed(): boolean {
    return Date.now() >= this.#openUntil;
  }

  succeeded(): void {
    this.#failedInARow = 0;
  }

  /** Records a failure; true when this one opened the breaker. */
  failed(): boolean {
    this.#failedInARow += 1;
    if (this.#failedInARow < this.#failures || !this.closed) return false;
    this.#openUntil = Date.now() + this.#cooldownMs;
    return true;
  }
}
