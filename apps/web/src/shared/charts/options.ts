/** One slice of a pie, one bar of a chart: a key, what the screen calls it and its count. */
export interface ChartEntry {
  key: string;
  label: string;
  value: number;
}

/** A ring chart of counts, the legend below it naming every non-empty slice (the page's table carries the numbers). */
export const pieOption = (list: ChartEntry[], colours?: Record<string, string>) => ({
  tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
  legend: { bottom: 0, type: 'scroll' },
  series: [
    {
      type: 'pie',
      radius: ['35%', '65%'],
      center: ['50%', '44%'],
      label: { show: false }, // the legend and the table name them
      data: list
        .filter((e) => e.value > 0)
        .map((e) => ({ name: e.label, value: e.value, itemStyle: colours?.[e.key] ? { color: colours[e.key] } : undefined })),
    },
  ],
});

/** "label value, …" for a chart's accessible name */
export const chartWords = (list: ChartEntry[]): string => list.map((e) => `${e.label} ${e.value}`).join('，') || '无';
