import { EntityManager } from 'typeorm';

/** The "behind" relation between resources (a host behind a switch, a switch behind the core): what an outage suppresses. */
export class TopologyRepository {
  constructor(private readonly db: EntityManager) {}

  async parents(): Promise<Map<string, string>> {
    const rows = (await this.db.query('SELECT resource_id, parent_resource_id FROM resource_parent')) as { resource_id: string; parent_resource_id: string }[];
    return new Map(rows.map((r) => [r.resource_id, r.parent_resource_id]));
  }

  async setParent(resourceId: string, parentResourceId: string, now: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO resource_parent (resource_id, parent_resource_id, updated_at) VALUES (?,?,?) ON DUPLICATE KEY UPDATE parent_resource_id = VALUES(parent_resource_id), updated_at = VALUES(updated_at)',
      [resourceId, parentResourceId, now],
    );
  }

  async removeParent(resourceId: string): Promise<boolean> {
    const r = (await this.db.query('DELETE FROM resource_parent WHERE resource_id = ?', [resourceId])) as { affectedRows: number };
    return r.affectedRows > 0;
  }
}
