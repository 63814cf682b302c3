import { AppError, ReturnCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ItemCategory, ItemEntity } from './item.entity';

@Injectable()
export class CatalogService {
  constructor(@InjectRepository(ItemEntity) private readonly items: Repository<ItemEntity>) {}

  list(category?: ItemCategory, deptCode?: string): Promise<ItemEntity[]> {
    return this.items.find({ where: { enabled: true, ...(category ? { category } : {}), ...(deptCode ? { deptCode } : {}) }, order: { code: 'ASC' } });
  }

  async get(code: string): Promise<ItemEntity> {
    const item = await this.items.findOne({ where: { code } });
    if (!item) throw new AppError(ReturnCode.NOT_FOUND, `事项 ${code}`);
    return item;
  }
}
