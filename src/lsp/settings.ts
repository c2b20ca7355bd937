import { z } from 'zod';

/**
 * Settings of the language server itself (not of linting: those come from the config file that applies to each
 * document). Given as `initializationOptions` or pushed with `workspace/didChangeConfiguration` under `ddlguard`.
 */
export interface ServerSettings {
  /** How long to wait after the last change of a document before linting it again. */
  debounceMs: number;
  /** A database to read sizes and activity from, for live estimates (not used yet: a later release). */
  databaseUrl?: string;
}

export const DEFAULT_DEBOUNCE_MS = 200;

const settingsSchema = z.object({
  debounceMs: z.number().int().min(0).max(10_000).optional(),
  databaseUrl: z.string().min(1).optional(),
});

/** Reads the settings a client sent, keeping `current` for what it did not send or sent in a wrong shape. */
export function readSettings(raw: unknown, current: ServerSettings): ServerSettings {
  const source = isObject(raw) && isObject(raw.ddlguard) ? raw.ddlguard : raw;
  const parsed = settingsSchema.safeParse(source ?? {});
  if (!parsed.success) return current;
  const next: ServerSettings = { debounceMs: parsed.data.debounceMs ?? current.debounceMs };
  const databaseUrl = parsed.data.databaseUrl ?? current.databaseUrl;
  if (databaseUrl !== undefined) next.databaseUrl = databaseUrl;
  return next;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
