export * from './actor';
export * from './demo-users';
export * from './token.service';
export * from './policy';
export * from './nest/auth.guard';
export * from './nest/access.module';
export * from './access.migrations';
