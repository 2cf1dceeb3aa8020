export * from './report-history';
export * from './bulk-history';
