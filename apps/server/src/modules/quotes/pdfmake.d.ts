// The few pdfmake (0.3, server build) calls the quotes module makes; @types/pdfmake pulls DOM typings into the server.
declare module 'pdfmake' {
  type TFont = { normal: string; bold: string; italics: string; bolditalics: string };
  interface TPdfMake {
    setFonts(fonts: Record<string, TFont>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: TPdfMake;
  export default pdfmake;
}
