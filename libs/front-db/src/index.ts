export * from './front-db.ddl';
export * from './front-db.types';
export * from './front-db.connection';
export * from './front-db.client';
export * from './migrations/1763780000000-front-db-v1';
export * from './front-db.registry';
export * from './callback-detail';
