import { ColorType } from '../lib/lightweight-charts/lightweight-charts.standalone.production.mjs';

export const isDark = () => document.body.getAttribute('data-theme') === 'dark';

// Colours follow Fluent's light/dark palettes; the charts draw on canvas, so CSS variables can't reach them.
export const chartOptions = dark => ({
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
