/*
 * ECharts, imported piece by piece: the bar chart, the grid, tooltip and legend, and the canvas
 * renderer — not the whole library. Only the pages that draw a chart import this file, and those
 * pages are loaded on demand (a chunk of their own), so the consoles' first load does not carry it.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
export type { EChartsType } from 'echarts/core';
