// Idempotency-Key refusals; src/http/errors.ts classifies them, each dialect renders its envelope.
export class IdempotencyError extends Error {
  constructor(
    readonly kind: 'idempotency_in_progress' | 'idempotency_mismatch',
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return this.kind === 'idempotency_in_progress' ? 409 : 422;
  }
}
