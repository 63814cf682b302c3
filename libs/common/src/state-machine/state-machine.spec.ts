import { AppError } from '../errors/app-error';
import { ReturnCode } from '../errors/return-codes';
import { defineStateMachine, StateMachineDef } from './state-machine';
import { markdownTableUnder, renderStateTable, renderTransitionTable, stateMachineDocDifferences } from './state-machine-doc';

// A small machine of its own (a visitor pass: 访客证), so the kit is proved apart from the apps' machines.
type S = 'ISSUED' | 'IN_USE' | 'RETURNED';
type E = 'ISSUE' | 'ENTER' | 'RETURN';
type C = { passNo: string; photo?: boolean } | undefined;

const def: StateMachineDef<S, E, C> = {
  name: 'visitor pass',
  states: { ISSUED: '已发放', IN_USE: '使用中', RETURNED: '已归还' },
  transitions: [
    { event: 'ISSUE', from: [], to: 'ISSUED', label: '发放' },
    {
      event: 'ENTER',
      from: ['ISSUED', 'IN_USE'],
      to: 'IN_USE',
      label: '入园',
      guard: (c) => (c?.photo ? null : { code: ReturnCode.MISSING_PARAMETER, detail: 'photo', fields: { passNo: c?.passNo } }),
    },
    { event: 'RETURN', from: ['ISSUED', 'IN_USE'], to: 'RETURNED', label: '归还', refused: '无需归还' },
  ],
  refusal: {
    code: ReturnCode.CONFLICT,
    detail: ({ from, words, context }) => `访客证 ${context?.passNo ?? '?'} 状态为 ${from ?? '(none)'}，${words}`,
    fields: ({ from, event }) => ({ state: from, event }),
  },
};
const pass = defineStateMachine(def);

describe('state-machine kit', () => {
  it('keeps the states in the order of their labels and the rows in the order of the table', () => {
    expect(pass.name).toBe('visitor pass');
    expect(pass.states).toEqual(['ISSUED', 'IN_USE', 'RETURNED']);
    expect(pass.transitions.map((t) => t.event)).toEqual(['ISSUE', 'ENTER', 'RETURN']);
    expect([pass.stateLabel('IN_USE'), pass.eventLabel('RETURN')]).toEqual(['使用中', '归还']);
    expect(pass.transitionOf('RETURN')).toBe(def.transitions[2]);
  });

  it('allows an event with no source states only before the aggregate exists', () => {
    expect(pass.can(null, 'ISSUE')).toBe(true);
    for (const s of pass.states) expect(pass.can(s, 'ISSUE')).toBe(false);
    expect(pass.can(null, 'RETURN')).toBe(false);
    expect(pass.next(null, 'ISSUE')).toBe('ISSUED');
  });

  it('answers can, allowedFrom and targetOf from the table', () => {
    expect(pass.allowedFrom('RETURN')).toEqual(['ISSUED', 'IN_USE']);
    expect(pass.allowedFrom('ISSUE')).toEqual([]);
    expect(pass.targetOf('ENTER')).toBe('IN_USE');
    expect(pass.states.filter((s) => pass.can(s, 'RETURN'))).toEqual(['ISSUED', 'IN_USE']);
    expect(pass.next('IN_USE', 'RETURN')).toBe('RETURNED');
  });

  it("refuses an event the table does not allow with the machine code, the row's words (default 不能<label>) and fields", () => {
    const err = pass.refusalOf('RETURNED', 'RETURN', { passNo: 'P-7' });
    expect(err).toBeInstanceOf(AppError);
    expect([err?.code, err?.message, err?.fields]).toEqual([
      ReturnCode.CONFLICT,
      '当前状态不允许该操作：访客证 P-7 状态为 RETURNED，无需归还',
      { state: 'RETURNED', event: 'RETURN' },
    ]);
    expect(pass.refusalOf(null, 'ENTER')?.message).toBe('当前状态不允许该操作：访客证 ? 状态为 (none)，不能入园');
    let thrown: unknown;
    try {
      pass.next('RETURNED', 'RETURN', { passNo: 'P-7' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toEqual(err);
    expect((thrown as AppError).fields).toEqual(err?.fields);
  });

  it('asks the guard with the context, after the table', () => {
    const guarded = pass.refusalOf('ISSUED', 'ENTER', { passNo: 'P-8' });
    expect([guarded?.code, guarded?.message, guarded?.fields]).toEqual([ReturnCode.MISSING_PARAMETER, '参数缺失：photo', { passNo: 'P-8' }]);
    expect(() => pass.next('ISSUED', 'ENTER')).toThrow(expect.objectContaining({ name: 'AppError', code: ReturnCode.MISSING_PARAMETER }));
    expect(pass.refusalOf('RETURNED', 'ENTER', { passNo: 'P-8' })?.code).toBe(ReturnCode.CONFLICT);
    expect(pass.refusalOf('ISSUED', 'ENTER', { passNo: 'P-8', photo: true })).toBeNull();
    expect(pass.next('IN_USE', 'ENTER', { passNo: 'P-8', photo: true })).toBe('IN_USE');
    expect(pass.can('ISSUED', 'ENTER')).toBe(true);
  });

  it('treats an unknown event or a malformed table as a programming error, not an AppError', () => {
    expect(() => pass.can('ISSUED', 'LOSE' as E)).toThrow(new Error('unknown visitor pass event LOSE'));
    expect(() => pass.next('ISSUED', 'LOSE' as E)).toThrow(expect.not.objectContaining({ name: 'AppError' }));
    expect(() =>
      defineStateMachine({ ...def, transitions: [...def.transitions, { event: 'RETURN', from: ['IN_USE'], to: 'RETURNED', label: '归还' }] }),
    ).toThrow('visitor pass state machine: event RETURN has more than one row');
    expect(() => defineStateMachine({ ...def, transitions: [{ event: 'RETURN', from: ['LOST' as S], to: 'RETURNED', label: '归还' }] })).toThrow(
      'visitor pass state machine: event RETURN names unknown state LOST',
    );
  });
});

describe('state-machine doc tables', () => {
  const states = ['| state | label (shown to users) |', '|---|---|', '| ISSUED | 已发放 |', '| IN_USE | 使用中 |', '| RETURNED | 已归还 |'].join('\n');
  const transitions = [
    '| event | from | to | label |',
    '|---|---|---|---|',
    '| ISSUE | — | ISSUED | 发放 |',
    '| ENTER | ISSUED, IN_USE | IN_USE | 入园 |',
    '| RETURN | ISSUED, IN_USE | RETURNED | 归还 |',
  ].join('\n');

  it('renders the states and the transitions as Markdown tables, with an optional who column', () => {
    expect(renderStateTable(pass)).toBe(states);
    expect(renderTransitionTable(pass)).toBe(transitions);
    expect(renderTransitionTable(pass, { ENTER: 'guard, `POST /enter`' }).split('\n')).toEqual([
      '| event | from | to | label | who |',
      '|---|---|---|---|---|',
      '| ISSUE | — | ISSUED | 发放 |  |',
      '| ENTER | ISSUED, IN_USE | IN_USE | 入园 | guard, `POST /enter` |',
      '| RETURN | ISSUED, IN_USE | RETURNED | 归还 |  |',
    ]);
  });

  const page = (s: string, t: string): string =>
    `# Visitor passes\n\nProse.\n\n## States\n\n${s}\n\nMore prose.\n\n## Transitions\n\n${t}\n\nRETURNED is final.\n`;

  it('finds the table under a heading, and only there', () => {
    const md = page(states, renderTransitionTable(pass, { ISSUE: 'desk' }));
    expect(markdownTableUnder(md, 'States')).toEqual([
      ['state', 'label (shown to users)'],
      ['ISSUED', '已发放'],
      ['IN_USE', '使用中'],
      ['RETURNED', '已归还'],
    ]);
    expect(markdownTableUnder(md, 'Transitions')?.[1]).toEqual(['ISSUE', '—', 'ISSUED', '发放', 'desk']);
    expect(markdownTableUnder(md, 'Refusals')).toBeNull();
    expect(markdownTableUnder('## States\n\nnone yet\n\n## Transitions\n\n' + transitions, 'States')).toBeNull();
  });

  it('agrees with a page that holds the rendered tables, extra columns allowed', () => {
    expect(stateMachineDocDifferences(page(states, transitions), pass)).toEqual([]);
    expect(stateMachineDocDifferences(page(states, renderTransitionTable(pass, { ENTER: 'guard; refused otherwise: `2006 …`' })), pass)).toEqual([]);
  });

  it('names every row where the page and the machine differ', () => {
    const wrongLabel = states.replace('| IN_USE | 使用中 |', '| IN_USE | 使用 |');
    const swapped = transitions.replace('| ENTER | ISSUED, IN_USE |', '| ENTER | IN_USE, ISSUED |');
    expect(stateMachineDocDifferences(page(wrongLabel, swapped), pass)).toEqual([
      'States row 2: the page has | IN_USE | 使用 |, the machine | IN_USE | 使用中 |',
      'Transitions row 2: the page has | ENTER | IN_USE, ISSUED | IN_USE | 入园 |, the machine | ENTER | ISSUED, IN_USE | IN_USE | 入园 |',
    ]);
    const missingRow = transitions.replace('\n| RETURN | ISSUED, IN_USE | RETURNED | 归还 |', '');
    const extraRow = `${states}\n| LOST | 已遗失 |`;
    expect(stateMachineDocDifferences(page(extraRow, missingRow), pass)).toEqual([
      'States row 4: the page has | LOST | 已遗失 |, the machine (none)',
      'Transitions row 3: the page has (none), the machine | RETURN | ISSUED, IN_USE | RETURNED | 归还 |',
    ]);
    expect(stateMachineDocDifferences(page(states.replace('| state |', '| status |'), transitions), pass)).toEqual([
      'States header: the page has | status | label (shown to users) |, the machine | state | label (shown to users) |',
    ]);
    expect(stateMachineDocDifferences(`## States\n\n${states}\n`, pass)).toEqual(['no table under "## Transitions"']);
  });
});
