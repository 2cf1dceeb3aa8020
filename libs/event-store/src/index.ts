export * from './db';
export * from './event-store';
export * from './hash-chain';
export * from './migrations';
export * from './restore-guard';
export * from './subscription';
export * from './upcasting';
export * from './seals';
