import { WakeSignal } from '@app/common';
import { Injectable } from '@nestjs/common';

/** Wakes the sender when a work order is queued, so delivery does not wait for the next poll. */
@Injectable()
export class WorkOrderSignal extends WakeSignal {}
