import { createChart, LineSeries } from '../../lib/lightweight-charts/lightweight-charts.standalone.production.mjs';
import { isDark, chartOptions } from '../../js/chart-theme.js';

export function create(host, lines) {
  const chart = createChart(host, { autoSize: true, ...chartOptions(isDark()) });
  let series = [];
  const setSeries = next => {
    series.forEach(s => chart.removeSeries(s));
    series = next.map(line => {
      const s = chart.addSeries(LineSeries, {
        color: line.color,
        lineWidth: 2,
        title: line.name,
        priceFormat: { type: 'price', precision: line.precision, minMove: Math.pow(10, -line.precision) },
      });
      s.setData(line.points);
      return s;
    });
    chart.timeScale().fitContent();
  };
  setSeries(lines);
  const onTheme = e => chart.applyOptions(chartOptions(e.detail.isDark));
  document.body.addEventListener('themeChanged', onTheme);
  return {
    setSeries,
    dispose: () => {
      document.body.removeEventListener('themeChanged', onTheme);
      chart.remove();
    },
  };
}
