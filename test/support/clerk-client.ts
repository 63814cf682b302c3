import { waitFor } from './env';
import { FormFieldView, sampleFormData } from './form-data';
import { DEFAULT_ID_NO } from './identity-numbers';

/** An item as GET /api/v1/items/{code} answers it (the parts the clients use). */
export interface ItemView {
  code: string;
  deptCode: string;
  category: string;
  materials: { code: string; required: boolean }[];
  formFields: FormFieldView[];
}

export interface AppView {
  applyNo: string;
  state: string;
  currentVersion: number;
  result: string | null;
  deptCode: string;
  itemCode: string;
  timeline: { step: string; version: number; operator: string; party: string; outcome?: string | null; at: string }[];
  callbacks: { stage: string; version: number; via: string; outcome: string }[];
  versions: {
    version: number;
    materials: { materialCode: string; sm3: string; carriedFromVersion: number | null }[];
    supplementRequest: { materials: { code: string }[] } | null;
  }[];
}

export interface UploadedMaterial {
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sm3: string;
}

/** A minimal well-formed PDF whose only content is a comment with `text`: what a scanner would send, in a few bytes. */
export function tinyPdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'utf8',
  );
}

/** The window clerk's view of the REST API, used by the integration tests and the demo. */
export class ClerkClient {
  private constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ClerkClient> {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return new ClerkClient(base, ((await res.json()) as { token: string }).token);
  }

  /** sent as X-Correlation-Id on every request when set */
  correlationId?: string;

  async request<T>(method: string, path: string, body?: unknown, expect = [200, 201]): Promise<T> {
    const init: RequestInit = {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(this.correlationId ? { 'x-correlation-id': this.correlationId } : {}) },
    };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.base}${path}`, init);
    const text = await res.text();
    if (!expect.includes(res.status)) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private readonly items = new Map<string, Promise<ItemView>>();

  /** One item (read once per client: the catalog is reference data). */
  item(code: string): Promise<ItemView> {
    let item = this.items.get(code);
    if (!item) {
      item = this.request<ItemView>('GET', `/api/v1/items/${code}`);
      item.catch(() => this.items.delete(code));
      this.items.set(code, item);
    }
    return item;
  }

  private registered = 0;

  /** Registers a PICKUP application with a valid ID number and a form the item's fields accept. */
  async register(itemCode: string, applicantName = '张三', applicantIdNo = DEFAULT_ID_NO): Promise<string> {
    const item = await this.item(itemCode);
    const app = await this.request<{ applyNo: string }>('POST', '/api/v1/applications', {
      itemCode,
      applicantType: 'PERSON',
      applicantName,
      applicantIdNo,
      applicantPhone: '13800000000',
      formData: sampleFormData(item.formFields, this.registered++, itemCode),
      deliveryMethod: 'PICKUP',
    });
    return app.applyNo;
  }

  /** Uploads a tiny valid PDF carrying `text` (so each upload has its own digest). */
  async upload(applyNo: string, materialCode: string, text: string): Promise<UploadedMaterial> {
    return this.uploadFile(applyNo, materialCode, tinyPdf(text), `${materialCode}.pdf`, 'application/pdf');
  }

  async uploadFile(applyNo: string, materialCode: string, content: Buffer, fileName: string, type: string): Promise<UploadedMaterial> {
    const fd = new FormData();
    fd.append('file', new Blob([content], { type }), fileName);
    return this.request('PUT', `/api/v1/applications/${applyNo}/materials/${materialCode}`, fd);
  }

  submit(applyNo: string): Promise<AppView> {
    return this.request('POST', `/api/v1/applications/${applyNo}/submit`);
  }

  /** Registers, uploads every required material and submits. */
  async apply(itemCode: string, applicantName?: string): Promise<string> {
    const applyNo = await this.register(itemCode, applicantName);
    const item = await this.item(itemCode);
    for (const m of item.materials.filter((x) => x.required)) await this.upload(applyNo, m.code, `${m.code} of ${applyNo}`);
    await this.submit(applyNo);
    return applyNo;
  }

  get(applyNo: string): Promise<AppView> {
    return this.request('GET', `/api/v1/applications/${applyNo}`);
  }

  waitForState(applyNo: string, state: string, timeoutMs = 30_000): Promise<AppView> {
    return waitFor(
      `${applyNo} to reach ${state}`,
      async () => {
        const a = await this.get(applyNo);
        return a.state === state ? a : undefined;
      },
      timeoutMs,
      200,
    );
  }
}
