// GosAnalytics dashboard, the organisations view: organisations whose pages the registry links across platforms, their combined
// index, and one organisation's card with its VK, OK, Telegram and MAX pages side by side. Also adds «Другие страницы организации»
// to the page profile.
'use strict';

(() => {
  const GA = window.GA;
  const { REF, PERIOD_NAMES, PERIOD_SPANS, componentName, kindName, platformName, fmtInt, fmtScore, fmtDay, plural, $, el, bar, getJson, errorBox } = GA;
  const PLATFORMS = REF.platforms;
  const PAGE_SIZE = 50;
  // «Нет страницы в …»: the platform's name in the prepositional case.
  const PLATFORM_IN = { vk: 'во ВКонтакте', ok: 'в Одноклассниках', telegram: 'в Telegram', max: 'в MAX' };

  const state = { region: '', search: '', period: 'week', items: [], total: 0, request: 0, cardRequest: 0, org: '' };

  function fillSelect(select, options, value) {
    select.replaceChildren(...options.map(([code, label]) => el('option', { value: code, text: label })));
    if (!options.some(([code]) => code === String(value))) select.append(el('option', { value: String(value), text: String(value) }));
    select.value = String(value);
  }

  function showError(error, context) {
    const box = $('org-error');
    box.replaceChildren(...errorBox(error, context));
    box.hidden = false;
  }

  const organisationsWord = n => plural(n, 'организация', 'организации', 'организаций');
  GA.PARAMETER_MESSAGES.search = () => 'Строка поиска должна быть не длиннее 100 символов.';
  GA.PARAMETER_MESSAGES.id = v => `Идентификатор организации «${v}» задан неверно: допустимы буквы, цифры, «-», «_» и «.».`;

  /** The error box of the card: an unknown organisation is its own case (the shared text speaks of the ranking). */
  function cardError(error) {
    if (error instanceof GA.ApiError && error.status === 404 && error.problem && error.problem.organisationId) {
      return [el('strong', { text: 'Организация не найдена в показанном расчёте: ни одна её страница не оценена.' }),
        error.problem.detail ? el('details', {}, el('summary', { text: 'Техническая информация' }), el('code', { text: error.problem.detail })) : null];
    }
    return errorBox(error, 'organisation');
  }

  // ---- The list ------------------------------------------------------------------------------------------------------
  async function loadList(append) {
    const request = ++state.request;
    const skip = append ? state.items.length : 0;
    const table = $('org-table');
    table.setAttribute('aria-busy', 'true');
    GA.rememberParams({ region: state.region, search: state.search, period: state.period === 'week' ? '' : state.period });
    try {
      const body = await getJson('organisations', { region: state.region, search: state.search, period: state.period, top: PAGE_SIZE, skip });
      if (request !== state.request) return;
      $('org-error').hidden = true;
      state.total = body.total;
      state.items = append ? state.items.concat(body.items) : body.items.slice();
      renderList(body);
    } catch (error) {
      if (request !== state.request) return;
      showError(error, 'organisations');
      state.items = [];
      table.tBodies[0].replaceChildren();
      $('org-wrap').hidden = true;
      $('org-more').hidden = true;
      $('org-summary').textContent = 'Нет данных для показа.';
    } finally {
      if (request === state.request) table.removeAttribute('aria-busy');
    }
  }

  function pageCell(item, platform) {
    const pages = item.pages.filter(p => p.platform === platform);
    if (pages.length === 0) return el('td', { className: 'num absent', dataset: { platform }, text: '—', title: `Нет страницы ${PLATFORM_IN[platform] || 'на платформе ' + platformName(platform)}` });
    return el('td', { className: 'num', dataset: { platform, value: pages.map(p => p.index).join(' ') } },
      pages.flatMap((p, i) => [i > 0 ? ' · ' : null, el('a', {
        href: '#', text: fmtScore(p.index), title: `${p.name}: открыть профиль страницы`,
        onclick: event => { event.preventDefault(); GA.openProfile(p.platform, p.pageId, { period: state.period }); },
      })]));
  }

  function listRow(item) {
    return el('tr', { dataset: { organisationId: item.organisationId } },
      el('td', { className: 'num rank', text: fmtInt(item.rank) }),
      el('td', { className: 'name' }, el('a', {
        href: `?view=organisations&org=${encodeURIComponent(item.organisationId)}`,
        text: item.name,
        dataset: { organisationId: item.organisationId },
        onclick: event => { event.preventDefault(); openCard(item.organisationId); },
      }), el('div', { className: 'note', text: item.regionName ? `${item.regionCode} — ${item.regionName}` : `регион ${item.regionCode}` })),
      el('td', { text: item.municipality || 'региональный уровень', className: item.municipality ? '' : 'absent' }),
      el('td', { className: 'kind', text: kindName(item.kind) }),
      ...PLATFORMS.map(platform => pageCell(item, platform)),
      el('td', { className: 'index', dataset: { value: item.combinedIndex } },
        el('div', { className: 'index-cell' }, el('span', { className: 'index-value', text: fmtScore(item.combinedIndex) }), bar(item.combinedIndex))),
      el('td', { className: 'num', text: `${fmtInt(item.regionRank)} из ${fmtInt(item.regionTotal)}` }));
  }

  function renderList(body) {
    $('org-table').tBodies[0].replaceChildren(...state.items.map(listRow));
    $('org-wrap').hidden = state.items.length === 0;
    $('org-empty').hidden = state.items.length > 0;
    $('org-more').hidden = state.items.length >= state.total;
    $('org-more').textContent = `Ещё ${fmtInt(Math.min(PAGE_SIZE, state.total - state.items.length))}`;
    $('org-title').textContent = `Организации ${PERIOD_SPANS[body.period] || ''}, по ${fmtDay(body.metricDay)}`;
    const scope = [body.regionName ? `${body.region} — ${body.regionName}` : 'Все регионы', body.search ? `поиск «${body.search}»` : null].filter(Boolean).join(', ');
    $('org-summary').textContent = `${scope}. ${plural(body.total, 'Найдена', 'Найдено', 'Найдено')} ${fmtInt(body.total)} ${organisationsWord(body.total)}` +
      (state.items.length ? `, показаны 1–${fmtInt(state.items.length)}` : '') + '. Общий индекс — среднее индексов страниц организации.';
  }

  function readFilters() {
    state.region = $('org-region').value;
    state.search = $('org-search').value.trim();
    state.period = $('org-period').value;
  }

  // ---- The card ------------------------------------------------------------------------------------------------------
  async function openCard(id) {
    const request = ++state.cardRequest;
    state.org = id;
    GA.rememberParams({ org: id });
    const card = $('org-card');
    card.hidden = false;
    card.replaceChildren(el('p', { className: 'note', text: 'Загрузка…' }));
    try {
      const body = await getJson(`organisations/${encodeURIComponent(id)}`, { period: state.period });
      if (request !== state.cardRequest) return;
      renderCard(body);
      card.scrollIntoView({ block: 'nearest' });
    } catch (error) {
      if (request !== state.cardRequest) return;
      card.replaceChildren(el('div', { className: 'error', role: 'alert' }, cardError(error)));
    }
  }

  function closeCard() {
    state.cardRequest++;
    state.org = '';
    GA.rememberParams({ org: '' });
    $('org-card').hidden = true;
    $('org-card').replaceChildren();
  }

  function renderCard(o) {
    const c = o.combined;
    const meta = [
      kindName(o.kind),
      o.regionName ? `${o.regionCode} — ${o.regionName}` : `регион ${o.regionCode}`,
      o.municipality || 'региональный уровень',
      `идентификатор ${o.organisationId}`,
    ].join(' · ');
    const pages = o.pages;
    const keys = REF.components.slice();
    for (const p of pages) Object.keys(p.components || {}).forEach(k => { if (!keys.includes(k)) keys.push(k); });
    const cells = (render, className) => pages.map(p => el('td', { className: className || 'num', dataset: { platform: p.platform, pageId: p.pageId } }, render(p)));
    const row = (label, render, className) => el('tr', {}, el('th', { scope: 'row', text: label }), ...cells(render, className));
    $('org-card').replaceChildren(
      el('div', { className: 'org-card-head' },
        el('div', {},
          el('h3', { id: 'org-card-title', text: o.name }),
          el('p', { className: 'profile-meta', text: meta })),
        el('button', { type: 'button', className: 'close-card', text: 'Закрыть', onclick: closeCard })),
      el('div', { className: 'profile-score' },
        el('div', {},
          el('div', { className: 'profile-index-label', text: 'Общий индекс' }),
          el('div', { className: 'profile-index', id: 'org-card-index', dataset: { value: c.index }, text: fmtScore(c.index) })),
        bar(c.index),
        el('div', { className: 'places' },
          el('span', { id: 'org-card-region-rank', text: `Место среди организаций региона: ${fmtInt(c.regionRank)} из ${fmtInt(c.regionTotal)}` }),
          el('span', { text: `Место среди организаций России: ${fmtInt(c.nationalRank)} из ${fmtInt(c.nationalTotal)}` }),
          el('span', { className: 'note', text: `Среднее индексов ${fmtInt(c.pages)} ${plural(c.pages, 'страницы', 'страниц', 'страниц')} ${PERIOD_SPANS[o.period] || ''}, по ${fmtDay(o.metricDay)}` }))),
      el('div', { className: 'table-wrap' }, el('table', { id: 'org-pages' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '' }),
          ...pages.map(p => el('th', { scope: 'col', className: 'num', dataset: { platform: p.platform }, text: platformName(p.platform) })))),
        el('tbody', {},
          row('Страница', p => el('a', {
            href: '#', text: p.name, dataset: { platform: p.platform, pageId: p.pageId },
            onclick: event => { event.preventDefault(); GA.openProfile(p.platform, p.pageId, { period: state.period }); },
          }), 'page-name'),
          row('Подписчики', p => fmtInt(p.subscribers)),
          el('tr', { className: 'org-index-row' }, el('th', { scope: 'row', text: 'Индекс качества' }),
            ...pages.map(p => el('td', { className: 'num index', dataset: { platform: p.platform, pageId: p.pageId, value: p.index } },
              el('div', { className: 'index-cell' }, el('span', { className: 'index-value', text: fmtScore(p.index) }), bar(p.index))))),
          row('Место в регионе', p => `${fmtInt(p.regionRank)} из ${fmtInt(p.regionTotal)}`),
          row('Место в России', p => `${fmtInt(p.nationalRank)} из ${fmtInt(p.nationalTotal)}`),
          ...keys.map(key => el('tr', { dataset: { component: key } }, el('th', { scope: 'row', className: 'component-name', text: componentName(key), title: GA.COMPONENT_HINTS[key] || null }),
            ...pages.map(p => {
              const value = (p.components || {})[key];
              // As in the ranking and the profile: a first run's growth is not «not measured», it waits for a second day.
              const waits = key === 'growth' && GA.growthNeedsHistory(p);
              return el('td', {
                className: 'num component' + (GA.isNumber(value) ? '' : ' absent'),
                dataset: { platform: p.platform, pageId: p.pageId, component: key, value: GA.isNumber(value) ? value : '' },
                title: waits ? GA.GROWTH_NOTE : null,
                text: GA.isNumber(value) ? fmtScore(value) : waits ? 'нужны данные за два дня' : 'не измеряется',
              });
            })))))),
      el('p', { className: 'note', text: 'Страницы одной организации связаны по её идентификатору в реестре. Общий индекс — простое среднее индексов её страниц: каждая официальная страница должна вестись, каким бы ни был её охват.' }));
  }

  // ---- The page profile's line ---------------------------------------------------------------------------------------
  GA.profileSections.push(profile => {
    if (!profile.organisationId) return null;
    const line = el('p', { className: 'org-line', id: 'profile-organisation' }, 'Другие страницы организации: загрузка…');
    getJson(`organisations/${encodeURIComponent(profile.organisationId)}`, { period: profile.period }).then(o => {
      const others = o.pages.filter(p => !(p.platform === profile.platform && p.pageId === profile.pageId));
      const card = el('a', {
        href: `?view=organisations&org=${encodeURIComponent(o.organisationId)}`, text: `общий индекс ${fmtScore(o.combined.index)}`,
        onclick: event => { event.preventDefault(); $('profile').close(); GA.showView('organisations', { org: o.organisationId }); },
      });
      line.replaceChildren(el('strong', { text: 'Другие страницы организации: ' }),
        ...(others.length === 0 ? ['нет'] : others.flatMap((p, i) => [...(i > 0 ? [', '] : []), el('a', {
          href: '#', text: `${platformName(p.platform)} — ${p.name} (${fmtScore(p.index)})`, dataset: { platform: p.platform, pageId: p.pageId },
          onclick: event => { event.preventDefault(); GA.openProfile(p.platform, p.pageId, { period: state.period }); },
        })])), ' · ', card);
    }).catch(() => { line.textContent = 'Другие страницы организации: не удалось загрузить.'; });
    return line;
  });

  // ---- Start ---------------------------------------------------------------------------------------------------------
  function start(params) {
    state.region = params.region || '';
    state.search = params.search || '';
    state.period = params.period || 'week';
    fillSelect($('org-region'), [['', 'Все регионы'], ...REF.regions.map(r => [String(r.code), `${r.code} — ${r.name}`])], state.region);
    fillSelect($('org-period'), REF.periods.map(p => [p, PERIOD_NAMES[p] || p]), state.period);
    $('org-search').value = state.search;
    for (const id of ['org-region', 'org-period']) $(id).addEventListener('change', () => { readFilters(); loadList(false); if (state.org) openCard(state.org); });
    $('org-filters').addEventListener('submit', event => { event.preventDefault(); readFilters(); loadList(false); });
    $('org-more').addEventListener('click', () => loadList(true));
  }

  GA.registerView('organisations', {
    show(params, first) {
      if (first) {
        start(params);
        loadList(false);
      }
      if (params.org && params.org !== state.org) openCard(params.org);
    },
  });
})();
