/**
 * Counts this process's changes to the reference data, so that every in-memory copy of it (there is one per module
 * that provides `ReferenceData`, and the deadline periods) reads the tables again after an administrator's change
 * here. Other processes see a change when their copy expires.
 */
let generation = 0;

export const referenceDataGeneration = (): number => generation;

export function referenceDataChanged(): void {
  generation++;
}
