import { readFileSync } from 'node:fs';
import { StateMachine } from './state-machine';

/**
 * A machine's doc page (docs/<aggregate>-states.md) holds its two tables under `## States` and
 * `## Transitions`, as renderStateTable and renderTransitionTable write them; the page may add
 * columns after the rendered ones (who triggers the event, the refusal's words). The machine specs
 * check a page with stateMachineDocDifferences, so the page and the code change together.
 */

const NONE = '—';

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [row(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(row)].join('\n');

export function renderStateTable<S extends string, E extends string, C>(machine: StateMachine<S, E, C>): string {
  return table(
    ['state', 'label (shown to users)'],
    machine.states.map((s) => [s, machine.stateLabel(s)]),
  );
}

/** The transitions, one row per event; `notes` adds a last column `who` (who triggers it, how it is refused). */
export function renderTransitionTable<S extends string, E extends string, C>(machine: StateMachine<S, E, C>, notes?: Partial<Record<E, string>>): string {
  const header = ['event', 'from', 'to', 'label', ...(notes ? ['who'] : [])];
  return table(
    header,
    machine.transitions.map((t) => [t.event, t.from.length === 0 ? NONE : t.from.join(', '), t.to, t.label, ...(notes ? [notes[t.event] ?? ''] : [])]),
  );
}

const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

const isSeparator = (cells: readonly string[]): boolean => cells.every((c) => /^:?-+:?$/.test(c));

/** The cells of the table that starts at the first line starting with `|` (header row included, separator left out). */
function tableCells(lines: readonly string[]): string[][] {
  const first = lines.findIndex((l) => l.trim().startsWith('|'));
  if (first < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.trim().startsWith('|')) break;
    const cells = cellsOf(line);
    if (!isSeparator(cells)) rows.push(cells);
  }
  return rows;
}

/** The cells of the first table between the `## <heading>` line and the next heading; null without one. */
export function markdownTableUnder(markdown: string, heading: string): string[][] | null {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^#{1,6} /.test(l.trim()));
  const rows = tableCells(end < 0 ? rest : rest.slice(0, end));
  return rows.length > 0 ? rows : null;
}

/**
 * Where the page's tables differ from the machine's (first the rendered columns of each row, in
 * order): one line per difference, none when they agree.
 */
export function stateMachineDocDifferences<S extends string, E extends string, C>(markdown: string, machine: StateMachine<S, E, C>): string[] {
  const out: string[] = [];
  for (const [heading, rendered] of [
    ['States', renderStateTable(machine)],
    ['Transitions', renderTransitionTable(machine)],
  ] as const) {
    const want = tableCells(rendered.split('\n'));
    const got = markdownTableUnder(markdown, heading);
    if (!got) {
      out.push(`no table under "## ${heading}"`);
      continue;
    }
    const width = want[0].length;
    for (let i = 0; i < Math.max(want.length, got.length); i++) {
      const w = want[i] ? row(want[i]) : '(none)';
      const g = got[i] ? row(got[i].slice(0, width)) : '(none)';
      if (w !== g) out.push(`${heading} ${i === 0 ? 'header' : `row ${i}`}: the page has ${g}, the machine ${w}`);
    }
  }
  return out;
}

/** The spec helper: the differences between the doc page at `path` and the machine (see stateMachineDocDifferences). */
export function stateMachineDocFileDifferences<S extends string, E extends string, C>(path: string, machine: StateMachine<S, E, C>): string[] {
  return stateMachineDocDifferences(readFileSync(path, 'utf8'), machine);
}
