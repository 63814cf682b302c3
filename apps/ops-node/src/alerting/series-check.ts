import { Injectable } from '@nestjs/common';

/** Throws the refusal (an AppError with its code) of a rule's resource or metric nobody knows. */
export type SeriesCheckFn = (resourceId: string, metric: string) => Promise<void>;

/**
 * The port through which alerting asks whether a rule watches something real: a resource in the
 * inventory and a metric somebody collects. Monitoring (which imports alerting, so alerting cannot
 * import it) plugs its catalogue in when its module is built; until then every series is admitted.
 */
@Injectable()
export class SeriesCheck {
  private fn: SeriesCheckFn = () => Promise.resolve();

  use(fn: SeriesCheckFn): void {
    this.fn = fn;
  }

  assert(resourceId: string | null | undefined, metric: string | null | undefined): Promise<void> {
    return this.fn(resourceId ?? '', metric ?? '');
  }
}
