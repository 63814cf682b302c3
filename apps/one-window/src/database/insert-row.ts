import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Inserts a complete row. TypeORM's QueryDeepPartialEntity cannot express JSON columns
 * typed as Record<string, unknown>, so the one cast lives here instead of at every call.
 */
export async function insertRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, row: T): Promise<void> {
  await em.insert(target, row as QueryDeepPartialEntity<T>);
}
