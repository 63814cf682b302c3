import { AppError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ItemCategory, ItemEntity } from './item.entity';

const CACHE_MS = 30_000;

/**
 * The item catalog is reference data read on every registration, submission and dispatch;
 * it is cached for CACHE_MS (catalog changes arrive by migration and show up within that).
 */
@Injectable()
export class CatalogService {
  private cache?: { at: number; items: Map<string, ItemEntity> };

  constructor(@InjectRepository(ItemEntity) private readonly items: Repository<ItemEntity>) {}

  private async all(): Promise<Map<string, ItemEntity>> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const rows = await this.items.find({ order: { code: 'ASC' } });
      this.cache = { at: Date.now(), items: new Map(rows.map((r) => [r.code, r])) };
    }
    return this.cache.items;
  }

  async list(category?: ItemCategory, deptCode?: string): Promise<ItemEntity[]> {
    return [...(await this.all()).values()].filter((i) => i.enabled && (!category || i.category === category) && (!deptCode || i.deptCode === deptCode));
  }

  async get(code: string): Promise<ItemEntity> {
    const item = (await this.all()).get(code);
    if (!item) throw AppError.notFound(`事项 ${code} 不存在`);
    return item;
  }
}
