export * from './programme.events';
export * from './programme';
export * from './programme.decide';
