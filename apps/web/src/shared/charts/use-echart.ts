import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { init, type ECharts } from 'echarts/core';

/**
 * The life of one ECharts instance in a component: made on mount in `el`, drawn by `draw` then and
 * whenever the component asks (`redraw`), resized with the window, disposed on unmount. A resize at a
 * momentary zero size (a full-page screenshot or a print preview resizes the window) is skipped: the
 * graph view of ECharts throws on a zero rectangle, the next real resize redraws. Each chart component
 * registers its own chart types with `use()` (echarts/core), so a page loads only what it draws.
 */
export function useEChart(el: Ref<HTMLElement | undefined | null>, draw: (chart: ECharts) => void, setup?: (chart: ECharts) => void) {
  let chart: ECharts | undefined;
  const redraw = () => {
    if (chart) draw(chart);
  };
  const resize = () => {
    if (!chart || !el.value?.clientWidth || !el.value.clientHeight) return;
    chart.resize();
    draw(chart);
  };
  onMounted(() => {
    if (!el.value) return;
    chart = init(el.value, undefined, { renderer: 'canvas' });
    setup?.(chart);
    draw(chart);
    window.addEventListener('resize', resize);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize);
    chart?.dispose();
    chart = undefined;
  });
  return { redraw };
}
