export * from './enumerations';
export * from './case.events';
export * from './case.commands';
export * from './case.state';
export * from './case.errors';
export { evolve } from './case.evolve';
export { replay } from './case.replay';
export { decide } from './case.decide';
export * from './case.decider';
