/** A multipart/form-data body built with FormData, for `app.inject` (uploads in tests). */
export async function multipartBody(fields: Record<string, string>, file?: { name: string; content: Buffer | string; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.content], { type: file.type ?? 'application/octet-stream' }), file.name);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? '' };
}
