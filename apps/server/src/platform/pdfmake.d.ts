// The part of pdfmake (0.3, server side) that platform/pdf.ts uses. @types/pdfmake is not used: it pulls the DOM's
// lib into the server's types (its Blob and Buffer types then disagree with Node's).
declare module 'pdfmake' {
  type TFontFiles = { normal: string; bold: string; italics: string; bolditalics: string };
  const pdfmake: {
    addFonts(fonts: Record<string, TFontFiles>): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    createPdf(doc: object): { getBuffer(): Promise<Buffer> };
  };
  export default pdfmake;
}
