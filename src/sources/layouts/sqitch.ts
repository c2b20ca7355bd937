import path from 'node:path';
import { whole, type LayoutInput, type LayoutResult, type PlannedFile } from './plan.js';

/**
 * Sqitch (https://sqitch.org/docs/manual/sqitch-plan/): a `sqitch.plan` file next to `deploy/`, `revert/` and
 * `verify/` folders. Each plan line `name [deps] date planner <email> # note` is a change whose scripts are
 * `deploy/<name>.sql` (up) and `revert/<name>.sql` (down); verify scripts are checks, not migrations, and are not
 * listed. Changes run in plan order. A change planned again later (reworked) keeps its earlier scripts as
 * `<name>@<tag>.sql`, the tag being the first one after the earlier line. Sqitch scripts usually open and commit
 * their own transaction, so Sqitch itself adds none.
 */
export const SQITCH_PLAN = 'sqitch.plan';
export const SQITCH_FOLDERS = ['deploy', 'revert', 'verify'] as const;

type PlanLine = { kind: 'change'; name: string } | { kind: 'tag'; name: string };

/** Reads the plan's changes and tags in order; skips `%` pragmas, comments and blank lines. */
export function parseSqitchPlan(text: string): PlanLine[] {
  const lines: PlanLine[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('%') || line.startsWith('#')) continue;
    const first = line.split(/\s+/)[0] ?? '';
    if (first.startsWith('@')) {
      lines.push({ kind: 'tag', name: first.slice(1) });
      continue;
    }
    // `-name` (an old-style revert entry) removes nothing we lint; `+name` is an old-style deploy entry.
    if (first.startsWith('-')) continue;
    const name = first.startsWith('+') ? first.slice(1) : first;
    if (name !== '') lines.push({ kind: 'change', name });
  }
  return lines;
}

/** The script name (without `.sql`) of each planned change, in plan order, following reworks. */
export function sqitchScriptNames(plan: readonly PlanLine[]): Array<{ change: string; script: string }> {
  const scripts: Array<{ change: string; script: string }> = [];
  plan.forEach((line, index) => {
    if (line.kind !== 'change') return;
    const reworkedLater = plan.slice(index + 1).some((later) => later.kind === 'change' && later.name === line.name);
    if (!reworkedLater) {
      scripts.push({ change: line.name, script: line.name });
      return;
    }
    const tag = plan.slice(index + 1).find((later) => later.kind === 'tag');
    scripts.push({ change: line.name, script: tag === undefined ? line.name : `${line.name}@${tag.name}` });
  });
  return scripts;
}

export async function planSqitch(input: LayoutInput): Promise<LayoutResult> {
  let planText = '';
  try {
    planText = await input.fs.readText(path.join(input.root, SQITCH_PLAN));
  } catch {
    // An unreadable plan orders nothing: every script is listed as a plain file.
  }
  const candidates = new Set(input.candidates);
  const used = new Set<string>();
  const files: PlannedFile[] = [];
  for (const { change, script } of sqitchScriptNames(parseSqitchPlan(planText))) {
    const deploy = path.join(input.root, 'deploy', `${script}.sql`);
    const revert = path.join(input.root, 'revert', `${script}.sql`);
    const hasRevert = candidates.has(revert) && !used.has(revert);
    if (candidates.has(deploy) && !used.has(deploy)) {
      const up: PlannedFile = {
        absolutePath: deploy,
        layout: 'sqitch',
        name: change,
        sections: whole('up', 'none'),
        layoutHasDown: true,
      };
      if (hasRevert) up.downAbsolutePath = revert;
      files.push(up);
      used.add(deploy);
    }
    if (hasRevert) {
      files.push({ absolutePath: revert, layout: 'sqitch', name: change, sections: whole('down', 'none'), layoutHasDown: true });
      used.add(revert);
    }
  }
  const verifyFolder = path.join(input.root, 'verify') + path.sep;
  const unrecognised = input.candidates.filter(
    (candidate) => !used.has(candidate) && !candidate.startsWith(verifyFolder),
  );
  return { files, unrecognised };
}
