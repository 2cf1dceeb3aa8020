export * from './chart-specs';
