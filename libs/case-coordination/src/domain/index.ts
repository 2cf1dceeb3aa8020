export * from './enumerations';
export * from './case';
export * from './case.errors';
export * from './case.deadlines';
export {
  ACTION_TARGETS,
  allowedCommands,
  decide,
  type AllowedCommands,
  type Attempt,
  type CaseActionType,
} from './case.decide';
export * from './case.decider';
export * from './case.upcasters';
export * from './organisations';
export * from './steering-decision';
