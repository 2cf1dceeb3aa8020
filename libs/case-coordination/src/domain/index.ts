export * from './enumerations';
export * from './case.events';
export * from './case.commands';
export * from './case.state';
export * from './case.errors';
export { evolve } from './case.evolve';
export { decide } from './case.decide';
export * from './case.decider';
