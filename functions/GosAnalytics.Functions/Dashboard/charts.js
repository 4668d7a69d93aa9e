// GosAnalytics dashboard, charts: line charts over metric days on the bundled uPlot (npm uplot, inlined like this file; no CDN).
// GA.charts.line(options) returns a <figure> at once; the chart is drawn when the figure is laid out (and redrawn when its width
// changes), so a view may build it before it is in the page. Every chart has a text summary beside it for screen readers and print.
//
//   GA.charts.line({
//     id: 'trend-index',                       // the figure's id (optional)
//     title: 'Индекс качества',                // caption
//     days: ['2026-11-18', '2026-11-19', …],   // metric days (Moscow calendar dates), oldest first: the x axis
//     series: [{ label: 'Индекс', values: [52.3, null, …] }, …],   // one value (or null: no value that day) per day
//     format: GA.fmtScore,                     // how values are written (axis, legend, summary); default GA.fmtTwo
//     invert: false,                           // true for ranks: 1 at the top
//     min: 0, max: 100,                        // fixed y range (optional; otherwise from the data)
//     height: 200,
//   })
'use strict';

(() => {
  const GA = window.GA;
  const { el, isNumber, fmtTwo, fmtDay, integer } = GA;
  const DAY = 86400;
  const COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#b83280', '#6b46c1', '#c53030', '#2c7a7b', '#975a16'];
  // Axis ticks fall on whole days (x values are UTC midnights of the metric days, shown as those calendar dates).
  const DAY_STEPS = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364].map(d => d * DAY);
  // A place is a whole number: its axis steps are whole too (fractional steps printed as integers read «1, 1, 2, 2»).
  const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000];
  // The room a day label («28 нояб.») needs: a narrower chart labels every second or third day instead of overlapping them.
  const DAY_LABEL_SPACE = 72;
  const tickDate = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const legendDate = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  const seconds = day => { const d = GA.dayValue(day); return d ? d.getTime() / 1000 : null; };
  const utc = ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

  /** One Russian sentence per series: first and last value with their days, lowest and highest. */
  function summarise(options, format) {
    const parts = options.series.map(s => {
      const known = s.values.map((v, i) => [v, options.days[i]]).filter(([v]) => isNumber(v));
      if (known.length === 0) return `${s.label}: нет значений.`;
      const [first, firstDay] = known[0];
      const [last, lastDay] = known[known.length - 1];
      const values = known.map(([v]) => v);
      const low = Math.min(...values), high = Math.max(...values);
      const better = options.invert ? low : high, worse = options.invert ? high : low;
      return known.length === 1
        ? `${s.label}: ${format(last)} (${fmtDay(lastDay)}).`
        : `${s.label}: ${format(first)} (${fmtDay(firstDay)}) → ${format(last)} (${fmtDay(lastDay)}); лучшее ${format(better)}, худшее ${format(worse)}.`;
    });
    return parts.join(' ');
  }

  function line(options) {
    const format = options.format || fmtTwo;
    const height = options.height || 200;
    const days = options.days || [];
    const summary = el('p', { className: 'chart-summary', text: summarise(options, format) });
    const plotBox = el('div', { className: 'chart-plot', 'aria-hidden': 'true' });
    const figure = el('figure', { className: 'chart', id: options.id, dataset: { points: days.length } },
      el('figcaption', { text: options.title }), plotBox, summary);
    if (days.length === 0) {
      plotBox.hidden = true;
      return figure;
    }

    // Every calendar day from the first to the last, a day without a value a gap in the line (not a straight line across it).
    const x = days.map(seconds);
    const axis = [];
    for (let t = x[0]; t <= x[x.length - 1]; t += DAY) axis.push(t);
    const at = new Map(x.map((t, i) => [t, i]));
    const data = [axis, ...options.series.map(s => axis.map(t => (at.has(t) && isNumber(s.values[at.get(t)]) ? s.values[at.get(t)] : null)))];
    const last = axis.length - 1;
    const few = axis.length <= 60;
    const config = width => ({
      width,
      height,
      tzDate: utc,
      // Drag-to-zoom would change what the summary beside the chart says: the chart shows the whole window.
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: {
        x: { time: true, range: (u, min, max) => [min - DAY / 2, max + DAY / 2] },
        y: {
          dir: options.invert ? -1 : 1,
          range: (u, min, max) => {
            if (!isNumber(min) || !isNumber(max)) return [isNumber(options.min) ? options.min : 0, isNumber(options.max) ? options.max : 1];
            const lo = isNumber(options.min) ? options.min : options.invert ? 1 : min - Math.max(1, (max - min) * 0.1);
            const hi = isNumber(options.max) ? options.max : max + Math.max(1, (max - min) * 0.1);
            return [Math.min(lo, min), Math.max(hi, max)];
          },
        },
      },
      axes: [
        { incrs: DAY_STEPS, space: DAY_LABEL_SPACE, values: (u, splits) => splits.map(s => tickDate.format(new Date(s * 1000))), stroke: '#5d6b7d', grid: { stroke: '#eef2f6' } },
        { incrs: options.invert ? WHOLE_STEPS : undefined, values: (u, splits) => splits.map(v => (options.invert ? integer.format(v) : format(v))), stroke: '#5d6b7d', grid: { stroke: '#eef2f6' }, size: 56 },
      ],
      legend: { show: true, live: true },
      // Without a cursor on the chart, the legend shows the last day's values.
      hooks: {
        ready: [u => u.setLegend({ idx: last })],
        // The axes are drawn on the canvas: their labels are also kept on the figure, so that they can be read and checked.
        draw: [u => {
          const shown = axis => (axis._values || []).filter(v => v !== null && v !== '').join('|');
          figure.dataset.xTicks = shown(u.axes[0]);
          figure.dataset.yTicks = shown(u.axes[1]);
        }],
        setCursor: [u => { if (u.cursor.idx === null || u.cursor.idx === undefined) u.setLegend({ idx: last }); }],
      },
      series: [
        { label: 'Дата', value: (u, ts) => (ts === null || ts === undefined ? '—' : legendDate.format(new Date(ts * 1000))) },
        ...options.series.map((s, i) => ({
          label: s.label,
          stroke: s.color || COLORS[i % COLORS.length],
          width: 2,
          spanGaps: false,
          points: { show: few, size: 5 },
          value: (u, v) => (isNumber(v) ? format(v) : '—'),
        })),
      ],
    });

    // Drawn once the figure has a width (it may be built before it is in the page), resized with it.
    let plot = null;
    const observer = new ResizeObserver(() => {
      const width = Math.floor(plotBox.clientWidth);
      if (width <= 0) return;
      if (!plot) plot = new uPlot(config(width), data, plotBox);
      else if (Math.abs(plot.width - width) >= 1) plot.setSize({ width, height });
    });
    observer.observe(plotBox);
    return figure;
  }

  GA.charts = Object.freeze({ line, summarise, COLORS });
})();
