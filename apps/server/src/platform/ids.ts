import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7): unique across instances and friendly to B-tree indexes. */
export const newId = (): string => v7();
