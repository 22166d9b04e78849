// The human ticket id (Sympoq style, e.g. 09-13-O-TW4): creation month and day, then the
// workspace ticket number in base 36. Deriving it from the unique number makes it unique
// per workspace without retries.
export function ticketRef(createdAt: Date, number: number): string {
  const mm = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(createdAt.getUTCDate()).padStart(2, '0');
  const code = number.toString(36).toUpperCase().padStart(4, '0');
  return `${mm}-${dd}-${code.slice(0, code.length - 3)}-${code.slice(-3)}`;
}

export const TICKET_REF_PATTERN = /^\d{2}-\d{2}-[0-9A-Z]+-[0-9A-Z]{3}$/;
