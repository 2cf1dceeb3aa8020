/** A message for the next screen (e.g. "Signaal geregistreerd") shown once after navigation. */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
