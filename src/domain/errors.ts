// Domain errors. Dialects map each kind to their vendor's status codes and envelopes.

export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'forbidden' | 'validation' | 'conflict';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(
    readonly entity: string,
    readonly key?: string | number,
  ) {
    super(`${entity} not found`);
  }
}

/** The caller may not do this (role, or a resource of another workspace where a dialect reveals that). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError(message, { [field]: [message] });
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
