// The one way to turn a caught value into text. `catch (error)` binds `unknown`: usually an
// Error, but a dependency may throw a string, a plain object, or nothing at all, and the text
// must still say something (never '' and never a second exception while reporting the first).

/** What went wrong, as text: an Error's message (its name when the message is empty). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message } = error;
    if (typeof message === 'string' && message !== '') return message;
  }
  return textOf(error);
}

/** For crash reports: an Error's stack (which starts with its message), else `messageOf`. */
export function stackOf(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${messageOf(error)}`;
  return messageOf(error);
}

function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    // An object without a prototype, or whose toString throws.
    return Object.prototype.toString.call(value);
  }
}
