export * from './personal-data';
export * from './subject-keys';
export * from './narrative';
export * from './case-keys';
export * from './keyring';
export * from './key-wrapping';
export * from './key-custody';
