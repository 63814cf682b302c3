import { DeliveryStatusUpdate, StatusListener } from '../model/notice';

/** Fan-out of status updates; a throwing listener never stops the others or the channel. */
export class StatusHub {
  private readonly listeners = new Set<StatusListener>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(update: DeliveryStatusUpdate): void {
    for (const l of this.listeners) {
      try {
        l(update);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
