import { AppError, Clock } from '@app/common';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { SystemLogRepository } from '../system-log';
import { OnCallPersonDto } from './notifications.dto';
import { OnCallPerson, OnCallRepository } from './on-call.repository';

const describe = (p: Pick<OnCallPerson, 'name' | 'role'>) => `${p.role} 角 ${p.name}`;

/** Operators' edits of the on-call table: each change and its system-log row in one unit of work. */
@Injectable()
export class OnCallService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async create(dto: OnCallPersonDto, actor: string): Promise<number> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const newId = await tx.get(OnCallRepository).create(dto, now);
      await tx.get(SystemLogRepository).write(
        [
          {
            level: 'INFO',
            category: 'NOTIFY',
            event: 'ON_CALL_ADDED',
            actor,
            message: `${actor} 新增值班人员 ${describe(dto)}`,
            detail: { id: newId, ...fields(dto) },
          },
        ],
        now,
      );
      return newId;
    });
  }

  async update(id: number, dto: OnCallPersonDto, actor: string): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      const before = await tx.get(OnCallRepository).get(id);
      if (!before) throw AppError.notFound(`值班人员 ${id} 不存在`);
      await tx.get(OnCallRepository).update(id, { ...dto, enabled: dto.enabled ?? true }, now);
      await tx.get(SystemLogRepository).write(
        [
          {
            level: 'INFO',
            category: 'NOTIFY',
            event: 'ON_CALL_CHANGED',
            actor,
            message: `${actor} 修改值班人员 ${describe(before)}`,
            detail: { id, before: { ...before }, after: fields(dto) },
          },
        ],
        now,
      );
    });
  }

  async remove(id: number, actor: string): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      const before = await tx.get(OnCallRepository).get(id);
      if (!before) throw AppError.notFound(`值班人员 ${id} 不存在`);
      await tx.get(OnCallRepository).delete(id);
      await tx
        .get(SystemLogRepository)
        .write(
          [{ level: 'INFO', category: 'NOTIFY', event: 'ON_CALL_REMOVED', actor, message: `${actor} 删除值班人员 ${describe(before)}`, detail: { ...before } }],
          now,
        );
    });
  }
}

function fields(dto: OnCallPersonDto) {
  return { name: dto.name, role: dto.role, email: dto.email ?? null, mobile: dto.mobile ?? null, phone: dto.phone ?? null, enabled: dto.enabled ?? true };
}
