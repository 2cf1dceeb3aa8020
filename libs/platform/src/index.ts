export * from './config';
export * from './clock';
export * from './tokens';
export * from './problem';
export * from './problem-details.filter';
export * from './validation';
export * from './persistence.module';
export * from './request-body';
