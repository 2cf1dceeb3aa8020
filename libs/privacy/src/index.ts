export * from './personal-data';
export * from './subject-keys';
