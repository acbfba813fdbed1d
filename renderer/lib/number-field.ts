// What NumberField.svelte reads from its input. A number input reports an empty or unparsable
// entry as '' (and Number('') is 0): a cleared field must not quietly become a setting of zero.

/** The number a number input holds, or null when it is empty or not a number. */
export function inputNumber(input: HTMLInputElement): number | null {
  if (input.validity.badInput || input.value.trim() === '') return null;
  const value = Number(input.value);
  return Number.isFinite(value) ? value : null;
}

/** Why a cleared or non-numeric entry was refused: "Enter a number for the cooldown; it stays 15." */
export function refusal(what: string, stays: number): string {
  return `Enter a number ${what}; it stays ${stays}.`;
}
