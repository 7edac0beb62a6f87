import { createChart, createSeriesMarkers, CandlestickSeries, HistogramSeries, LineSeries, LineStyle } from '../../lib/lightweight-charts/lightweight-charts.standalone.production.mjs';
import { isDark, chartOptions } from '../../js/chart-theme.js';

// A filled 90 % band between two lines: lightweight-charts has no band series, so this series primitive paints the
// polygon under the series it is attached to, from the chart's own coordinates.
class ForecastBand {
  constructor(color) {
    this._lower = [];
    this._upper = [];
    this._color = color;
    const band = this;
    this._view = {
      zOrder: () => 'bottom',
      renderer: () => ({ draw: target => band._draw(target) }),
    };
  }

  attached({ chart, series, requestUpdate }) {
    this._chart = chart;
    this._series = series;
    this._requestUpdate = requestUpdate;
  }

  detached() {
    this._chart = this._series = this._requestUpdate = undefined;
  }

  paneViews() {
    return [this._view];
  }

  setData(lower, upper) {
    this._lower = lower;
    this._upper = upper;
    this._requestUpdate?.();
  }

  setColor(color) {
    this._color = color;
    this._requestUpdate?.();
  }

  _draw(target) {
    if (!this._chart || this._upper.length < 2) {
      return;
    }
    const timeScale = this._chart.timeScale();
    const toXY = p => [timeScale.timeToCoordinate(p.time), this._series.priceToCoordinate(p.value)];
    const edge = [...this._upper.map(toXY), ...[...this._lower].reverse().map(toXY)];
    if (edge.some(([x, y]) => x === null || y === null)) {
      return;
    }
    target.useMediaCoordinateSpace(({ context }) => {
      context.beginPath();
      edge.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
      context.closePath();
      context.fillStyle = this._color;
      context.fill();
    });
  }
}

const seriesOptions = dark => ({
  upColor: dark ? '#54b054' : '#107c10',
  downColor: dark ? '#dc626d' : '#c50f1f',
  borderVisible: false,
  wickUpColor: dark ? '#54b054' : '#107c10',
  wickDownColor: dark ? '#dc626d' : '#c50f1f',
});

// The candles take the top ~75 %, the volume histogram the bottom 20 %, on a scale of its own (no labels: the legend
// tells a bar's volume), so tall volume never covers prices.
const candleMargins = { scaleMargins: { top: 0.08, bottom: 0.25 } };
const volumeScale = { scaleMargins: { top: 0.8, bottom: 0 }, visible: false };
const volumeOptions = { priceScaleId: 'volume', priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false };
// The candles' colours, faded so the histogram stays in the background.
const volumeColor = (dark, up) => (up ? (dark ? 'rgba(84, 176, 84, 0.45)' : 'rgba(16, 124, 16, 0.35)') : (dark ? 'rgba(220, 98, 109, 0.45)' : 'rgba(197, 15, 31, 0.35)'));
// A bar without volume (a source that sends none) is whitespace: no column, rather than a row of zeros.
const volumeBar = (c, dark) => (c.volume > 0 ? { time: c.time, value: c.volume, color: volumeColor(dark, c.close >= c.open) } : { time: c.time });

const formatPrice = p => p.toLocaleString('en-US', p >= 1 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumSignificantDigits: 4 });
const formatVolume = v => (v >= 1e9 ? `${(v / 1e9).toFixed(2)}B` : v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(2)}K`
  : v.toLocaleString('en-US', { maximumSignificantDigits: 4 }));

// Fluent's brand blue (light: brand 80, dark: brand 100) for the forecast, amber for anomalies.
const forecastColor = dark => (dark ? '#479ef5' : '#0f6cbd');
const bandColor = dark => (dark ? 'rgba(71, 158, 245, 0.20)' : 'rgba(15, 108, 189, 0.13)');
const anomalyColor = dark => (dark ? '#f2c661' : '#bc4b09');
const centralOptions = dark => ({ color: forecastColor(dark), lineWidth: 2, lineStyle: LineStyle.Dashed });
const edgeOptions = dark => ({ color: bandColor(dark), lineWidth: 1 });
const quiet = { priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false };
const MinBars = 40;
// The forecast fan beyond the last candle takes at most this share of the width, whatever its horizon (4 h is 240 bars
// at 1m), so it never pushes the candles off the chart.
const MaxFanShare = 0.2;
// A day of 1-minute bars and its fan on a phone is ~0.2 px a bar; the default minimum (0.5) would cut the day short.
const timeScaleOptions = { minBarSpacing: 0.1, lockVisibleTimeRangeOnResize: true };

// visibleBars: how many of the newest candles to show when the chart opens or gets new data.
export function create(host, candles, visibleBars) {
  const chart = createChart(host, { autoSize: true, ...chartOptions(isDark()) });
  chart.timeScale().applyOptions(timeScaleOptions);
  const series = chart.addSeries(CandlestickSeries, seriesOptions(isDark()));
  series.priceScale().applyOptions(candleMargins);
  const volume = chart.addSeries(HistogramSeries, volumeOptions);
  volume.priceScale().applyOptions(volumeScale);
  const legend = document.createElement('div');
  legend.className = 'chart-legend';
  legend.dataset.testid = 'chart-legend';
  host.appendChild(legend);
  let bars = [];
  const lower = chart.addSeries(LineSeries, { ...quiet, ...edgeOptions(isDark()), title: '' });
  const upper = chart.addSeries(LineSeries, { ...quiet, ...edgeOptions(isDark()), title: '' });
  const central = chart.addSeries(LineSeries, { ...quiet, ...centralOptions(isDark()), lastValueVisible: true, title: 'forecast' });
  const band = new ForecastBand(bandColor(isDark()));
  upper.attachPrimitive(band);
  const markers = createSeriesMarkers(series, []);
  let flags = [];
  const barTimes = new Set();

  // A marker on a time the series has no bar for would float; keep only flags over drawn bars.
  const showMarkers = () => {
    const dark = isDark();
    const shown = flags.filter(f => barTimes.has(f.time)).map(f => ({
      time: f.time, position: 'aboveBar', shape: 'arrowDown', color: anomalyColor(dark), text: f.text,
    }));
    markers.setMarkers(shown);
    host.dataset.markers = String(shown.length);
  };
  const showVolume = () => {
    const dark = isDark();
    volume.setData(bars.map(c => volumeBar(c, dark)));
    host.dataset.volumeBars = String(bars.filter(c => c.volume > 0).length);
  };
  // O H L C V of the bar under the crosshair, or of the last bar; V in base-asset units, '–' where nothing was reported.
  let hovered;
  const showLegend = bar => {
    legend.textContent = bar
      ? `O ${formatPrice(bar.open)}  H ${formatPrice(bar.high)}  L ${formatPrice(bar.low)}  C ${formatPrice(bar.close)}  V ${bar.volume > 0 ? formatVolume(bar.volume) : '–'}`
      : '';
  };
  const setCandles = data => {
    bars = data;
    series.setData(data);
    showVolume();
    showLegend(bars.at(-1));
    barTimes.clear();
    data.forEach(c => barTimes.add(c.time));
    showMarkers();
  };
  const onCrosshair = param => {
    hovered = param.time === undefined ? undefined : bars.find(c => c.time === param.time);
    showLegend(hovered ?? bars.at(-1));
  };
  chart.subscribeCrosshairMove(onCrosshair);

  // The view is set, not fitted: fitContent() stretched a fresh store's few candles over the whole width, and a 4 h fan
  // added after it scrolled the oldest candles away. The newest visibleBars candles (at least the width of MinBars,
  // drawn at the right), then as much of the fan as MaxFanShare allows. Until the user drags or zooms: from then on the
  // view is theirs, until new data (another interval or source) frames it again.
  let shownBars = visibleBars;
  let fanTimes = [];
  let touched = false;
  const frame = () => {
    if (touched || bars.length === 0) return;
    const timeScale = chart.timeScale();
    const last = timeScale.timeToIndex(bars.at(-1).time, true);
    if (last === null) return;
    const shown = Math.max(MinBars, Math.min(bars.length, shownBars));
    const fanEnd = fanTimes.length === 0 ? last : Math.max(last, timeScale.timeToIndex(fanTimes.at(-1), true));
    const fan = Math.min(fanEnd - last, Math.floor(shown * MaxFanShare / (1 - MaxFanShare)));
    timeScale.setVisibleLogicalRange({ from: last - shown + 0.5, to: last + fan + 1 });
    showView(timeScale.getVisibleRange());
  };
  const interacted = () => { touched = true; };
  host.addEventListener('pointerdown', interacted);
  host.addEventListener('wheel', interacted, { passive: true });
  // What is in view, for tests and anyone inspecting the page: candles, of which with volume, and fan bars.
  const showView = range => {
    if (!range) return;
    const inView = t => t >= range.from && t <= range.to;
    const lastTime = bars.at(-1)?.time ?? -Infinity;
    host.dataset.candlesInView = String(bars.filter(c => inView(c.time)).length);
    host.dataset.volumeInView = String(bars.filter(c => c.volume > 0 && inView(c.time)).length);
    host.dataset.forecastInView = String(fanTimes.filter(t => t > lastTime && inView(t)).length);
  };
  chart.timeScale().subscribeVisibleTimeRangeChange(showView);
  setCandles(candles);
  frame();
  // Fluent's ThemeService raises this on <body> at every switch: no .NET round trip needed.
  const onTheme = e => {
    const dark = e.detail.isDark;
    chart.applyOptions(chartOptions(dark));
    series.applyOptions(seriesOptions(dark));
    showVolume();
    central.applyOptions(centralOptions(dark));
    lower.applyOptions(edgeOptions(dark));
    upper.applyOptions(edgeOptions(dark));
    band.setColor(bandColor(dark));
    showMarkers();
  };
  document.body.addEventListener('themeChanged', onTheme);
  return {
    setData: (data, visible) => {
      setCandles(data);
      shownBars = visible;
      touched = false;
      frame();
    },
    update: candle => {
      series.update(candle);
      volume.update(volumeBar(candle, isDark()));
      if (bars.at(-1)?.time === candle.time) bars[bars.length - 1] = candle;
      else bars.push(candle);
      host.dataset.volumeBars = String(bars.filter(c => c.volume > 0).length);
      if (hovered === undefined) showLegend(candle);
      if (!barTimes.has(candle.time)) {
        barTimes.add(candle.time);
        showMarkers();
        frame();
      }
    },
    // forecast: { central, lower, upper }, each [{ time, value }] on the bar grid; empty lists clear it.
    setForecast: forecast => {
      central.setData(forecast.central);
      lower.setData(forecast.lower);
      upper.setData(forecast.upper);
      band.setData(forecast.lower, forecast.upper);
      host.dataset.forecastPoints = String(forecast.central.length);
      fanTimes = forecast.central.map(p => p.time);
      frame();
    },
    // flags: [{ time, text }] at bar starts.
    setMarkers: data => { flags = data; showMarkers(); },
    dispose: () => {
      document.body.removeEventListener('themeChanged', onTheme);
      host.removeEventListener('pointerdown', interacted);
      host.removeEventListener('wheel', interacted);
      chart.timeScale().unsubscribeVisibleTimeRangeChange(showView);
      chart.unsubscribeCrosshairMove(onCrosshair);
      chart.remove();
      legend.remove();
    },
  };
}
