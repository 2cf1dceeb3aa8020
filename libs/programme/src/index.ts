export * from './domain';
export * from './programme.module';
export * from './programme.service';
export * from './seed/programme-actions.seed';
