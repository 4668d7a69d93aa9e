// GosAnalytics dashboard, the rankings view: filters, the ranking table, the run status, the page profile and the MAX inbox.
'use strict';

(() => {
  const {
    REF,
    PLATFORM_NAMES,
    PERIOD_NAMES,
    PERIOD_SPANS,
    KIND_NAMES,
    COMPONENT_NAMES,
    COMPONENT_HINTS,
    STATUS_NAMES,
    PAGE_NOTICES,
    MAX_NOTE,
    noticeName,
    noticeHint,
    BAND_NAMES,
    TOP_CHOICES,
    componentName,
    kindName,
    platformName,
    integer,
    oneDecimal,
    twoDecimals,
    score,
    percent,
    signedPercent,
    longDate,
    shortDate,
    moscowTime,
    isNumber,
    fmtInt,
    fmtOne,
    fmtScore,
    fmtTwo,
    fmtPercent,
    fmtGrowth,
    dayValue,
    fmtDay,
    fmtShortDay,
    fmtMoscow,
    fmtHours,
    plural,
    pagesWord,
    problemText,
    problemsText,
    technical,
    runNote,
    showRunNote,
    peerGroupName,
    $,
    el,
    bar,
    ApiError,
    apiUrl,
    getJson,
    PARAMETER_MESSAGES,
    describeError,
    errorBox,
    showError,
    clearError,
    GROWTH_NOTE,
    growthNeedsHistory,
    externalLink,
  } = window.GA;
  const GA = window.GA;

  // ---- State (mirrored in the page's own query string, so a view can be shared as a link) ----------------------------
  const initial = new URLSearchParams(location.search);
  const state = {
    region: initial.get('region') || '',
    platform: initial.get('platform') || '',
    kind: initial.get('kind') || '',
    period: initial.get('period') || 'week',
    sort: initial.get('sort') || 'index',
    top: Number(initial.get('top')) || REF.defaultTop,
    skip: 0,
    items: [],
    total: 0,
    weights: {},
    components: REF.components.slice(),
    openPage: '',
    servedDay: '',
    request: 0,
  };

  function queryParams(extra) {
    return Object.assign({
      region: state.region,
      platform: state.platform,
      kind: state.kind,
      period: state.period,
      sort: state.sort,
      top: state.top,
    }, extra);
  }

  function rememberState() {
    // Other views' parameters (view=…, their own filters) stay; the rankings' own are rewritten.
    const params = new URLSearchParams(location.search);
    for (const key of [...Object.keys(queryParams()), 'page']) params.delete(key);
    for (const [key, value] of Object.entries(queryParams())) {
      if (value !== '' && !(key === 'period' && value === 'week') && !(key === 'sort' && value === 'index') && !(key === 'top' && value === REF.defaultTop)) {
        params.set(key, value);
      }
    }
    if (state.openPage) params.set('page', state.openPage);
    const search = params.toString();
    history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
  }

  // ---- Filters -------------------------------------------------------------------------------------------------------
  function fillSelect(select, options, value) {
    select.replaceChildren(...options.map(([code, label]) => el('option', { value: code, text: label })));
    if (!options.some(([code]) => code === String(value))) {
      // Keep a value that came from a link, so that the API can say what is wrong with it.
      select.append(el('option', { value: String(value), text: String(value) }));
    }
    select.value = String(value);
  }

  function buildFilters() {
    fillSelect($('platform'), [['', 'Все платформы'], ...REF.platforms.map(p => [p, platformName(p)])], state.platform);
    fillSelect($('kind'), [['', 'Все типы'], ...REF.kinds.map(k => [k.code, k.name])], state.kind);
    fillSelect($('period'), REF.periods.map(p => [p, PERIOD_NAMES[p] || p]), state.period);
    fillSelect($('sort'), REF.sortKeys.map(k => [k, k === 'index' ? 'Индекс качества' : componentName(k)]), state.sort);
    fillSelect($('top'), TOP_CHOICES.filter(n => n <= REF.maxTop).map(n => [String(n), String(n)]), String(state.top));
    $('region').value = state.region;

    for (const id of ['platform', 'kind', 'period', 'sort', 'top']) {
      $(id).addEventListener('change', () => applyFilters());
    }
    $('region').addEventListener('change', () => applyFilters());
    $('filters').addEventListener('submit', event => { event.preventDefault(); applyFilters(); });
  }

  /** The region filter is a list when the API lists regions, else a text field for the subject code. */
  async function loadRegions() {
    let body;
    try {
      body = await getJson('regions');
    } catch (e) {
      return; // No list: the code field stays.
    }
    const list = Array.isArray(body) ? body : (body.items || body.regions || []);
    const regions = list
      .map(r => ({ code: r.code ?? r.regionCode, name: r.name ?? r.regionName ?? r.russianName }))
      .filter(r => r.code !== undefined && r.code !== null);
    if (regions.length === 0) return;
    regions.sort((a, b) => a.code - b.code);
    const select = el('select', { id: 'region', name: 'region' });
    fillSelect(select, [['', 'Все регионы'], ...regions.map(r => [String(r.code), `${r.code} — ${r.name || 'регион'}`])], state.region);
    select.addEventListener('change', () => applyFilters());
    $('region').replaceWith(select);
  }

  function readFilters() {
    state.region = $('region').value.trim();
    state.platform = $('platform').value;
    state.kind = $('kind').value;
    state.period = $('period').value;
    state.sort = $('sort').value;
    state.top = Number($('top').value) || REF.defaultTop;
  }

  function applyFilters() {
    readFilters();
    loadRankings(false);
  }

  // ---- Rankings ------------------------------------------------------------------------------------------------------
  async function loadRankings(append) {
    const request = ++state.request;
    const skip = append ? state.items.length : 0;
    const table = $('rankings');
    table.setAttribute('aria-busy', 'true');
    $('more').disabled = true;
    rememberState();
    try {
      const body = await getJson('rankings', queryParams({ skip }));
      if (request !== state.request) return;
      clearError();
      showNotice(body);
      showRunNote(body);
      showServedDay(body.metricDay);
      state.weights = body.weights || {};
      state.components = componentKeys(body);
      state.total = body.total;
      state.items = append ? state.items.concat(body.items) : body.items.slice();
      renderRankings(body);
    } catch (error) {
      if (request !== state.request) return;
      showError(error);
      if (!append) {
        state.items = [];
        state.total = 0;
        $('rankings').tBodies[0].replaceChildren();
        $('rankings').parentElement.hidden = true;
        $('summary').textContent = 'Нет данных для показа.';
        $('empty').hidden = true;
        $('more').hidden = true;
      }
    } finally {
      if (request === state.request) {
        table.removeAttribute('aria-busy');
        $('more').disabled = false;
        updateCsvLink();
      }
    }
  }

  /** Components in the documented order first; any the server adds later (e.g. content quality) after them. */
  function componentKeys(body) {
    const keys = REF.components.slice();
    const extra = new Set(Object.keys(body.weights || {}));
    for (const item of body.items || []) Object.keys(item.components || {}).forEach(k => extra.add(k));
    for (const key of extra) if (!keys.includes(key)) keys.push(key);
    return keys;
  }

  function showNotice(body) {
    const banner = $('demo-banner');
    const notice = body.notice || (body.isDemo ? REF.demoNotice : '');
    banner.textContent = notice;
    banner.hidden = !notice;
  }

  function weightShare(key) {
    const total = Object.values(state.weights).reduce((sum, w) => sum + (w > 0 ? w : 0), 0);
    const w = state.weights[key];
    return total > 0 && w > 0 ? w / total : 0;
  }

  function indexExplanation() {
    const parts = state.components
      .filter(key => weightShare(key) > 0)
      .map(key => `${componentName(key)} ${integer.format(Math.round(weightShare(key) * 100))}\u00a0%`);
    return 'Индекс качества (0–100) — взвешенное среднее оценок компонентов: ' + parts.join(', ') +
      '. Компоненты, которые нельзя измерить, не учитываются, веса остальных пересчитываются.';
  }

  function renderHead() {
    const row = $('rankings').tHead.rows[0];
    const sortable = (key, label, title) => {
      if (!REF.sortKeys.includes(key)) return el('th', { scope: 'col', className: 'num', title, text: label });
      const th = el('th', { scope: 'col', className: 'num' + (state.sort === key ? ' sorted' : ''), title, dataset: { sort: key } },
        el('button', { type: 'button', className: 'sort-head', text: label, onclick: () => { $('sort').value = key; applyFilters(); } }));
      if (state.sort === key) th.setAttribute('aria-sort', 'descending');
      return th;
    };
    row.replaceChildren(
      el('th', { scope: 'col', className: 'num', text: 'Место' }),
      el('th', { scope: 'col', className: 'num change-head', text: '±', title: `Изменение места к прошлому периоду (${PERIOD_SPANS[state.period] || ''}); изменение индекса — в подсказке` }),
      el('th', { scope: 'col', text: 'Название' }),
      el('th', { scope: 'col', text: 'Платформа' }),
      el('th', { scope: 'col', text: 'Тип' }),
      el('th', { scope: 'col', className: 'num', text: 'Подписчики' }),
      sortable('index', 'Индекс', indexExplanation()),
      ...state.components.map(key => sortable(key, componentName(key), COMPONENT_HINTS[key] || '')),
    );
  }

  function pageLink(item) {
    const params = new URLSearchParams(location.search);
    params.set('page', `${item.platform}/${item.pageId}`);
    return el('a', {
      href: '?' + params.toString(),
      text: item.name,
      dataset: { platform: item.platform, pageId: item.pageId },
      onclick: event => { event.preventDefault(); openProfile(item.platform, item.pageId); },
    });
  }

  function noticeBadges(notices) {
    return (notices || []).map(code => el('span', { className: 'badge notice', title: noticeHint(code), dataset: { notice: code }, text: noticeName(code) }));
  }

  function rankingRow(item) {
    return el('tr', { dataset: { platform: item.platform, pageId: item.pageId } },
      el('td', { className: 'num rank', text: fmtInt(item.rank) }),
      el('td', { className: 'num change-cell' }, GA.changeMark(item.rankChange, item.indexChange)),
      el('td', { className: 'name' }, pageLink(item), externalLink(item.url, `Открыть «${item.name}» на платформе ${platformName(item.platform)}`),
        item.platform === 'vk' && item.hasGovernmentLabel ? el('span', { className: 'badge', title: 'Отметка «Госорганизация»', text: 'госорг.' }) : null,
        noticeBadges(item.notices)),
      el('td', { text: platformName(item.platform) }),
      el('td', { className: 'kind', text: kindName(item.kind) }),
      el('td', { className: 'num', text: fmtInt(item.subscribers) }),
      el('td', { className: 'index' + (state.sort === 'index' ? ' sorted' : ''), dataset: { value: item.index } },
        el('div', { className: 'index-cell' }, el('span', { className: 'index-value', text: fmtScore(item.index) }), bar(item.index))),
      ...state.components.map(key => {
        const value = (item.components || {})[key];
        const present = isNumber(value);
        return el('td', {
          className: 'num component' + (state.sort === key ? ' sorted' : '') + (present ? '' : ' absent'),
          dataset: { component: key, value: present ? value : '' },
          title: present ? null : item.platform === 'max' && key === 'engagement' ? 'MAX не сообщает реакции и репосты'
            : key === 'growth' && growthNeedsHistory(item) ? GROWTH_NOTE : 'Не измеряется за этот период',
          text: fmtScore(value),
        });
      }),
    );
  }

  function renderRankings(body) {
    renderHead();
    $('rankings').tBodies[0].replaceChildren(...state.items.map(rankingRow));
    // A first run has no earlier day to compare subscribers with: say so once, above the table, instead of an unexplained «—».
    $('growth-note').hidden = !(state.items.length > 0 && state.items.every(growthNeedsHistory));
    $('rankings').parentElement.hidden = state.items.length === 0;
    $('empty').hidden = state.items.length > 0;
    $('more').hidden = state.items.length >= state.total;
    $('more').textContent = `Ещё ${integer.format(Math.min(state.top, state.total - state.items.length))}`;

    const scope = [
      body.regionName ? `${body.region} — ${body.regionName}` : 'Все регионы',
      body.platform ? platformName(body.platform) : null,
      body.kind ? kindName(body.kind) : null,
    ].filter(Boolean).join(', ');
    $('results-title').textContent = `Рейтинг ${PERIOD_SPANS[body.period] || ''}, по ${fmtDay(body.metricDay)}`;
    $('summary').textContent = `${scope}. ${plural(body.total, 'Найдена', 'Найдено', 'Найдено')} ${fmtInt(body.total)} ${pagesWord(body.total)}` +
      (state.items.length ? `, показаны 1–${fmtInt(state.items.length)}` : '') +
      `. Сортировка: ${state.sort === 'index' ? 'индекс качества' : componentName(state.sort).toLowerCase()}.`;
    renderLegend();
  }

  function renderLegend() {
    const rows = state.components.flatMap(key => [
      el('span', { text: componentName(key) }),
      el('span', { className: 'weight', text: weightShare(key) > 0 ? `${oneDecimal.format(weightShare(key) * 100)}\u00a0%` : 'не входит' }),
      el('span', { text: COMPONENT_HINTS[key] || '' }),
    ]);
    $('legend-body').replaceChildren(
      el('p', { text: indexExplanation() }),
      el('div', { className: 'legend-grid' }, rows),
      el('p', { text: 'Оценки компонентов — от 0 до 100. Вовлечённость, охват и рост сравниваются внутри группы похожих страниц: та же платформа, схожий размер аудитории и тот же тип организации, — поэтому сельская школа не проигрывает странице губернатора только из-за размера.' }),
      el('p', { text: 'ER по просмотрам = (лайки + репосты + комментарии) ÷ просмотры; охват = просмотры ÷ подписчики; для каждой страницы берётся медиана по постам периода.' }),
    );
  }

  function updateCsvLink() {
    // The same query as the table, as CSV: the rows on screen (at least one page of them).
    // The CSV is every page under the filters (it does not stop at the rows shown), with addresses and ids Excel keeps as text.
    $('csv').href = apiUrl('rankings', queryParams({ top: '', format: 'csv' })).toString();
  }

  // ---- Run status ----------------------------------------------------------------------------------------------------
  async function loadRunStatus() {
    try {
      const run = await getJson('runs/latest');
      // «Данные за» is the day the table shows (set when it loads); until then, the served day the run status names.
      if (!state.servedDay && run.servedMetricDay) showServedDay(run.servedMetricDay);
      const status = $('run-status');
      const outcome = run.outcome;
      const ended = ['completed', 'partial', 'failed'].includes(run.status);
      let text = STATUS_NAMES[run.status] || run.status;
      if (!ended && run.batches && run.batches.total) {
        text += ` (${fmtInt(run.batches.scored + (run.batches.failed || 0))} из ${fmtInt(run.batches.total)} пакетов)`;
      }
      if (outcome && !outcome.served) {
        text += ', не показан';
      }
      // A run still going is not what the table shows: it is named apart, with its own day.
      $('run-next').hidden = ended;
      $('run-next-day').textContent = ended ? '—' : `за ${fmtDay(run.metricDay)}`;
      status.textContent = text;
      status.className = 'pill ' + (!ended ? 'busy' : run.status === 'completed' ? 'ok' : outcome && outcome.served ? 'warn' : 'bad');
      status.title = outcome && outcome.problems && outcome.problems.length
        ? `Расчёт за ${fmtDay(run.metricDay)}: ${problemsText(outcome)}.`
        : `Расчёт за ${fmtDay(run.metricDay)}`;
      $('run-time').textContent = fmtMoscow(run.completedAt || run.startedAt);
      $('run-time').title = run.completedAt ? 'Время завершения расчёта' : 'Время начала расчёта';
      if (run.isDemo && $('demo-banner').hidden) {
        $('demo-banner').textContent = REF.demoNotice;
        $('demo-banner').hidden = false;
      }
    } catch (error) {
      const status = $('run-status');
      status.className = 'pill busy';
      status.textContent = error instanceof ApiError && error.status === 404 ? 'ещё не запускался' : 'нет данных';
    }
  }

  /** The served day, as the table (or, before it loads, the run status) names it. */
  function showServedDay(metricDay) {
    if (!metricDay) return;
    state.servedDay = metricDay;
    $('run-day').textContent = fmtDay(metricDay);
  }

  // ---- Content-quality model ----------------------------------------------------------------------------------------
  async function loadModel() {
    const target = $('model-version');
    try {
      const model = await getJson('model');
      const m = model.metrics || {};
      target.textContent = model.version;
      target.title = [
        `Модель качества контента ${model.version} (${model.source === 'bundled' ? 'встроенная модель по умолчанию' : 'из реестра моделей'})`,
        `обучена ${fmtMoscow(model.trainedAt)} на ${fmtInt(model.data && model.data.posts)} постах`,
        `на отложенных страницах: корреляция Спирмена ${fmtTwo(m.spearman)}, RMSE ${fmtTwo(m.rmse)} против ${fmtTwo(m.baselineRmse)} у базовой оценки`,
      ].join('; ');
    } catch (error) {
      target.textContent = '—';
    }
  }

  // ---- Page profile --------------------------------------------------------------------------------------------------
  let profileRequest = 0;

  // The rankings rewrite their filters into the address; another view's filters stay, and only the open page is added or removed.
  function rememberPage() {
    if (!document.querySelector('[data-view="rankings"]').hidden) rememberState();
    else GA.rememberParams({ page: state.openPage });
  }

  /** Opens a page's profile; another view passes its own period ({ period }), so that the profile shows the figures it listed. */
  async function openProfile(platform, pageId, options = {}) {
    const request = ++profileRequest;
    const dialog = $('profile');
    $('profile-title').textContent = 'Профиль страницы';
    $('profile-body').replaceChildren(el('p', { className: 'note', text: 'Загрузка…' }));
    if (!dialog.open) dialog.showModal();
    state.openPage = `${platform}/${pageId}`;
    rememberPage();
    try {
      const profile = await getJson(`pages/${encodeURIComponent(platform)}/${encodeURIComponent(pageId)}`, { period: options.period || state.period });
      if (request !== profileRequest) return;
      renderProfile(profile);
    } catch (error) {
      if (request !== profileRequest) return;
      $('profile-body').replaceChildren(el('div', { className: 'error', role: 'alert' }, errorBox(error, 'profile')));
    }
  }

  function metric(label, value, title) {
    return el('div', { title }, el('dt', { text: label }), el('dd', { text: value }));
  }

  function renderProfile(p) {
    $('profile-title').textContent = p.name;
    const current = p.current;
    const meta = [
      platformName(p.platform),
      kindName(p.kind),
      p.regionName ? `${p.regionCode} — ${p.regionName}` : `регион ${p.regionCode}`,
      `${fmtInt(p.subscribers)} ${plural(p.subscribers, 'подписчик', 'подписчика', 'подписчиков')}`,
      // Only VK's API shows the mark (docs/metrics.md §3.6): saying "without" elsewhere would claim what nobody can see.
      p.platform !== 'vk' ? null : p.hasGovernmentLabel ? 'отметка «Госорганизация»' : 'без отметки «Госорганизация»',
    ].filter(Boolean).join(' · ');

    const body = [el('p', { className: 'profile-meta', text: meta })];
    const link = externalLink(p.url, `Открыть «${p.name}» на платформе ${platformName(p.platform)}`);
    if (link) {
      link.id = 'profile-url';
      link.textContent = `Страница на платформе ${platformName(p.platform)} ↗`;
      body.push(el('p', { className: 'profile-link' }, link));
    } else if (p.platform === 'max') {
      body.push(el('p', { className: 'note', text: 'У канала нет публичного имени: в MAX он известен только по номеру чата, ссылки на него нет.' }));
    }
    if (p.notice) body.push(el('div', { className: 'banner', role: 'note', text: p.notice }));
    const note = runNote(p);
    if (note) body.push(el('div', { className: 'banner run-note' + (note.bad ? ' bad' : ''), role: 'note', text: note.reason ? `${note.title} ${note.reason}` : note.title }));
    if (p.notices && p.notices.length) {
      body.push(el('ul', { className: 'notices', id: 'profile-notices' }, p.notices.map(code => el('li', { dataset: { notice: code }, text: noticeHint(code) }))));
    }
    if (p.platform === 'max') body.push(el('p', { className: 'note', id: 'profile-max-note', text: MAX_NOTE }));
    body.push(el('p', { className: 'note', text: `Период: ${PERIOD_NAMES[p.period] || p.period}, по ${fmtDay(p.metricDay)}` }));

    if (current) {
      body.push(el('div', { className: 'profile-score' },
        el('div', {},
          el('div', { className: 'profile-index-label', text: 'Индекс качества' }),
          el('div', { className: 'profile-index', id: 'profile-index', text: fmtScore(current.index) })),
        bar(current.index),
        el('div', { className: 'places' },
          el('span', { text: `Место в России: ${fmtInt(current.nationalRank)} из ${fmtInt(current.nationalTotal)}` }),
          el('span', { text: `Место в регионе: ${fmtInt(current.regionRank)} из ${fmtInt(current.regionTotal)}` }),
          el('span', { className: 'note', text: `Группа сравнения: ${peerGroupName(current.peerGroup)}` }))));

      const used = new Set(current.indexComponents || []);
      const m0 = current.metrics || {};
      const keys = state.components.slice();
      Object.keys(current.components || {}).forEach(k => { if (!keys.includes(k)) keys.push(k); });
      body.push(el('h3', { text: 'Компоненты индекса' }));
      body.push(el('table', {},
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: 'Компонент' }),
          el('th', { scope: 'col', className: 'num', text: 'Оценка' }),
          el('th', { scope: 'col', text: '' }),
          el('th', { scope: 'col', className: 'num', text: 'Вес' }))),
        el('tbody', {}, keys.map(key => {
          const value = (current.components || {})[key];
          return el('tr', { dataset: { component: key }, title: COMPONENT_HINTS[key] || null },
            el('td', { text: componentName(key) }),
            el('td', {
              className: 'num',
              title: !isNumber(value) && key === 'growth' && !isNumber(m0.subscriberGrowth) ? GROWTH_NOTE : null,
              text: isNumber(value) ? fmtScore(value) : key === 'growth' && !isNumber(m0.subscriberGrowth) ? 'нужны данные за два дня' : 'не измеряется',
            }),
            el('td', { className: 'bar-cell' }, isNumber(value) ? bar(value) : null),
            el('td', { className: 'num', text: used.has(key) && weightShare(key) > 0 ? `${oneDecimal.format(weightShare(key) * 100)}\u00a0%` : '—' }));
        }))));

      const m = current.metrics || {};
      body.push(el('h3', { text: 'Ключевые показатели' }));
      body.push(el('dl', { className: 'metrics' },
        metric('ER по просмотрам (медиана)', fmtPercent(m.erViews), '(лайки + репосты + комментарии) ÷ просмотры, медиана по постам'),
        metric('Охват (медиана)', fmtPercent(m.reachRate), 'просмотры ÷ подписчики, медиана по постам'),
        metric('Постов в неделю', fmtOne(m.postsPerWeek)),
        metric('Постов за период', fmtInt(m.posts)),
        metric('Просмотры', fmtInt(m.views)),
        metric('Комментарии граждан', fmtInt(m.citizenComments)),
        metric('Доля отвеченных', fmtPercent(m.answeredShare), 'отвеченные комментарии граждан ÷ все комментарии граждан'),
        metric('Медиана времени ответа', fmtHours(m.medianAnswerHours)),
        metric('Прирост подписчиков', isNumber(m.subscriberGrowth) ? fmtGrowth(m.subscriberGrowth) : 'нужны данные за два дня',
          isNumber(m.subscriberGrowth) ? null : GROWTH_NOTE),
        metric('Эфиры', m.broadcasts === null || m.broadcasts === undefined ? 'не собирались'
          : m.broadcasts ? `${fmtInt(m.broadcasts)} · ${fmtInt(m.broadcastViews)} ${plural(m.broadcastViews, 'просмотр', 'просмотра', 'просмотров')}` : '—')));
    } else {
      body.push(el('p', { className: 'note', text: 'Страница не оценена в последнем расчёте.' }));
    }

    body.push(el('h3', { text: 'История' }));
    const history = (p.history || []).slice().sort((a, b) => (a.metricDay < b.metricDay ? 1 : -1));
    if (history.length === 0) {
      body.push(el('p', { className: 'note', text: 'История пока пуста: она копится с каждым ежедневным расчётом.' }));
    } else {
      body.push(el('div', { className: 'table-wrap' }, el('table', { id: 'profile-history' },
        el('thead', {}, el('tr', {}, ['Дата', 'Подписчики', 'Постов', 'В неделю', 'Просмотры', 'ER', 'Охват', 'Отвечено', 'Ответ за', 'Прирост']
          .map((h, i) => el('th', { scope: 'col', className: i === 0 ? '' : 'num', text: h })))),
        el('tbody', {}, history.map(h => el('tr', {},
          el('td', { text: fmtShortDay(h.metricDay) }),
          el('td', { className: 'num', text: fmtInt(h.subscribers) }),
          el('td', { className: 'num', text: fmtInt(h.posts) }),
          el('td', { className: 'num', text: fmtOne(h.postsPerWeek) }),
          el('td', { className: 'num', text: fmtInt(h.views) }),
          el('td', { className: 'num', text: fmtPercent(h.erViews) }),
          el('td', { className: 'num', text: fmtPercent(h.reachRate) }),
          el('td', { className: 'num', text: fmtPercent(h.answeredShare) }),
          el('td', { className: 'num', text: fmtHours(h.medianAnswerHours) }),
          el('td', { className: 'num', text: fmtGrowth(h.subscriberGrowth) })))))));
    }
    // Other views' scripts add their sections (trends, advice, …): each GA.profileSections entry returns nodes for profile p.
    for (const section of GA.profileSections) body.push(...[].concat(section(p) || []));
    $('profile-body').replaceChildren(...body);
  }

  function closeProfile() {
    profileRequest++;
    if ($('profile').open) $('profile').close();
  }

  // ---- New MAX channels ----------------------------------------------------------------------------------------------
  // The list and the decisions need a function key. It lives in this tab's sessionStorage only: never in a URL or a cookie.
  const MAX_KEY_STORAGE = 'gosanalytics.functionKey';
  const maxKey = () => {
    try { return sessionStorage.getItem(MAX_KEY_STORAGE) || ''; } catch (e) { return ''; }
  };
  const rememberMaxKey = key => {
    try { if (key) sessionStorage.setItem(MAX_KEY_STORAGE, key); else sessionStorage.removeItem(MAX_KEY_STORAGE); } catch (e) { /* storage off: the key lives in the field */ }
  };

  async function maxRequest(method, path, body) {
    let response;
    const headers = { Accept: 'application/json', 'x-functions-key': $('max-key').value.trim() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      response = await fetch(apiUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, null);
    }
    let data = null;
    if ((response.headers.get('content-type') || '').includes('json')) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    if (!response.ok || data === null) throw new ApiError(response.status, data);
    return data;
  }

  const MAX_FIELD_MESSAGES = {
    region: 'Выберите регион канала.',
    kind: 'Выберите тип организации.',
    chatId: 'Идентификатор канала задан неверно.',
    body: 'Сервер не принял запрос.',
    limit: 'Неверный размер списка.',
  };

  /** A Russian sentence for a failed MAX request, followed by the server's own detail. */
  function maxErrorText(error) {
    if (!(error instanceof ApiError)) return 'Ошибка на странице: ' + String(error && error.message || error);
    const problem = error.problem || {};
    let text;
    if (error.status === 0) text = 'Нет связи с сервером.';
    else if (error.status === 401 || error.status === 403) text = 'Нет доступа: укажите верный ключ доступа.';
    else if (error.status === 404) text = 'Канал не найден: обновите список.';
    else if (error.status === 409) text = 'Канал уже подтверждён и есть в реестре.';
    else if (error.status === 400) text = Object.keys(problem.errors || {}).map(name => MAX_FIELD_MESSAGES[name] || `Поле «${name}» заполнено неверно.`).join(' ') || 'Сервер не принял запрос.';
    else text = `Сервер ответил ошибкой (код ${error.status}).`;
    return problem.detail ? `${text} Подробности: ${problem.detail}` : text;
  }

  function showMaxError(error) {
    const box = $('max-error');
    box.replaceChildren(el('strong', { text: 'Список каналов MAX не загружен.' }), el('span', { text: maxErrorText(error) }));
    box.hidden = false;
  }

  function maxSelect(name, options) {
    return el('select', { name, 'aria-label': name === 'region' ? 'Регион' : 'Тип организации' },
      options.map(([value, label]) => el('option', { value, text: label })));
  }

  function maxRow(channel) {
    const region = maxSelect('region', [['', '— регион —'], ...REF.regions.map(r => [String(r.code), `${r.code} — ${r.name}`])]);
    const kind = maxSelect('kind', [['', '— тип —'], ...REF.kinds.map(k => [k.code, k.name])]);
    const result = el('span', { className: 'max-result', role: 'status' });
    const row = el('tr', { dataset: { chatId: channel.pageId, status: channel.status } });
    const decide = async (action, body) => {
      row.setAttribute('aria-busy', 'true');
      for (const control of row.querySelectorAll('button, select')) control.disabled = true;
      try {
        const answer = await maxRequest('POST', `max/channels/${encodeURIComponent(channel.pageId)}/${action}`, body);
        const c = answer.channel || {};
        row.dataset.status = c.status || action;
        result.className = 'max-result';
        result.textContent = action === 'confirm'
          ? (answer.alreadyRegistered ? `Уже в реестре: регион ${c.regionCode}, ${kindName(c.kind)}` : `Добавлен в реестр: регион ${c.regionCode}, ${kindName(c.kind)}`)
          : 'Отклонён';
        for (const button of row.querySelectorAll('button')) button.hidden = true;
      } catch (error) {
        result.className = 'max-result bad';
        result.textContent = maxErrorText(error);
        for (const control of row.querySelectorAll('button, select')) control.disabled = false;
      } finally {
        row.removeAttribute('aria-busy');
      }
    };
    const who = channel.addedByName || (channel.addedByUserId ? `пользователь ${channel.addedByUserId}` : '—');
    row.append(
      el('td', { className: 'name' },
        el('div', { text: channel.title || 'Название появится после первого сбора' }),
        el('div', { className: 'chat-id', text: channel.pageId }),
        channel.isChannel ? null : el('span', { className: 'badge notice', title: 'Бота добавили в групповой чат, а не в канал', text: 'чат, не канал' })),
      el('td', { text: who, title: channel.addedByUserId ? `ID пользователя в MAX: ${channel.addedByUserId}` : null }),
      el('td', { className: 'num', text: fmtMoscow(channel.addedAt || channel.lastEventAt) }),
      el('td', {}, region),
      el('td', {}, kind),
      el('td', { className: 'actions' },
        el('button', { type: 'button', className: 'primary', text: 'Подтвердить', onclick: () => decide('confirm', { region: region.value === '' ? null : Number(region.value), kind: kind.value }) }),
        el('button', { type: 'button', text: 'Отклонить', onclick: () => decide('dismiss') }),
        result));
    return row;
  }

  async function loadMaxChannels() {
    const key = $('max-key').value.trim();
    rememberMaxKey(key);
    $('max-error').hidden = true;
    $('max-load').disabled = true;
    try {
      const list = await maxRequest('GET', 'max/channels');
      const pending = (list.items || []).filter(c => c.status === 'pending');
      $('max-channels').tBodies[0].replaceChildren(...pending.map(maxRow));
      $('max-wrap').hidden = pending.length === 0;
      $('max-empty').hidden = pending.length > 0;
      $('max-summary').textContent = `Ожидают подтверждения: ${fmtInt(list.pending)}. Всего каналов, куда добавляли бота: ${fmtInt(list.total)}.`;
    } catch (error) {
      $('max-wrap').hidden = true;
      $('max-empty').hidden = true;
      showMaxError(error);
    } finally {
      $('max-load').disabled = false;
    }
  }

  // ---- Start ---------------------------------------------------------------------------------------------------------
  GA.openProfile = openProfile;
  buildFilters();
  $('more').addEventListener('click', () => loadRankings(true));
  $('max-key').value = maxKey();
  $('max-key-form').addEventListener('submit', event => { event.preventDefault(); loadMaxChannels(); });
  $('profile-close').addEventListener('click', closeProfile);
  $('profile').addEventListener('close', () => { profileRequest++; state.openPage = ''; rememberPage(); });
  $('profile').addEventListener('click', event => { if (event.target === $('profile')) closeProfile(); });
  updateCsvLink();
  loadRunStatus();
  loadModel();
  const page = initial.get('page');
  const m = page && /^([a-z]+)\/(.+)$/.exec(page);
  if (m) openProfile(m[1], m[2]);
  // The ranking loads when its view is first shown (the default view), after the region list it filters by.
  GA.registerView('rankings', { show: (params, first) => { if (first) loadRegions().finally(() => loadRankings(false)); } });
  GA.registerView('max', { show: () => {} });
})();
