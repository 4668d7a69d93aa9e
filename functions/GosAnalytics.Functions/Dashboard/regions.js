// GosAnalytics dashboard, the regions view: the tile-grid map of the 89 subjects coloured by a regional median, the sortable
// table of regions (or of federal districts), and a region's drill-down. Data is only ever put into the page as text.
'use strict';

(() => {
  const GA = window.GA;
  const {
    REF, PERIOD_NAMES, COMPONENT_HINTS, componentName, kindName, platformName, isNumber,
    fmtInt, fmtScore, fmtOne, fmtPercent, fmtDay, plural, $, el, bar, getJson, errorBox, rememberParams, showRunNote,
  } = GA;

  // ---- Reference data ------------------------------------------------------------------------------------------------
  const TILES = REF.tiles;
  const REGION_NAMES = Object.fromEntries(REF.regions.map(r => [r.code, r.name]));
  const REGION_DISTRICTS = Object.fromEntries(REF.regions.map(r => [r.code, r.district]));
  const DISTRICT_NAMES = Object.fromEntries(REF.districts.map(d => [d.code, d.name]));
  // «Дальневосточный федеральный округ» → «Дальневосточный»: the table's column says what the word is.
  const districtShort = code => (DISTRICT_NAMES[code] || code || '—').replace(/ федеральный округ$/, '');
  // The abbreviations every Russian reader knows (ЦФО, ДФО…) keep the table narrow; the full name is the cell's title.
  const DISTRICT_ABBREVIATIONS = {
    central: 'ЦФО', 'north-western': 'СЗФО', southern: 'ЮФО', 'north-caucasian': 'СКФО', volga: 'ПФО', ural: 'УФО', siberian: 'СФО', 'far-eastern': 'ДФО',
  };
  const districtAbbreviation = code => DISTRICT_ABBREVIATIONS[code] || districtShort(code);
  // Short headers keep a 15-column table inside the screen; the full name and what it means are in the header's title.
  const COMPONENT_SHORT = {
    engagement: 'Вовлечён\u00adность',
    reach: 'Охват',
    activity: 'Актив\u00adность',
    responsiveness: 'Ответы',
    growth: 'Рост',
    compliance: 'Оформ\u00adление',
    contentQuality: 'Контент',
  };
  const NO_DATA = 'нет данных';
  const HISTORY_LATER = 'История появится после нескольких ежедневных расчётов';
  // Sequential palette, light (low) to dark (high); CSS classes .bin-0 … .bin-5 hold the colours.
  const BIN_COUNT = 6;

  // ---- State (mirrored in the address: a link reopens the same colouring, sort and drill-down) -----------------------
  const state = {
    period: 'week',
    colour: 'index',
    district: '',
    byDistrict: false,
    sort: 'rank',
    dir: 'asc',
    open: null,
    body: null,
    regions: [],
    components: REF.components.slice(),
    request: 0,
    detailRequest: 0,
  };

  function readParams(params) {
    state.period = REF.periods.includes(params.rperiod) ? params.rperiod : 'week';
    state.colour = params.colour || 'index';
    state.district = REF.districts.some(d => d.code === params.district) ? params.district : '';
    state.byDistrict = params.byDistrict === '1';
    state.sort = params.rsort || 'rank';
    state.dir = params.rdir === 'desc' ? 'desc' : params.rdir === 'asc' ? 'asc' : null;
    const code = Number(params.regionCode);
    state.open = REGION_NAMES[code] ? code : null;
  }

  function remember() {
    rememberParams({
      rperiod: state.period === 'week' ? '' : state.period,
      colour: state.colour === 'index' ? '' : state.colour,
      district: state.district,
      byDistrict: state.byDistrict ? '1' : '',
      rsort: state.sort === 'rank' ? '' : state.sort,
      rdir: state.dir && !(state.sort === 'rank' && state.dir === 'asc') ? state.dir : '',
      regionCode: state.open === null ? '' : String(state.open),
    });
  }

  // ---- Values --------------------------------------------------------------------------------------------------------
  /** The number a region shows for a colouring: its median index, or the median of one component (absent: null). */
  function colourValue(region, colour) {
    if (!region) return null;
    if (colour === 'index') return isNumber(region.medianIndex) ? region.medianIndex : null;
    const value = (region.medianComponents || {})[colour];
    return isNumber(value) ? value : null;
  }

  const colourName = key => (key === 'index' ? 'Медиана индекса качества' : `${componentName(key)}: медиана`);

  /** A step of 1, 2 or 5 × 10ⁿ that cuts [min, max] into at most BIN_COUNT bins. */
  function niceStep(span) {
    const raw = span / BIN_COUNT;
    if (!(raw > 0)) return 1;
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    return [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(step => step * BIN_COUNT >= span) || 10 * magnitude;
  }

  /** Equal bins of a nice width over the values shown: each is [from, to), the last one closed. */
  function binsFor(values) {
    if (values.length === 0) return [];
    const min = Math.min(...values);
    const max = Math.max(...values);
    const step = niceStep(max - min);
    const start = Math.floor(min / step) * step;
    const bins = [];
    for (let from = start; bins.length === 0 || from <= max; from = start + bins.length * step) {
      bins.push({ from: round(from), to: round(from + step) });
      if (bins.length >= BIN_COUNT + 1) break;
    }
    return bins;
  }
  const round = v => Math.round(v * 100) / 100;
  const binOf = (bins, value) => {
    for (let i = 0; i < bins.length; i++) if (value < bins[i].to || i === bins.length - 1) return i;
    return bins.length - 1;
  };
  // With fewer bins than colours, spread them over the palette so that the darkest colour is the best bin.
  const shadeOf = (bins, bin) => (bins.length <= 1 ? BIN_COUNT - 1 : Math.round(bin * (BIN_COUNT - 1) / (bins.length - 1)));

  // ---- Controls ------------------------------------------------------------------------------------------------------
  function fillSelect(select, options, value) {
    select.replaceChildren(...options.map(([code, label]) => el('option', { value: code, text: label })));
    select.value = options.some(([code]) => code === value) ? value : options[0][0];
  }

  function colourOptions() {
    return [['index', 'Медиана индекса'], ...state.components.map(key => [key, componentName(key)])];
  }

  function buildControls() {
    fillSelect($('regions-period'), REF.periods.map(p => [p, PERIOD_NAMES[p] || p]), state.period);
    fillSelect($('regions-colour'), colourOptions(), state.colour);
    fillSelect($('regions-district'), [['', 'Все округа'], ...REF.districts.map(d => [d.code, districtShort(d.code)])], state.district);
    $('regions-by-district').checked = state.byDistrict;

    $('regions-period').addEventListener('change', () => { state.period = $('regions-period').value; remember(); load(); });
    $('regions-colour').addEventListener('change', () => { state.colour = $('regions-colour').value; remember(); renderMap(); });
    $('regions-district').addEventListener('change', () => { state.district = $('regions-district').value; remember(); renderMap(); renderTable(); });
    $('regions-by-district').addEventListener('change', () => {
      state.byDistrict = $('regions-by-district').checked;
      state.sort = 'rank';
      state.dir = null;
      remember();
      renderTable();
    });
    $('regions-filters').addEventListener('submit', event => event.preventDefault());
    $('region-detail-close').addEventListener('click', closeRegion);
  }

  // ---- Loading -------------------------------------------------------------------------------------------------------
  async function load() {
    const request = ++state.request;
    $('regions-table').setAttribute('aria-busy', 'true');
    try {
      const body = await getJson('regions', { period: state.period });
      if (request !== state.request) return;
      $('regions-error').hidden = true;
      state.body = body;
      state.regions = body.items || [];
      state.components = componentKeys(state.regions);
      fillSelect($('regions-colour'), colourOptions(), state.colour);
      state.colour = $('regions-colour').value;
      if (body.notice) {
        $('demo-banner').textContent = body.notice;
        $('demo-banner').hidden = false;
      }
      showRunNote(body);
      $('regions-summary').textContent = `${fmtInt(state.regions.length)} ${plural(state.regions.length, 'регион', 'региона', 'регионов')} из ${fmtInt(REF.regions.length)} с данными · `
        + `период: ${PERIOD_NAMES[body.period] || body.period}, по ${fmtDay(body.metricDay)}`;
      renderMap();
      renderTable();
      if (state.open !== null) openRegion(state.open, false);
    } catch (error) {
      if (request !== state.request) return;
      state.body = null;
      state.regions = [];
      const box = $('regions-error');
      box.replaceChildren(...errorBox(error, 'regions'));
      box.hidden = false;
      $('regions-summary').textContent = 'Нет данных для показа.';
      renderMap();
      renderTable();
    } finally {
      if (request === state.request) $('regions-table').removeAttribute('aria-busy');
    }
  }

  /** Components in the documented order, then any the server adds later. */
  function componentKeys(regions) {
    const keys = REF.components.slice();
    for (const region of regions) for (const key of Object.keys(region.medianComponents || {})) if (!keys.includes(key)) keys.push(key);
    return keys;
  }

  // ---- Map -----------------------------------------------------------------------------------------------------------
  function renderMap() {
    const byCode = new Map(state.regions.map(r => [r.regionCode, r]));
    const values = state.regions.map(r => colourValue(r, state.colour)).filter(isNumber);
    const bins = binsFor(values);
    const map = $('regions-map');
    map.style.setProperty('--tile-columns', TILES.columns);
    map.style.setProperty('--tile-rows', TILES.rows);
    map.setAttribute('aria-label', `Карта регионов: ${colourName(state.colour).toLowerCase()}`);
    map.replaceChildren(...TILES.items.map(tile => {
      const region = byCode.get(tile.code);
      const value = colourValue(region, state.colour);
      const name = REGION_NAMES[tile.code] || String(tile.code);
      const present = isNumber(value);
      const bin = present ? binOf(bins, value) : null;
      const outside = state.district && REGION_DISTRICTS[tile.code] !== state.district;
      const title = present ? `${name}: ${fmtScore(value)}` + (region.rank ? ` · место ${fmtInt(region.rank)}` : '') : `${name}: ${NO_DATA}`;
      const node = el('button', {
        type: 'button',
        className: 'region-tile ' + (present ? `bin-${shadeOf(bins, bin)}` : 'no-data') + (outside ? ' dimmed' : '') + (state.open === tile.code ? ' selected' : ''),
        title,
        'aria-label': title,
        disabled: !region,
        dataset: { code: String(tile.code), value: present ? String(value) : '', bin: present ? String(bin) : '' },
        onclick: () => openRegion(tile.code, true),
      }, el('span', { className: 'tile-label', text: tile.label }), el('span', { className: 'tile-value', text: present ? fmtScore(value) : '' }));
      node.style.gridRow = String(tile.row + 1);
      node.style.gridColumn = String(tile.column + 1);
      return node;
    }));
    renderLegend(bins);
  }

  function renderLegend(bins) {
    const items = bins.map((b, i) => el('li', { dataset: { bin: String(i), from: String(b.from), to: String(b.to) } },
      el('span', { className: `swatch bin-${shadeOf(bins, i)}`, 'aria-hidden': 'true' }),
      el('span', { text: i === bins.length - 1 ? `${fmtOne(b.from)} и выше` : `${fmtOne(b.from)} – ${fmtOne(b.to)}` })));
    items.push(el('li', { dataset: { bin: 'none' } }, el('span', { className: 'swatch no-data', 'aria-hidden': 'true' }), el('span', { text: NO_DATA })));
    $('regions-legend').replaceChildren(
      el('span', { className: 'legend-title', text: colourName(state.colour), title: state.colour === 'index' ? 'Медиана индексов качества страниц региона (0–100)' : COMPONENT_HINTS[state.colour] || '' }),
      el('ul', {}, items));
  }

  // ---- Table ---------------------------------------------------------------------------------------------------------
  function regionColumns() {
    return [
      { key: 'rank', label: 'Место', num: true, value: r => r.rank, cell: r => [fmtInt(r.rank), change(r.rankChange, 'rank')], asc: true, title: 'Место среди регионов по медиане индекса' },
      { key: 'regionName', label: 'Регион', value: r => r.regionName, cell: r => regionLink(r), asc: true },
      { key: 'federalDistrict', label: 'Округ', value: r => districtAbbreviation(r.federalDistrict), cell: r => el('abbr', { title: DISTRICT_NAMES[r.federalDistrict] || null, text: districtAbbreviation(r.federalDistrict) }), asc: true, title: 'Федеральный округ' },
      { key: 'pages', label: 'Страниц', num: true, value: r => r.pages, cell: r => fmtInt(r.pages) },
      { key: 'medianIndex', label: 'Медиана индекса', num: true, value: r => r.medianIndex, cell: r => [fmtScore(r.medianIndex), change(r.indexChange, 'index')], title: 'Медиана индексов качества страниц региона (0–100)' },
      ...componentColumns(),
      { key: 'governmentLabelShare', label: 'С отметкой', num: true, value: r => r.governmentLabelShare, cell: r => fmtPercent(r.governmentLabelShare), title: 'Доля страниц с отметкой «Госорганизация» среди страниц платформ, которые её показывают' },
      { key: 'answeredShare', label: 'Отвечено', num: true, value: r => r.answeredShare, cell: r => fmtPercent(r.answeredShare), title: 'Доля отвеченных комментариев граждан: все ответы ÷ все комментарии граждан в регионе' },
    ];
  }

  function componentColumns() {
    return state.components.map(key => ({
      key: 'c.' + key,
      component: key,
      label: COMPONENT_SHORT[key] || componentName(key),
      num: true,
      value: r => colourValue(r, key),
      cell: r => fmtScore(colourValue(r, key)),
      title: `${componentName(key)} — медиана по страницам. ${COMPONENT_HINTS[key] || ''}`.trim(),
    }));
  }

  function districtColumns() {
    return [
      { key: 'rank', label: 'Место', num: true, value: d => d.rank, cell: d => fmtInt(d.rank), asc: true, title: 'Место среди округов по средней медиане индекса их регионов' },
      { key: 'regionName', label: 'Федеральный округ', value: d => d.regionName, cell: d => districtLink(d), asc: true },
      { key: 'regionCount', label: 'Регионов', num: true, value: d => d.regionCount, cell: d => fmtInt(d.regionCount) },
      { key: 'pages', label: 'Страниц', num: true, value: d => d.pages, cell: d => fmtInt(d.pages) },
      { key: 'medianIndex', label: 'Медиана индекса', num: true, value: d => d.medianIndex, cell: d => fmtScore(d.medianIndex), title: 'Среднее медиан индекса по регионам округа (каждый регион весит одинаково)' },
      ...componentColumns(),
      { key: 'governmentLabelShare', label: 'С отметкой', num: true, value: d => d.governmentLabelShare, cell: d => fmtPercent(d.governmentLabelShare), title: 'Среднее по регионам округа' },
      { key: 'answeredShare', label: 'Отвечено', num: true, value: d => d.answeredShare, cell: d => fmtPercent(d.answeredShare), title: 'Все ответы ÷ все комментарии граждан в регионах округа' },
    ];
  }

  /** «↑3» / «↓2» for a change of place, «+1,2» / «−0,8» for a change of index; nothing when the API does not give it. */
  function change(value, kind) {
    if (!isNumber(value)) return null;
    if (kind === 'rank') {
      const text = value > 0 ? `↑${fmtInt(value)}` : value < 0 ? `↓${fmtInt(-value)}` : '=';
      return el('span', { className: 'change ' + (value > 0 ? 'up' : value < 0 ? 'down' : 'same'), title: 'Изменение места к предыдущему периоду', text });
    }
    const text = value > 0 ? `+${fmtOne(value)}` : value < 0 ? `−${fmtOne(-value)}` : '±0';
    return el('span', { className: 'change ' + (value > 0 ? 'up' : value < 0 ? 'down' : 'same'), title: 'Изменение медианы индекса к предыдущему периоду', text });
  }

  function regionLink(r) {
    return el('a', {
      href: '?view=regions&regionCode=' + r.regionCode,
      text: r.regionName,
      dataset: { code: String(r.regionCode) },
      onclick: event => { event.preventDefault(); event.stopPropagation(); openRegion(r.regionCode, true); },
    });
  }

  function districtLink(d) {
    return el('a', {
      href: '?view=regions&district=' + d.code,
      text: d.regionName,
      title: 'Показать регионы округа',
      onclick: event => { event.preventDefault(); event.stopPropagation(); chooseDistrict(d.code); },
    });
  }

  function chooseDistrict(code) {
    state.district = code;
    state.byDistrict = false;
    $('regions-district').value = code;
    $('regions-by-district').checked = false;
    remember();
    renderMap();
    renderTable();
  }

  /** One row per federal district, from its regions' rows (docs/metrics.md §8.1, «By federal district»). */
  function districtRows(regions) {
    const mean = values => { const v = values.filter(isNumber); return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null; };
    const rows = REF.districts.map(d => {
      const members = regions.filter(r => r.federalDistrict === d.code);
      if (members.length === 0) return null;
      const comments = members.reduce((s, r) => s + (r.citizenComments || 0), 0);
      const answered = members.reduce((s, r) => s + (r.answeredComments || 0), 0);
      const components = {};
      for (const key of state.components) {
        const value = mean(members.map(r => colourValue(r, key)));
        if (value !== null) components[key] = value;
      }
      return {
        code: d.code,
        regionName: districtShort(d.code),
        regionCount: members.length,
        pages: members.reduce((s, r) => s + r.pages, 0),
        medianIndex: mean(members.map(r => r.medianIndex)),
        medianComponents: components,
        governmentLabelShare: mean(members.map(r => r.governmentLabelShare)),
        answeredShare: comments > 0 ? answered / comments : null,
      };
    }).filter(Boolean);
    rows.slice().sort((a, b) => b.medianIndex - a.medianIndex).forEach((row, i) => { row.rank = i + 1; });
    return rows;
  }

  function sortRows(rows, column, dir) {
    const factor = dir === 'asc' ? 1 : -1;
    return rows.slice().sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const xMissing = x === null || x === undefined;
      const yMissing = y === null || y === undefined;
      if (xMissing || yMissing) return xMissing === yMissing ? a.rank - b.rank : xMissing ? 1 : -1; // no value: last either way
      const order = typeof x === 'string' ? x.localeCompare(y, 'ru') : x - y;
      return order !== 0 ? order * factor : a.rank - b.rank;
    });
  }

  function renderTable() {
    const columns = state.byDistrict ? districtColumns() : regionColumns();
    const column = columns.find(c => c.key === state.sort) || columns[0];
    state.sort = column.key;
    const dir = state.dir || (column.asc ? 'asc' : 'desc');
    const rows = state.byDistrict
      ? districtRows(state.regions)
      : state.regions.filter(r => !state.district || r.federalDistrict === state.district);

    $('regions-table').tHead.rows[0].replaceChildren(...columns.map(c => {
      const sorted = c.key === column.key;
      const th = el('th', {
        scope: 'col',
        className: (c.num ? 'num' : '') + (sorted ? ' sorted' : ''),
        title: c.title || null,
        dataset: { sort: c.key },
        'aria-sort': sorted ? (dir === 'asc' ? 'ascending' : 'descending') : null,
      }, el('button', {
        type: 'button',
        className: 'sort-head' + (sorted ? ' ' + dir : ''),
        text: c.label,
        onclick: () => {
          state.dir = c.key === column.key ? (dir === 'asc' ? 'desc' : 'asc') : (c.asc ? 'asc' : 'desc');
          state.sort = c.key;
          remember();
          renderTable();
        },
      }));
      return th;
    }));

    $('regions-table').tBodies[0].replaceChildren(...sortRows(rows, column, dir).map(row => {
      const tr = el('tr', {
        className: state.byDistrict ? 'district-row' : (state.open === row.regionCode ? 'selected' : ''),
        dataset: state.byDistrict ? { district: row.code } : { code: String(row.regionCode) },
        onclick: () => (state.byDistrict ? chooseDistrict(row.code) : openRegion(row.regionCode, true)),
      });
      tr.append(...columns.map(c => {
        const value = c.value(row);
        return el('td', {
          className: (c.num ? 'num' : '') + (c.key === column.key ? ' sorted' : '') + (c.key === 'regionName' ? ' name' : ''),
          dataset: { column: c.key, value: value === null || value === undefined ? '' : String(value) },
        }, c.cell(row));
      }));
      return tr;
    }));
    $('regions-table-title').textContent = state.byDistrict ? 'Федеральные округа' : (state.district ? `Регионы: ${DISTRICT_NAMES[state.district]}` : 'Регионы');
    $('regions-empty').hidden = rows.length > 0;
    $('regions-table-note').textContent = state.byDistrict
      ? 'По округам: страницы суммируются, доля отвеченных считается по всем комментариям округа, остальные значения — среднее по его регионам (каждый регион весит одинаково). Нажмите на округ, чтобы увидеть его регионы.'
      : 'Значения — медианы по страницам региона (0–100). Нажмите на регион в таблице или на карте, чтобы открыть подробности.';
  }

  // ---- Drill-down ----------------------------------------------------------------------------------------------------
  function markSelected() {
    for (const node of document.querySelectorAll('#regions-map .region-tile')) node.classList.toggle('selected', Number(node.dataset.code) === state.open);
    for (const row of document.querySelectorAll('#regions-table tbody tr[data-code]')) row.classList.toggle('selected', Number(row.dataset.code) === state.open);
  }

  async function openRegion(code, scroll) {
    const request = ++state.detailRequest;
    state.open = code;
    remember();
    markSelected();
    const panel = $('region-detail');
    panel.hidden = false;
    $('region-detail-title').textContent = REGION_NAMES[code] || `Регион ${code}`;
    $('region-detail-body').replaceChildren(el('p', { className: 'note', text: 'Загрузка…' }));
    if (scroll) panel.scrollIntoView({ block: 'start' });
    try {
      const detail = await getJson(`regions/${encodeURIComponent(code)}`, { period: state.period });
      if (request !== state.detailRequest) return;
      renderDetail(detail);
    } catch (error) {
      if (request !== state.detailRequest) return;
      const text = error instanceof GA.ApiError && error.status === 404 && state.body
        ? [el('strong', { text: 'В показанном расчёте у этого региона нет страниц.' })]
        : errorBox(error, 'regions');
      $('region-detail-body').replaceChildren(el('div', { className: 'error', role: 'alert' }, text));
    }
  }

  function closeRegion() {
    state.detailRequest++;
    state.open = null;
    remember();
    markSelected();
    $('region-detail').hidden = true;
    $('region-detail-body').replaceChildren();
  }

  function metric(label, value, title) {
    return el('div', { title }, el('dt', { text: label }), el('dd', { text: value }));
  }

  function card(title, id, ...content) {
    return el('section', { className: 'detail-card', id }, el('h3', { text: title }), ...content);
  }

  function breakdownTable(id, firstHeader, rows, name) {
    return el('table', { id },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: firstHeader }),
        el('th', { scope: 'col', className: 'num', text: 'Страниц' }),
        el('th', { scope: 'col', className: 'num', text: 'Активных' }),
        el('th', { scope: 'col', className: 'num', text: 'Медиана индекса' }))),
      el('tbody', {}, rows.map(row => el('tr', {},
        el('td', { text: name(row) }),
        el('td', { className: 'num', dataset: { value: String(row.pages) }, text: fmtInt(row.pages) }),
        el('td', { className: 'num', dataset: { value: String(row.activePages) }, text: fmtInt(row.activePages) }),
        el('td', { className: 'num', dataset: { value: String(row.medianIndex) }, text: fmtScore(row.medianIndex) })))));
  }

  /** The address that opens the page's profile over this view (for a new tab; a click opens it in place). */
  function pageHref(item) {
    const params = new URLSearchParams(location.search);
    params.set('page', `${item.platform}/${item.pageId}`);
    return '?' + params.toString();
  }

  function pagesTable(id, items) {
    if (!items || items.length === 0) return el('p', { className: 'note', text: 'Нет страниц.' });
    return el('table', { id },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', className: 'num', text: 'Место' }),
        el('th', { scope: 'col', text: 'Страница' }),
        el('th', { scope: 'col', text: 'Платформа' }),
        el('th', { scope: 'col', text: 'Тип' }),
        el('th', { scope: 'col', className: 'num', text: 'Индекс' }))),
      el('tbody', {}, items.map(item => el('tr', { dataset: { platform: item.platform, pageId: item.pageId } },
        el('td', { className: 'num rank', text: fmtInt(item.rank) }),
        el('td', { className: 'name' }, el('a', {
          href: pageHref(item),
          text: item.name,
          onclick: event => { event.preventDefault(); if (GA.openProfile) GA.openProfile(item.platform, item.pageId, { period: state.period }); },
        })),
        el('td', { text: platformName(item.platform) }),
        el('td', { text: kindName(item.kind) }),
        el('td', { className: 'num', dataset: { value: String(item.index) }, text: fmtScore(item.index) })))));
  }

  function renderDetail(d) {
    const r = d.region;
    $('region-detail-title').textContent = r.regionName;
    const body = [
      el('p', { className: 'profile-meta', id: 'region-detail-meta', text: [
        districtShort(r.federalDistrict) + ' федеральный округ',
        `место ${fmtInt(r.rank)} из ${fmtInt(d.regionTotal)} по медиане индекса`,
        `период: ${PERIOD_NAMES[d.period] || d.period}, по ${fmtDay(d.metricDay)}`,
      ].join(' · ') }),
      el('div', { className: 'profile-score' },
        el('div', {},
          el('div', { className: 'profile-index-label', text: 'Медиана индекса' }),
          el('div', { className: 'profile-index', id: 'region-detail-index', dataset: { value: String(r.medianIndex) }, text: fmtScore(r.medianIndex) })),
        bar(r.medianIndex)),
      el('dl', { className: 'metrics', id: 'region-detail-metrics' },
        metric('Страниц', fmtInt(r.pages)),
        metric('Активных страниц', fmtInt(r.activePages), 'Страницы хотя бы с одним постом за период'),
        metric('Средний индекс', fmtScore(r.meanIndex)),
        metric('С отметкой «Госорганизация»', fmtPercent(r.governmentLabelShare)),
        metric('Постов в неделю (медиана)', fmtOne(r.medianPostsPerWeek)),
        metric('Постов за период', fmtInt(r.posts)),
        metric('Просмотры', fmtInt(r.views)),
        metric('Комментарии граждан', fmtInt(r.citizenComments)),
        metric('Доля отвеченных', fmtPercent(r.answeredShare), 'Все ответы ÷ все комментарии граждан в регионе'),
        metric('Эфиры', r.broadcasts === null || r.broadcasts === undefined ? 'не собирались' : fmtInt(r.broadcasts))),
    ];
    const components = state.components.filter(key => isNumber((r.medianComponents || {})[key]));
    const cards = [
      card('Компоненты индекса: медианы', 'region-detail-components', el('table', {},
        el('tbody', {}, components.map(key => el('tr', { dataset: { component: key }, title: COMPONENT_HINTS[key] || null },
          el('td', { text: componentName(key) }),
          el('td', { className: 'num', text: fmtScore(r.medianComponents[key]) }),
          el('td', {}, bar(r.medianComponents[key]))))))),
      card('По типам организаций', 'region-detail-kinds', breakdownTable('region-by-kind', 'Тип', d.byKind || [], row => row.kindName || kindName(row.kind))),
      card('По платформам', 'region-detail-platforms', breakdownTable('region-by-platform', 'Платформа', d.byPlatform || [], row => platformName(row.platform))),
    ];
    if (Array.isArray(d.byMunicipality) && d.byMunicipality.length) {
      cards.push(card('По муниципальным образованиям', 'region-detail-municipalities',
        el('div', { className: 'table-wrap scroll-y' }, breakdownTable('region-by-municipality', 'Муниципальное образование', d.byMunicipality,
          row => row.municipalityName || row.name || row.municipality || '—'))));
    }
    cards.push(
      card('Лучшие страницы', 'region-detail-best', pagesTable('region-top-pages', d.topPages)),
      card('Слабые страницы', 'region-detail-weakest', pagesTable('region-bottom-pages', d.bottomPages)),
      card('Динамика', 'region-detail-trend', el('p', { className: 'note', text: 'Загрузка…' })));
    body.push(el('div', { className: 'detail-grid' }, cards));
    $('region-detail-body').replaceChildren(...body);
    loadTrend(r.regionCode);
  }

  /** The region's median index, place and answered share over time (GET /api/regions/{code}/history), drawn by GA.charts. */
  async function loadTrend(code) {
    const request = state.detailRequest;
    const target = () => document.querySelector('#region-detail-trend');
    const later = () => { const t = target(); if (t) t.replaceChildren(el('h3', { text: 'Динамика' }), el('p', { className: 'note', id: 'region-trend-note', text: HISTORY_LATER + '.' })); };
    let history;
    try {
      history = await getJson(`regions/${encodeURIComponent(code)}/history`, { period: state.period });
    } catch (error) {
      if (request === state.detailRequest) later();
      return;
    }
    if (request !== state.detailRequest || !target()) return;
    const items = history.items || [];
    if (items.length < 2) { later(); return; }
    const days = items.map(p => p.metricDay);
    target().replaceChildren(
      el('h3', { text: 'Динамика' }),
      GA.charts.line({ id: 'region-trend-index', title: 'Медиана индекса', days, format: fmtScore, min: 0, max: 100,
        series: [{ label: 'Медиана индекса', values: items.map(p => p.medianIndex) }] }),
      GA.charts.line({ id: 'region-trend-rank', title: `Место среди регионов (из ${fmtInt(items[items.length - 1].regionTotal)})`, days, invert: true, format: fmtInt,
        series: [{ label: 'Место', values: items.map(p => p.rank) }] }),
      GA.charts.line({ id: 'region-trend-answered', title: 'Доля отвеченных комментариев граждан', days, format: GA.fmtPercent, min: 0, max: 1,
        series: [{ label: 'Доля отвеченных', values: items.map(p => p.answeredShare) }] }));
  }

  // ---- Start ---------------------------------------------------------------------------------------------------------
  let built = false;
  GA.registerView('regions', {
    show(params, first) {
      const previousPeriod = state.period;
      readParams(params);
      if (!built) {
        buildControls();
        built = true;
      }
      if (first || state.period !== previousPeriod || !state.body) load();
    },
  });
})();
