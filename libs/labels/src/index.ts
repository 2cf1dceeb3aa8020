export * from './nl';
