// The `workspace` section of settings.json: layout, table columns and the hotkey keymap.
// Checked like every other section; a keymap with a conflict is refused with its sentence.

import { z } from 'zod';
import { keymapProblems, parseChord, type Hotkey } from './hotkeys';
import type { TableColumns, WorkspaceSettings } from './model';

const chord = z.string().transform((raw, ctx) => {
  const parsed = parseChord(raw);
  if (parsed.ok) return parsed.chord;
  ctx.addIssue({ code: 'custom', message: parsed.reason, params: { names: 'value' } });
  return z.NEVER;
});

const hotkeySchema = z.strictObject({
  chord,
  action: z.string().trim().min(1).max(200),
}) satisfies z.ZodType<Hotkey>;

export const keymapSchema = z
  .array(hotkeySchema)
  .max(100)
  .superRefine((keymap, ctx) => {
    for (const message of keymapProblems(keymap)) ctx.addIssue({ code: 'custom', message, params: { names: 'all' } });
  });

const columnId = z.string().min(1).max(40);

const tableColumnsSchema = z.strictObject({
  order: z.array(columnId).max(60),
  hidden: z.array(columnId).max(60),
  sizes: z.record(columnId, z.number().min(16).max(2000)),
}) satisfies z.ZodType<TableColumns>;

export const workspaceSchema = z.strictObject({
  // The layout library checks its own shape when it loads; here only "an object or null".
  layout: z.record(z.string(), z.unknown()).nullable(),
  columns: z.record(columnId, tableColumnsSchema),
  hotkeys: keymapSchema,
}) satisfies z.ZodType<WorkspaceSettings>;
