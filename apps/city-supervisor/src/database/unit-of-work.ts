import { UnitOfWorkKit } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The one way city-supervisor opens a transaction on its DB: the unit-of-work kit of libs/common bound
 * to the city DataSource. READ COMMITTED by default: no gap locks, so an issued work order never
 * waits on a report. The report intake asks for REPEATABLE READ: its FOR UPDATE over a node's rows
 * must also lock the gaps, so two reports of one node serialise over keys the city does not hold yet.
 */
@Injectable()
export class UnitOfWork extends UnitOfWorkKit {
  constructor(ds: DataSource) {
    super(ds);
  }
}
