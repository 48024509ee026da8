import { uniq } from '../../platform/access/route-spec.ts';

/**
 * Test factory of the imports module: a multipart/form-data upload of a CSV file, built by hand so
 * request bodies stay synchronous (the access matrix builds them on the fly).
 */
export function importUpload(entity: string, content: string, fileName = 'accounts.csv', extraFields: Record<string, string> = {}) {
  const boundary = `----c365test${uniq()}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body =
    field('entity', entity) +
    Object.entries(extraFields)
      .map(([k, v]) => field(k, v))
      .join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
