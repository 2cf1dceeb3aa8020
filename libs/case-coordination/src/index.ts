export * from './domain';
export * from './case-coordination.module';
export * from './infrastructure/case.migrations';
export * from './infrastructure/case-command-runner';
export * from './infrastructure/reference-data.service';
export * from './projections/case-read-model.projection';
export * from './queries/case-queries.service';
export * from './reference-data/regions';
