/// <reference path="./pdfmake.d.ts" />
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';

/**
 * PDF documents with pdfmake, in Roboto as pdfmake ships it, read from node_modules: no network, no font download.
 * Nothing but those fonts may be read from disk and nothing fetched, so a document's text can never name a file or URL.
 */
const fontDir = path.dirname(createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
pdfmake.addFonts({
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
});
pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir + path.sep));
pdfmake.setUrlAccessPolicy(() => false);

/** A pdfmake node: text, a stack, columns, a table, a canvas … (pdfmake's document definition, loosely typed). */
export type TPdfContent = string | TPdfContent[] | { [key: string]: unknown };

/** Renders a pdfmake document definition (`content`, `styles`, `pageSize` …) to the PDF's bytes. */
export async function renderPdf(doc: { content: TPdfContent[]; [key: string]: unknown }): Promise<Buffer> {
  return pdfmake.createPdf({ ...doc, defaultStyle: { font: 'Roboto', ...(doc.defaultStyle as object | undefined) } }).getBuffer();
}
