import { Clock } from '@app/common';
import { NodeLevel, ReportItem } from '@app/ops-contract';
import { Injectable } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { toWire } from '../core/wire-time';
import { NodeInfoRepository } from './node-info.repository';
import { UpdateNodeInfoDto } from './update-node-info.dto';

export interface NodeInfo {
  nodeCode: string;
  unitName: string;
  personInCharge: string;
  personPhone: string;
  dutyPhone: string;
  address: string;
  nodeLevel: NodeLevel;
  updatedAt: string;
}

/** 接入节点信息: seeded from config on first boot, then owned by the operators (API edits win over config). */
@Injectable()
export class NodeInfoService {
  constructor(
    private readonly repo: NodeInfoRepository,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<void> {
    const c = this.config;
    await this.repo.seed(
      {
        node_code: c.NODE_CODE,
        unit_name: c.NODE_UNIT_NAME,
        person_in_charge: c.NODE_PERSON_IN_CHARGE,
        person_phone: c.NODE_PERSON_PHONE,
        duty_phone: c.NODE_DUTY_PHONE,
        address: c.NODE_ADDRESS,
        node_level: c.NODE_LEVEL,
      },
      this.clock.now(),
    );
  }

  async get(): Promise<NodeInfo> {
    const r = await this.repo.get();
    return {
      nodeCode: r.node_code,
      unitName: r.unit_name,
      personInCharge: r.person_in_charge,
      personPhone: r.person_phone,
      dutyPhone: r.duty_phone,
      address: r.address,
      nodeLevel: r.node_level as NodeLevel,
      updatedAt: toWire(r.updated_at),
    };
  }

  /** The node code is the identity the city knows this node by; it stays as configured. */
  async update(dto: UpdateNodeInfoDto): Promise<NodeInfo> {
    const cols = {
      unitName: 'unit_name',
      personInCharge: 'person_in_charge',
      personPhone: 'person_phone',
      dutyPhone: 'duty_phone',
      address: 'address',
      nodeLevel: 'node_level',
    } as const;
    const set: Partial<Record<(typeof cols)[keyof UpdateNodeInfoDto], unknown>> = {};
    for (const [k, col] of Object.entries(cols) as [keyof UpdateNodeInfoDto, (typeof cols)[keyof UpdateNodeInfoDto]][])
      if (dto[k] !== undefined) set[col] = dto[k];
    await this.repo.update(set, this.clock.now());
    return this.get();
  }

  async asReportItems(): Promise<ReportItem[]> {
    return [{ ...(await this.get()) }];
  }
}
