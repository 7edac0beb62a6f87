import { createChart, CandlestickSeries, ColorType } from '../../lib/lightweight-charts/lightweight-charts.standalone.production.mjs';

const isDark = () => document.body.getAttribute('data-theme') === 'dark';

// Colours follow Fluent's light/dark palettes; the chart draws on canvas, so CSS variables can't reach it.
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

const seriesOptions = dark => ({
  upColor: dark ? '#54b054' : '#107c10',
  downColor: dark ? '#dc626d' : '#c50f1f',
  borderVisible: false,
  wickUpColor: dark ? '#54b054' : '#107c10',
  wickDownColor: dark ? '#dc626d' : '#c50f1f',
});

export function create(host, candles) {
  const chart = createChart(host, { autoSize: true, ...chartOptions(isDark()) });
  const series = chart.addSeries(CandlestickSeries, seriesOptions(isDark()));
  series.setData(candles);
  chart.timeScale().fitContent();
  // Fluent's ThemeService raises this on <body> at every switch: no .NET round trip needed.
  const onTheme = e => {
    chart.applyOptions(chartOptions(e.detail.isDark));
    series.applyOptions(seriesOptions(e.detail.isDark));
  };
  document.body.addEventListener('themeChanged', onTheme);
  return {
    setData: data => { series.setData(data); chart.timeScale().fitContent(); },
    update: candle => series.update(candle),
    dispose: () => {
      document.body.removeEventListener('themeChanged', onTheme);
      chart.remove();
    },
  };
}
