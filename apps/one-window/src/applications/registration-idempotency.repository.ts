import { EntityManager } from 'typeorm';

/** The only code that reads or writes `registration_idempotency`. */
export class RegistrationIdempotencyRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(username: string, key: string, hash: string, applyNo: string): Promise<void> {
    await this.em.query('INSERT INTO registration_idempotency (username, idem_key, request_hash, apply_no) VALUES (?, ?, ?, ?)', [
      username,
      key,
      hash,
      applyNo,
    ]);
  }

  async find(username: string, key: string): Promise<{ hash: string; applyNo: string } | undefined> {
    const [row] = (await this.em.query('SELECT request_hash AS hash, apply_no AS applyNo FROM registration_idempotency WHERE username = ? AND idem_key = ?', [
      username,
      key,
    ])) as { hash: string; applyNo: string }[];
    return row;
  }

  async purgeOlderThan(hours: number): Promise<void> {
    await this.em.query('DELETE FROM registration_idempotency WHERE created_at < NOW(3) - INTERVAL ? HOUR LIMIT 5000', [hours]);
  }
}
