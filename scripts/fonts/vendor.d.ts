// Types for the two untyped font tools the generator uses (devDependencies, build time only).
declare module 'subset-font' {
  interface SubsetOptions {
    targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
    preserveNameIds?: number[];
    keepFeatures?: string[];
    variationAxes?: Record<string, number | { min: number; max: number; default?: number }>;
    noLayoutClosure?: boolean;
  }
  export default function subsetFont(font: Uint8Array, text: string, options?: SubsetOptions): Promise<Buffer>;
}
declare module 'fontverter' {
  export function convert(font: Uint8Array, to: 'sfnt' | 'truetype' | 'woff' | 'woff2', from?: string): Promise<Buffer>;
}
