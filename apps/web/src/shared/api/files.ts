import { apiErrorOf, NETWORK_ERROR } from './api-error';

/**
 * The two kinds of call the generated client cannot make well: a multipart upload that reports its
 * progress (fetch has no upload progress; XMLHttpRequest has), and opening a stored file as a blob
 * (a Bearer token cannot ride on `<img src>` or `<iframe src>`). Both send the session's token and
 * read the platform's coded errors exactly as the generated client does.
 */
export function uploadWithProgress<T>(url: string, file: File, token: string | null, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(NETWORK_ERROR());
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(apiErrorOf(new Response(null, { status: xhr.status }), body));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** A stored file as an object URL (revoke it when done), with its type. */
export async function openStoredFile(url: string, token: string | null): Promise<{ url: string; type: string; blob: Blob }> {
  let res: Response;
  try {
    res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw NETWORK_ERROR();
  }
  if (!res.ok) throw apiErrorOf(res, await res.json().catch(() => null));
  const blob = await res.blob();
  return { url: URL.createObjectURL(blob), type: blob.type, blob };
}
