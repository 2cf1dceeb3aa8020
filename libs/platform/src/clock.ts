/** The one source of "now" for the application; tests replace it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date): void {
    this.current = instant;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
