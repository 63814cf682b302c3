import { OnCallRole, OnCallRoster, Recipient } from '@app/notify';
import { EntityManager } from 'typeorm';
import { OnCallInput } from '../config/notification-config';

export interface OnCallPerson {
  id: number;
  name: string;
  role: OnCallRole;
  email: string | null;
  mobile: string | null;
  phone: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: number;
  name: string;
  role: string;
  email: string | null;
  mobile: string | null;
  phone: string | null;
  enabled: number;
  created_at: Date;
  updated_at: Date;
}

/**
 * The on-call table (值班表, A/B roles), also the escalation engine's roster: a step reads it when it
 * starts, so an edit takes effect at the next step. SMS and voice go to the mobile number; a person
 * with only a fixed line is called there (and gets no SMS).
 */
export class OnCallRepository implements OnCallRoster {
  constructor(private readonly db: EntityManager) {}

  static recipientOf(p: OnCallPerson): Recipient {
    return { id: `P${p.id}`, name: p.name, email: p.email ?? undefined, phone: p.mobile ?? p.phone ?? undefined };
  }

  async membersOf(role: OnCallRole): Promise<Recipient[]> {
    return (await this.list()).filter((p) => p.enabled && p.role === role).map(OnCallRepository.recipientOf);
  }

  async list(): Promise<OnCallPerson[]> {
    const rows = (await this.db.query('SELECT * FROM on_call_person ORDER BY role, id')) as Row[];
    return rows.map(personOf);
  }

  async get(id: number): Promise<OnCallPerson | null> {
    const rows = (await this.db.query('SELECT * FROM on_call_person WHERE id = ?', [id])) as Row[];
    return rows.length ? personOf(rows[0]) : null;
  }

  async create(p: OnCallInput & { enabled?: boolean }, now: Date): Promise<number> {
    const res = (await this.db.query(
      'INSERT INTO on_call_person (name, role, email, mobile, phone, enabled, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)',
      [p.name, p.role, p.email ?? null, p.mobile ?? null, p.phone ?? null, p.enabled === false ? 0 : 1, now, now],
    )) as { insertId: number };
    return res.insertId;
  }

  async update(id: number, p: OnCallInput & { enabled: boolean }, now: Date): Promise<void> {
    await this.db.query('UPDATE on_call_person SET name = ?, role = ?, email = ?, mobile = ?, phone = ?, enabled = ?, updated_at = ? WHERE id = ?', [
      p.name,
      p.role,
      p.email ?? null,
      p.mobile ?? null,
      p.phone ?? null,
      p.enabled ? 1 : 0,
      now,
      id,
    ]);
  }

  async delete(id: number): Promise<void> {
    await this.db.query('DELETE FROM on_call_person WHERE id = ?', [id]);
  }

  /**
   * Seeds the table from configuration when it is empty (first start); returns how many were added.
   * Run it in a REPEATABLE READ unit: the lock on the table's gap keeps two replicas starting together from both seeding.
   */
  async seedIfEmpty(people: OnCallInput[], now: Date): Promise<number> {
    const [{ n }] = (await this.db.query('SELECT COUNT(*) AS n FROM on_call_person FOR UPDATE')) as { n: string }[];
    if (Number(n) > 0) return 0;
    for (const p of people) await this.create(p, now);
    return people.length;
  }
}

function personOf(r: Row): OnCallPerson {
  return {
    id: Number(r.id),
    name: r.name,
    role: r.role === 'B' ? 'B' : 'A',
    email: r.email,
    mobile: r.mobile,
    phone: r.phone,
    enabled: Number(r.enabled) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
