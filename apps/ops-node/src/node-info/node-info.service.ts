import { Clock } from '@app/common';
import { NodeLevel, ReportItem } from '@app/ops-contract';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OpsNodeConfig } from '../config/ops-node.config';
import { toWire } from '../core/wire-time';
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

interface NodeInfoRow {
  node_code: string;
  unit_name: string;
  person_in_charge: string;
  person_phone: string;
  duty_phone: string;
  address: string;
  node_level: string;
  updated_at: Date;
}

/** 接入节点信息: seeded from config on first boot, then owned by the operators (API edits win over config). */
@Injectable()
export class NodeInfoService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<void> {
    const c = this.config;
    await this.ds.query(
      'INSERT IGNORE INTO node_info (id, node_code, unit_name, person_in_charge, person_phone, duty_phone, address, node_level, updated_at) VALUES (1,?,?,?,?,?,?,?,?)',
      [c.NODE_CODE, c.NODE_UNIT_NAME, c.NODE_PERSON_IN_CHARGE, c.NODE_PERSON_PHONE, c.NODE_DUTY_PHONE, c.NODE_ADDRESS, c.NODE_LEVEL, this.clock.now()],
    );
  }

  async get(): Promise<NodeInfo> {
    const [r] = (await this.ds.query('SELECT * FROM node_info WHERE id = 1')) as NodeInfoRow[];
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
    const cols: Record<keyof UpdateNodeInfoDto, string> = { unitName: 'unit_name', personInCharge: 'person_in_charge', personPhone: 'person_phone', dutyPhone: 'duty_phone', address: 'address', nodeLevel: 'node_level' };
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [k, col] of Object.entries(cols) as [keyof UpdateNodeInfoDto, string][]) {
      if (dto[k] !== undefined) {
        sets.push(`${col} = ?`);
        params.push(dto[k]);
      }
    }
    if (sets.length) await this.ds.query(`UPDATE node_info SET ${sets.join(', ')}, updated_at = ? WHERE id = 1`, [...params, this.clock.now()]);
    return this.get();
  }

  async asReportItems(): Promise<ReportItem[]> {
    return [{ ...(await this.get()) }];
  }
}
