// Number inputs report an empty or unparsable entry as '' (and Number('') is 0): a cleared
// field must not quietly become a setting of zero.

/** The number a number field holds, or null when it is empty or not a number. */
export function fieldNumber(event: Event): number | null {
  const input = event.currentTarget as HTMLInputElement;
  if (input.validity.badInput || input.value.trim() === '') return null;
  const value = Number(input.value);
  return Number.isFinite(value) ? value : null;
}

/** Puts a field back to the value it stands for (after a refused entry). */
export function restoreField(event: Event, value: number | string): void {
  (event.currentTarget as HTMLInputElement).value = String(value);
}
