import { createChart, LineSeries, ColorType } from '../../lib/lightweight-charts/lightweight-charts.standalone.production.mjs';

const isDark = () => document.body.getAttribute('data-theme') === 'dark';

const chartOptions = dark => ({
  layout: {
    background: { type: ColorType.Solid, color: 'transparent' },
    textColor: dark ? '#d6d6d6' : '#424242',
    attributionLogo: true,
  },
  grid: {
    vertLines: { color: dark ? '#2e2e2e' : '#f0f0f0' },
    horzLines: { color: dark ? '#2e2e2e' : '#f0f0f0' },
  },
  rightPriceScale: { borderColor: dark ? '#3d3d3d' : '#e0e0e0' },
  timeScale: { borderColor: dark ? '#3d3d3d' : '#e0e0e0', timeVisible: true, secondsVisible: false },
});

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
