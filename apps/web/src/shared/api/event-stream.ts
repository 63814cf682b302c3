/**
 * A Server-Sent Events stream read with fetch, so that the session's Bearer token goes with it
 * (EventSource cannot send a header). Reconnects after a drop with a growing pause (1 s … 30 s) and
 * sends the last event id back (Last-Event-ID), so the server replays what was missed. A 401 ends
 * the session like any other call; `close()` stops for good.
 */
export interface StreamEvent {
  type: string;
  id?: string;
  data: string;
}

export type StreamState = 'connecting' | 'open' | 'retrying' | 'closed';

export interface EventStreamOptions {
  url: string;
  token: () => string | null;
  onEvent: (e: StreamEvent) => void;
  onState?: (s: StreamState) => void;
  onUnauthorized?: () => void;
}

export function openEventStream(o: EventStreamOptions): { close: () => void } {
  let closed = false;
  let lastId: string | undefined;
  let pause = 1000;
  let controller: AbortController | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const state = (s: StreamState) => o.onState?.(s);

  async function connect(): Promise<void> {
    controller = new AbortController();
    state('connecting');
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      const token = o.token();
      if (token) headers.Authorization = `Bearer ${token}`;
      if (lastId) headers['Last-Event-ID'] = lastId;
      const res = await fetch(o.url, { headers, signal: controller.signal, cache: 'no-store' });
      if (res.status === 401) {
        closed = true;
        state('closed');
        o.onUnauthorized?.();
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      state('open');
      pause = 1000;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const e = parseBlock(block);
          if (e) {
            if (e.id) lastId = e.id;
            o.onEvent(e);
          }
        }
      }
      throw new Error('stream ended');
    } catch {
      if (closed) return;
      state('retrying');
      retry = setTimeout(() => void connect(), pause);
      pause = Math.min(30_000, pause * 2);
    }
  }

  void connect();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      controller?.abort();
      state('closed');
    },
  };
}

/** One event block of the text/event-stream format (comments and unknown fields ignored). */
export function parseBlock(block: string): StreamEvent | null {
  let type = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { type, id, data: data.join('\n') } : null;
}
