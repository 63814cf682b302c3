import { WakeSignal } from '@app/common';
import { Injectable } from '@nestjs/common';

/** Wakes the dispatch lanes right after a submit or a released hold instead of waiting for the next poll. */
@Injectable()
export class DispatchSignal extends WakeSignal {}
