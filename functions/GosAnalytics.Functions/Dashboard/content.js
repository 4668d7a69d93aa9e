// GosAnalytics dashboard, the «Контент» view: the best posts and broadcasts of the period and the citizens' comments left
// unanswered longest, with filters, each with a link to it on its platform.
'use strict';

(() => {
  const GA = window.GA;
  const { REF, $, el, getJson, apiUrl, errorBox, rememberParams, platformName, kindName, fmtInt, fmtPercent, fmtMoscow, fmtDay,
    fmtAttachments, fmtAge, fmtDuration, externalLink, PERIOD_NAMES, PERIOD_SPANS, integer, plural } = GA;

  const PAGE_SIZE = 20;
  const SORT_NAMES = { interactions: 'Взаимодействия', views: 'Просмотры', erViews: 'ER по просмотрам' };
  const STATUS_NAMES = { live: 'идёт сейчас', ended: 'завершён', upcoming: 'анонс' };
  // What each tab lists: its route, its parameters, its title and its table.
  const TABS = {
    posts: { route: 'posts/top', params: ['region', 'platform', 'kind', 'period', 'sort'], title: 'Лучшие посты' },
    broadcasts: { route: 'broadcasts/top', params: ['region', 'platform', 'period'], title: 'Лучшие эфиры' },
    unanswered: { route: 'comments/unanswered', params: ['region', 'platform', 'kind'], title: 'Комментарии граждан без ответа' },
  };

  const state = { tab: 'posts', region: '', platform: '', kind: '', period: 'week', sort: 'interactions', items: [], total: 0, request: 0, built: false };

  function fill(select, options, value) {
    select.replaceChildren(...options.map(([code, label]) => el('option', { value: code, text: label })));
    select.value = options.some(([code]) => code === value) ? value : options[0][0];
  }

  function build() {
    fill($('content-region'), [['', 'Все регионы'], ...REF.regions.map(r => [String(r.code), `${r.code} — ${r.name}`])], state.region);
    fill($('content-platform'), [['', 'Все платформы'], ...REF.platforms.map(p => [p, platformName(p)])], state.platform);
    fill($('content-kind'), [['', 'Все типы'], ...REF.kinds.map(k => [k.code, k.name])], state.kind);
    fill($('content-period'), REF.periods.map(p => [p, PERIOD_NAMES[p] || p]), state.period);
    fill($('content-sort'), Object.entries(SORT_NAMES), state.sort);
    for (const id of ['content-region', 'content-platform', 'content-kind', 'content-period', 'content-sort']) {
      $(id).addEventListener('change', () => { read(); load(false); });
    }
    $('content-filters').addEventListener('submit', event => { event.preventDefault(); read(); load(false); });
    for (const tab of document.querySelectorAll('[data-content-tab]')) {
      tab.addEventListener('click', () => { state.tab = tab.dataset.contentTab; load(false); });
    }
    $('content-more').addEventListener('click', () => load(true));
  }

  function read() {
    state.region = $('content-region').value;
    state.platform = $('content-platform').value;
    state.kind = $('content-kind').value;
    state.period = $('content-period').value;
    state.sort = $('content-sort').value;
  }

  function params(extra) {
    const all = { region: state.region, platform: state.platform, kind: state.kind, period: state.period, sort: state.sort };
    const own = Object.fromEntries(TABS[state.tab].params.map(key => [key, all[key]]));
    return Object.assign(own, extra);
  }

  /** The page a post, broadcast or comment belongs to: its name opens the profile, «↗» opens it on its platform. */
  function pageCell(item) {
    return el('td', { className: 'name' },
      el('a', {
        href: `?page=${encodeURIComponent(item.platform + '/' + item.pageId)}`,
        text: item.pageName,
        dataset: { platform: item.platform, pageId: item.pageId },
        onclick: event => { event.preventDefault(); if (GA.openProfile) GA.openProfile(item.platform, item.pageId, { period: state.period }); },
      }),
      externalLink(item.pageUrl, `Открыть «${item.pageName}» на платформе ${platformName(item.platform)}`),
      el('div', { className: 'sub', text: `${platformName(item.platform)} · ${kindName(item.kind)} · регион ${item.regionCode}` }));
  }

  /** A text preview with the link to the item on its platform (or why there is none). */
  function textCell(text, url, linkTitle) {
    return el('td', { className: 'preview' },
      el('span', { className: 'preview-text', text: text || '(без текста)' }),
      url ? externalLink(url, linkTitle) : null);
  }

  const num = (value, key) => el('td', { className: 'num', dataset: { key, value: value === null || value === undefined ? '' : value }, text: fmtInt(value) });

  const HEADS = {
    posts: ['Место', 'Пост', 'Страница', 'Опубликован', 'Вложения', 'Просмотры', 'Лайки', 'Репосты', 'Комментарии', 'ER'],
    broadcasts: ['Место', 'Эфир', 'Страница', 'Начало', 'Статус', 'Просмотры', 'Зрителей на пике', 'Длительность'],
    unanswered: ['Место', 'Комментарий', 'Ждёт ответа', 'Написан', 'Страница'],
  };

  const NUMERIC = { posts: [0, 3, 5, 6, 7, 8, 9], broadcasts: [0, 3, 5, 6, 7], unanswered: [0, 2, 3] };

  function row(item) {
    const dataset = { platform: item.platform, pageId: item.pageId };
    if (state.tab === 'posts') {
      return el('tr', { dataset: Object.assign(dataset, { postId: item.postId }) },
        el('td', { className: 'num rank', text: fmtInt(item.rank) }),
        textCell(item.textPreview, item.url, 'Открыть пост на платформе'),
        pageCell(item),
        el('td', { className: 'num', text: fmtMoscow(item.publishedAt) }),
        el('td', { className: 'attachments', text: fmtAttachments(item.attachments) }),
        num(item.views, 'views'), num(item.likes, 'likes'), num(item.reposts, 'reposts'), num(item.comments, 'comments'),
        el('td', { className: 'num', dataset: { key: 'erViews', value: item.erViews ?? '' }, text: fmtPercent(item.erViews) }));
    }
    if (state.tab === 'broadcasts') {
      return el('tr', { dataset: Object.assign(dataset, { broadcastId: item.broadcastId }) },
        el('td', { className: 'num rank', text: fmtInt(item.rank) }),
        textCell(item.title, item.url, 'Открыть эфир на платформе'),
        pageCell(item),
        el('td', { className: 'num', text: fmtMoscow(item.startedAt) }),
        el('td', { text: STATUS_NAMES[item.status] || item.status }),
        num(item.views, 'views'), num(item.peakViewers, 'peakViewers'),
        el('td', { className: 'num', dataset: { key: 'duration' }, text: fmtDuration(item.durationSeconds) }));
    }
    return el('tr', { dataset: Object.assign(dataset, { commentId: item.commentId }) },
      el('td', { className: 'num rank', text: fmtInt(item.rank) }),
      textCell(item.text, item.url, 'Открыть пост, под которым оставлен комментарий'),
      el('td', { className: 'num age', dataset: { key: 'ageHours', value: item.ageHours }, text: fmtAge(item.ageHours) }),
      el('td', { className: 'num', text: fmtMoscow(item.postedAt) }),
      pageCell(item));
  }

  function summary(body) {
    const scope = [body.regionName ? `${body.region} — ${body.regionName}` : 'Все регионы',
      body.platform ? platformName(body.platform) : null, body.kind ? kindName(body.kind) : null].filter(Boolean).join(', ');
    const shown = state.items.length ? `, показаны 1–${fmtInt(state.items.length)}` : '';
    if (state.tab === 'unanswered') {
      return `${scope}. Без ответа к концу ${fmtDay(body.metricDay)}: ${fmtInt(body.total)} ${plural(body.total, 'комментарий', 'комментария', 'комментариев')} из самых давних${shown}.`;
    }
    const what = state.tab === 'posts' ? plural(body.total, 'пост', 'поста', 'постов') : plural(body.total, 'эфир', 'эфира', 'эфиров');
    return `${scope}, ${PERIOD_SPANS[body.period] || ''} по ${fmtDay(body.metricDay)}: ${fmtInt(body.total)} ${what}${shown}.`;
  }

  function note(body) {
    if (state.tab === 'posts') {
      return body.sort === 'erViews' && body.minViews ? `ER по просмотрам считается для постов, набравших не меньше ${fmtInt(body.minViews)} просмотров.`
        : 'Ссылки «↗» открывают пост на его платформе. У постов MAX ссылки нет: Bot API не даёт публичный адрес поста по его номеру.';
    }
    if (state.tab === 'broadcasts') return 'Эфиры собираются во ВКонтакте; у других платформ API прямых эфиров не показывает.';
    return 'Комментарии граждан, на которые страница не ответила дольше всего (время — до конца дня данных). Ссылка «↗» открывает пост с комментарием. '
      + 'Сборщики Одноклассников и Telegram комментарии граждан не читают: в реальных данных этих платформ здесь нет.';
  }

  async function load(append) {
    const tab = TABS[state.tab];
    const request = ++state.request;
    for (const button of document.querySelectorAll('[data-content-tab]')) {
      button.setAttribute('aria-pressed', String(button.dataset.contentTab === state.tab));
    }
    for (const field of document.querySelectorAll('#content-filters [data-for]')) field.hidden = !field.dataset.for.split(' ').includes(state.tab);
    rememberParams({ tab: state.tab === 'posts' ? '' : state.tab, region: state.region, platform: state.platform, kind: state.kind,
      period: state.period === 'week' ? '' : state.period, csort: state.sort === 'interactions' ? '' : state.sort });
    $('content-title').textContent = tab.title;
    $('content-csv').href = apiUrl(tab.route, params({ format: 'csv' })).toString();
    const table = $('content-table');
    table.setAttribute('aria-busy', 'true');
    try {
      const body = await getJson(tab.route, params({ top: PAGE_SIZE, skip: append ? state.items.length : 0 }));
      if (request !== state.request) return;
      $('content-error').hidden = true;
      state.items = append ? state.items.concat(body.items) : body.items.slice();
      state.total = body.total;
      table.tHead.rows[0].replaceChildren(...HEADS[state.tab].map((h, i) => el('th', { scope: 'col', className: NUMERIC[state.tab].includes(i) ? 'num' : '', text: h })));
      table.tBodies[0].replaceChildren(...state.items.map(row));
      table.parentElement.hidden = state.items.length === 0;
      $('content-empty').hidden = state.items.length > 0;
      $('content-more').hidden = state.items.length >= state.total;
      $('content-more').textContent = `Ещё ${integer.format(Math.min(PAGE_SIZE, state.total - state.items.length))}`;
      $('content-summary').textContent = summary(body);
      $('content-note').textContent = note(body);
    } catch (error) {
      if (request !== state.request) return;
      $('content-error').replaceChildren(...errorBox(error, 'content'));
      $('content-error').hidden = false;
      state.items = [];
      table.tBodies[0].replaceChildren();
      table.parentElement.hidden = true;
      $('content-more').hidden = true;
      $('content-summary').textContent = 'Нет данных для показа.';
    } finally {
      if (request === state.request) table.removeAttribute('aria-busy');
    }
  }

  GA.registerView('content', {
    show(params, first) {
      if (first) {
        state.tab = TABS[params.tab] ? params.tab : 'posts';
        state.region = params.region || '';
        state.platform = params.platform || '';
        state.kind = params.kind || '';
        state.period = params.period || 'week';
        // «csort», not «sort»: the ranking reads «sort» from the same address, and a post order (views) is no ranking order.
        state.sort = params.csort || 'interactions';
        build();
        read();
      }
      load(false);
    },
  });
})();
