import path from 'node:path';
import type { Dialect } from '../../parse/types.js';
import type { FsCache } from '../fs-cache.js';
import type { Direction, FileSection, LayoutName, TransactionConvention } from '../types.js';

/** How a file splits into sections: one section over the whole text, or sections already measured. */
export type SectionPlan =
  | { kind: 'whole'; direction: Direction; transaction: TransactionConvention }
  | { kind: 'split'; sections: FileSection[] };

/** What a layout knows about one file before the file is read for linting. */
export interface PlannedFile {
  absolutePath: string;
  layout: LayoutName;
  dialect?: Dialect;
  version?: string;
  name?: string;
  sections: SectionPlan;
  downAbsolutePath?: string;
  layoutHasDown: boolean;
  shadowedFor?: Dialect[];
}

export interface LayoutResult {
  /** The files the layout runs, in migration order. */
  files: PlannedFile[];
  /** Files of the set the layout does not recognise; they are listed after the others as plain files. */
  unrecognised: string[];
}

/** A set of migration files: one folder (or, for Prisma/Diesel/Sqitch, one folder of migration folders). */
export interface LayoutInput {
  /** The folder that holds the set. */
  root: string;
  /** Absolute paths of the set's files on disk (not only the ones asked for: detection and pairing need all). */
  candidates: string[];
  fs: FsCache;
}

export function whole(direction: Direction, transaction: TransactionConvention): SectionPlan {
  return { kind: 'whole', direction, transaction };
}

export function baseName(absolutePath: string): string {
  return path.basename(absolutePath);
}

/** The version with leading zeros removed, so `001` and `1` pair up as the tools that parse numbers do. */
export function numericKey(version: string): string {
  const stripped = version.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}
