// GosAnalytics dashboard, trends: the page profile's charts (index, places, components, posts per week, answered share) from
// GET /api/pages/{platform}/{pageId}/history, for the profile's period, drawn with GA.charts.
'use strict';

(() => {
  const GA = window.GA;
  const { el, fmtScore, fmtOne, fmtPercent, componentName, errorBox, getJson, PERIOD_SPANS } = GA;
  const DAYS = 90;

  function charts(history) {
    const items = history.items || [];
    const days = items.map(d => d.metricDay);
    const components = GA.REF.components.filter(key => items.some(d => key in (d.components || {})));
    return [
      GA.charts.line({ id: 'trend-index', title: 'Индекс качества', days, series: [{ label: 'Индекс', values: items.map(d => d.index) }], format: fmtScore, min: 0, max: 100 }),
      GA.charts.line({ id: 'trend-region-rank', title: `Место в регионе (из ${GA.fmtInt(items.length ? items[items.length - 1].regionTotal : null)})`, days, invert: true, format: GA.fmtInt,
        series: [{ label: 'Место в регионе', values: items.map(d => d.regionRank) }] }),
      GA.charts.line({ id: 'trend-national-rank', title: `Место в России (из ${GA.fmtInt(items.length ? items[items.length - 1].nationalTotal : null)})`, days, invert: true, format: GA.fmtInt,
        series: [{ label: 'Место в России', values: items.map(d => d.nationalRank) }] }),
      GA.charts.line({ id: 'trend-components', title: 'Компоненты индекса', days, format: fmtScore, min: 0, max: 100, height: 240,
        series: components.map(key => ({ label: componentName(key), values: items.map(d => (d.components || {})[key]) })) }),
      GA.charts.line({ id: 'trend-posts', title: 'Постов в неделю', days, format: fmtOne, min: 0,
        series: [{ label: 'Постов в неделю', values: items.map(d => d.metrics.postsPerWeek) }] }),
      GA.charts.line({ id: 'trend-answered', title: 'Доля отвеченных комментариев граждан', days, format: fmtPercent, min: 0, max: 1,
        series: [{ label: 'Доля отвеченных', values: items.map(d => d.metrics.answeredShare) }] }),
    ];
  }

  GA.profileSections.push(profile => {
    const box = el('section', { className: 'trends', id: 'profile-trends', 'aria-busy': 'true' }, el('p', { className: 'note', text: 'Загрузка динамики…' }));
    const path = `pages/${encodeURIComponent(profile.platform)}/${encodeURIComponent(profile.pageId)}/history`;
    getJson(path, { period: profile.period, days: DAYS }).then(history => {
      const items = history.items || [];
      const note = items.length < 2
        ? 'Динамика появится, когда накопится больше одного дня расчётов: каждая точка — рейтинг одного дня.'
        : `Каждая точка — рейтинг ${PERIOD_SPANS[history.period] || ''}, заканчивающийся этим днём; дней с расчётом: ${GA.fmtInt(items.length)} из последних ${GA.fmtInt(history.days)}.`;
      // One day is a point, not a trend: its axis would only show a meaningless span of dates.
      box.replaceChildren(...[el('p', { className: 'note', text: note })].concat(items.length < 2 ? [] : [el('div', { className: 'chart-grid' }, charts(history))]));
    }).catch(error => {
      box.replaceChildren(el('div', { className: 'error', role: 'alert' }, errorBox(error, 'profile')));
    }).finally(() => box.removeAttribute('aria-busy'));
    return [el('h3', { text: 'Динамика' }), box];
  });
})();
