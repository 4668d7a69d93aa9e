// GosAnalytics dashboard: the «Списки работ» view — a region's work lists (GET /api/regions/{code}/worklists) with their counts, a
// CSV download of each, and the weekly report workbook (GET /api/reports/weekly). Reads everything from window.GA.
'use strict';

(() => {
  const GA = window.GA;
  const { $, el, REF, fmtInt, fmtScore, fmtPercent, fmtHours, getJson, apiUrl, errorBox, platformName, kindName, PERIOD_NAMES, pagesWord } = GA;

  const LISTS = [
    ['noLabel', 'Без метки «Госорганизация»', 'Страницы ВКонтакте без метки: её видно через API только во ВКонтакте'],
    ['noDescription', 'Без описания', 'Страницы, у которых не заполнено описание'],
    ['noPosts', 'Без постов', 'Страницы без единого поста за период'],
    ['lowAnswers', 'Мало ответов', 'Страницы, которые ответили меньше чем на заданную долю комментариев граждан'],
  ];
  const SHOWN_ROWS = 200;
  const state = { region: '28', period: 'week', answeredBelow: '50', list: 'noLabel', body: null };
  let request = 0;

  function build() {
    const section = document.querySelector('[data-view="worklists"]');
    const region = el('select', { id: 'worklists-region', name: 'region' },
      REF.regions.map(r => el('option', { value: String(r.code), text: `${r.code} — ${r.name}` })));
    const period = el('select', { id: 'worklists-period', name: 'period' },
      REF.periods.map(code => el('option', { value: code, text: PERIOD_NAMES[code] || code })));
    const threshold = el('input', { id: 'worklists-threshold', name: 'answeredBelow', type: 'number', min: '1', max: '100', step: '1',
      title: 'Страница попадает в список «Мало ответов», если ответила меньше чем на эту долю комментариев граждан' });
    const form = el('form', { id: 'worklists-form', className: 'filters', 'aria-label': 'Списки работ: регион и период', novalidate: true },
      el('label', { className: 'field' }, el('span', { text: 'Регион' }), region),
      el('label', { className: 'field' }, el('span', { text: 'Период' }), period),
      el('label', { className: 'field narrow' }, el('span', { text: 'Ответов меньше, %' }), threshold),
      el('button', { type: 'submit', className: 'primary', text: 'Показать' }),
      el('a', { id: 'weekly-report', className: 'button', href: '#', download: true,
        title: 'Книга Excel: посты, лайки, комментарии, репосты и просмотры каждой страницы по неделям за четыре недели и за 30 дней, индекс, компоненты и списки работ',
        text: 'Еженедельный отчёт (Excel)' }));
    form.addEventListener('submit', event => {
      event.preventDefault();
      state.region = region.value;
      state.period = period.value;
      state.answeredBelow = threshold.value || '50';
      load();
    });
    section.replaceChildren(
      el('div', { className: 'results-head' },
        el('div', {},
          el('h2', { id: 'worklists-title', text: 'Списки работ' }),
          el('p', { id: 'worklists-summary', className: 'summary', text: 'Страницы региона, которым нужна одна и та же помощь: метка, описание, посты, ответы гражданам.' }))),
      form,
      el('div', { id: 'worklists-error', className: 'error', role: 'alert', hidden: true }),
      el('div', { id: 'worklists-cards', className: 'worklist-cards' }),
      el('div', { className: 'results' },
        el('h3', { id: 'worklist-title' }),
        el('p', { id: 'worklist-note', className: 'note' }),
        el('div', { className: 'table-wrap' }, el('table', { id: 'worklist' }, el('thead'), el('tbody'))),
        el('p', { id: 'worklist-empty', className: 'empty', hidden: true, text: 'В этом списке нет страниц.' })));
  }

  function params() {
    return { period: state.period, answeredBelow: String(Number(state.answeredBelow) / 100) };
  }

  async function load() {
    const current = ++request;
    const region = state.region;
    GA.rememberParams({ region, period: state.period, answeredBelow: state.answeredBelow, list: state.list });
    $('worklists-region').value = region;
    $('worklists-period').value = state.period;
    $('worklists-threshold').value = state.answeredBelow;
    $('weekly-report').href = GA.weeklyReportUrl(region).toString();
    $('worklists-error').hidden = true;
    try {
      const body = await getJson(`regions/${encodeURIComponent(region)}/worklists`, params());
      if (current !== request) return;
      state.body = body;
      render();
    } catch (error) {
      if (current !== request) return;
      state.body = null;
      $('worklists-cards').replaceChildren();
      $('worklist').tBodies[0].replaceChildren();
      $('worklists-error').replaceChildren(...errorBox(error, 'worklists'));
      $('worklists-error').hidden = false;
    }
  }

  function render() {
    const body = state.body;
    GA.showRunNote(body);
    $('worklists-summary').textContent = `${body.regionCode} — ${body.regionName}: ${fmtInt(body.regionPages)} ${pagesWord(body.regionPages)} в рейтинге, `
      + `${GA.PERIOD_SPANS[body.period] || body.period} по ${GA.fmtDay(body.metricDay)}`;
    $('worklists-cards').replaceChildren(...LISTS.map(([code, name, hint]) => {
      const list = body.lists.find(l => l.list === code) || { total: 0 };
      const csv = apiUrl(`regions/${encodeURIComponent(body.regionCode)}/worklists`, Object.assign(params(), { list: code, format: 'csv' }));
      return el('div', { className: 'worklist-card' + (state.list === code ? ' active' : ''), dataset: { list: code }, title: hint },
        el('button', { type: 'button', className: 'worklist-pick', onclick: () => { state.list = code; GA.rememberParams({ list: code }); render(); } },
          el('span', { className: 'worklist-count', text: fmtInt(list.total) }),
          el('span', { className: 'worklist-name', text: name })),
        el('a', { className: 'worklist-csv', href: csv.toString(), download: true, text: 'CSV' }));
    }));
    renderList(body.lists.find(l => l.list === state.list));
  }

  function renderList(list) {
    const [, name] = LISTS.find(([code]) => code === state.list);
    $('worklist-title').textContent = name;
    const items = list ? list.items : [];
    $('worklist-note').textContent = items.length > SHOWN_ROWS
      ? `Показаны первые ${fmtInt(SHOWN_ROWS)} из ${fmtInt(items.length)}; весь список — в CSV.` : '';
    const table = $('worklist');
    table.tHead.replaceChildren(el('tr', {}, ['Место', 'Страница', 'Платформа', 'Тип организации', 'Подписчики', 'Индекс', 'Постов', 'Комментариев граждан', 'Отвечено', 'Ответ за']
      .map((h, i) => el('th', { scope: 'col', className: i >= 4 || i === 0 ? 'num' : '', text: h }))));
    table.tBodies[0].replaceChildren(...items.slice(0, SHOWN_ROWS).map(item => el('tr', { dataset: { page: `${item.platform}/${item.pageId}` } },
      el('td', { className: 'num', text: fmtInt(item.regionRank) }),
      el('td', {}, el('a', { href: '#', text: item.name, onclick: event => { event.preventDefault(); if (GA.openProfile) GA.openProfile(item.platform, item.pageId, { period: state.period }); } })),
      el('td', { text: platformName(item.platform) }),
      el('td', { text: kindName(item.kind) }),
      el('td', { className: 'num', text: fmtInt(item.subscribers) }),
      el('td', { className: 'num', text: fmtScore(item.index) }),
      el('td', { className: 'num', text: fmtInt(item.posts) }),
      el('td', { className: 'num', text: fmtInt(item.citizenComments) }),
      el('td', { className: 'num', text: fmtPercent(item.answeredShare) }),
      el('td', { className: 'num', text: fmtHours(item.medianAnswerHours) }))));
    $('worklist-empty').hidden = items.length > 0;
  }

  GA.registerView('worklists', {
    show(query, first) {
      if (first) build();
      if (query.region) state.region = query.region;
      if (query.period) state.period = query.period;
      if (query.answeredBelow) state.answeredBelow = query.answeredBelow;
      if (query.list && LISTS.some(([code]) => code === query.list)) state.list = query.list;
      load();
    },
  });
})();
