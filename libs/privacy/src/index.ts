export * from './personal-data';
export * from './subject-keys';
export * from './narrative';
export * from './case-keys';
