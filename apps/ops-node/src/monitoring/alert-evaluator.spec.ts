import { AlertSeverity, ResourceClass } from '@app/ops-contract';
import { evaluate, openKeyOf, Threshold } from './alert-evaluator';

const t: Threshold = { id: 7, metric: 'cpu.usage', resourceClass: ResourceClass.NETWORK_DEVICE, resourceId: null, comparator: '>=', value: 90, severity: AlertSeverity.MAJOR };
const classes = new Map([['NET-1', ResourceClass.NETWORK_DEVICE], ['DB-1', ResourceClass.DATABASE]]);
const s = (resourceId: string, value: number) => ({ resourceId, subResourceId: '', metric: 'cpu.usage', value, unit: '%' });

describe('threshold alert evaluation', () => {
  it('raises once when a sample crosses and nothing is open', () => {
    const d = evaluate([s('NET-1', 95)], [t], classes, new Map());
    expect(d).toEqual([expect.objectContaining({ kind: 'raise', openKey: '7|NET-1|' })]);
  });

  it('does not raise again while the alert is open, and resolves when the value comes back', () => {
    const open = new Map([[openKeyOf(7, s('NET-1', 0)), { alertId: 'A1', openKey: '7|NET-1|' }]]);
    expect(evaluate([s('NET-1', 97)], [t], classes, open)).toEqual([]);
    expect(evaluate([s('NET-1', 40)], [t], classes, open)).toEqual([expect.objectContaining({ kind: 'resolve', alertId: 'A1' })]);
  });

  it('respects the resource class filter of the threshold', () => {
    expect(evaluate([s('DB-1', 99)], [t], classes, new Map())).toEqual([]);
  });
});
