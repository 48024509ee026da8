/**
 * E-mail attachments by reference. The outbox keeps only what names the file (a quote's id and the file's name), and
 * the module that owns it renders the file when the worker delivers the mail: a row stays small however big the file,
 * a retry sends the same document again (renderers are deterministic), and nothing is rendered inside the
 * transaction that queued the mail. A module lists its renderers in its definition (`mailAttachments`).
 */

/** What an outbox row keeps of a file: which renderer (`kind`), what it renders (`ref`, e.g. an id) and the file's name. */
export interface TMailAttachmentRef {
  kind: string;
  ref: string;
  filename: string;
}

/** A rendered file, as nodemailer sends it. */
export interface TMailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** Renders one kind of file in one organisation; null when what it names is gone. */
export type TMailAttachmentRenderer = (orgId: string, ref: string) => Promise<{ content: Buffer; contentType: string } | null>;

/** The renderers of every module, by kind. */
export type TMailAttachmentRenderers = Readonly<Record<string, TMailAttachmentRenderer>>;

/**
 * The files of one mail. A kind nobody renders or a record that is gone fails the delivery (retried, then failed in
 * the outbox for an admin to see): a mail that promises a file is not sent without it.
 */
export async function renderAttachments(
  renderers: TMailAttachmentRenderers,
  orgId: string,
  refs: readonly TMailAttachmentRef[],
): Promise<TMailAttachment[]> {
  const files: TMailAttachment[] = [];
  for (const a of refs) {
    const render = renderers[a.kind];
    if (!render) throw new Error(`no renderer for attachments of kind "${a.kind}"`);
    const file = await render(orgId, a.ref);
    if (!file) throw new Error(`the attachment ${a.filename} (${a.kind}) no longer exists`);
    files.push({ filename: a.filename, ...file });
  }
  return files;
}
