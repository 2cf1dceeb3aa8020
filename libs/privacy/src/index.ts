export * from './personal-data';
export * from './master-key';
export * from './subject-keys';
