// GosAnalytics dashboard, shared part: Russian names, formatting, DOM helpers, the API client, error boxes and the views.
// Vanilla JS, no external resources. Data is only ever put into the page as text (never as HTML). The view scripts that
// follow this one read everything from window.GA.
'use strict';

(() => {
  const REF = JSON.parse(document.getElementById('reference-data').textContent);

  // ---- Russian names -------------------------------------------------------------------------------------------------
  const PLATFORM_NAMES = { vk: 'ВКонтакте', ok: 'Одноклассники', telegram: 'Telegram', max: 'MAX' };
  const PERIOD_NAMES = { day: 'день', week: 'неделя', month: 'месяц (30 дней)' };
  const PERIOD_SPANS = { day: 'за день', week: 'за неделю', month: 'за 30 дней' };
  const KIND_NAMES = Object.fromEntries(REF.kinds.map(k => [k.code, k.name]));
  const COMPONENT_NAMES = {
    engagement: 'Вовлечённость',
    reach: 'Охват',
    activity: 'Активность',
    responsiveness: 'Ответы гражданам',
    growth: 'Рост аудитории',
    compliance: 'Оформление',
    contentQuality: 'Качество контента',
  };
  const COMPONENT_HINTS = {
    engagement: 'Процентиль медианного ER по просмотрам ((лайки + репосты + комментарии) ÷ просмотры) среди похожих страниц',
    reach: 'Процентиль медианного охвата (просмотры ÷ подписчики) среди похожих страниц',
    activity: 'Регулярность: постов в неделю относительно нормы 3 поста в неделю (норма и выше = 100)',
    responsiveness: 'Доля отвеченных комментариев граждан (70 %) и скорость ответа (30 %: до 1 ч — полностью, от 24 ч — ноль)',
    growth: 'Процентиль прироста подписчиков за период среди похожих страниц',
    compliance: 'Оформление страницы: доля выполненных требований из тех, что платформа позволяет проверить, — отметка «Госорганизация» (ВКонтакте), описание, аватар, контакты и ссылка на официальный сайт',
    contentQuality: 'Процентиль медианной оценки постов моделью качества контента среди похожих страниц: текст, читаемость, канцелярит, медиа, формат и время публикации — без учёта размера аудитории',
  };
  const STATUS_NAMES = {
    starting: 'запускается',
    collecting: 'идёт сбор данных',
    aggregating: 'идёт подсчёт',
    completed: 'завершён',
    partial: 'завершён частично',
    failed: 'не удался',
  };
  // What a page's collection could not fully read: a short badge and its explanation.
  const PAGE_NOTICES = {
    wallTruncated: ['не все посты', 'Постов за период больше, чем читает сборщик: самые старые не учтены.'],
    broadcastsNotCollected: ['эфиры не собраны', 'Прямые эфиры этой страницы не собирались: их число неизвестно, а не равно нулю.'],
    commentsIncomplete: ['не все комментарии', 'Комментарии под частью постов прочитать не удалось: показатели ответов неполные.'],
  };
  const MAX_NOTE = 'MAX через Bot API сообщает только просмотры и комментарии: реакций и репостов в нём не видно, поэтому вовлечённость '
    + 'не измеряется, а индекс считается по остальным компонентам. Отметки «Госорганизация» API не показывает: оформление оценивается '
    + 'по описанию, аватару, контактам и ссылке на сайт в описании. Канал сравнивается только с каналами MAX.';
  // Growth compares subscribers with an earlier day: a first run has none, so the component is absent, not zero.
  const GROWTH_NOTE = 'Рост аудитории считается по двум дням данных: у страницы ещё нет числа подписчиков за более ранний день.';
  /** Growth is absent because the page has no subscriber count of an earlier day (a first run), not because it is zero. */
  const growthNeedsHistory = page => !isNumber((page.components || {}).growth) && !isNumber((page.metrics || {}).subscriberGrowth);
  const ATTACHMENT_NAMES = { photo: 'фото', video: 'видео', audio: 'аудио', link: 'ссылка', document: 'документ', poll: 'опрос', other: 'другое' };
  const noticeName = code => (PAGE_NOTICES[code] || [code])[0];
  const noticeHint = code => (PAGE_NOTICES[code] || [code, code])[1];
  const BAND_NAMES = { '<1k': 'до 1 тыс. подписчиков', '1k-10k': '1–10 тыс. подписчиков', '10k-100k': '10–100 тыс. подписчиков', '100k+': 'от 100 тыс. подписчиков' };
  const TOP_CHOICES = [20, 50, 100, 200, 500];

  const componentName = key => COMPONENT_NAMES[key] || key;
  const kindName = code => KIND_NAMES[code] || code;
  const platformName = code => PLATFORM_NAMES[code] || code;

  // ---- Formatting (ru-RU, Moscow time) -------------------------------------------------------------------------------
  const integer = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const twoDecimals = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const score = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat('ru-RU', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signedPercent = new Intl.NumberFormat('ru-RU', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const signedScore = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const longDate = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const shortDate = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const moscowTime = new Intl.DateTimeFormat('ru-RU', {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Moscow',
  });

  const isNumber = v => typeof v === 'number' && Number.isFinite(v);
  const fmtInt = v => (isNumber(v) ? integer.format(v) : '—');
  const fmtOne = v => (isNumber(v) ? oneDecimal.format(v) : '—');
  const fmtScore = v => (isNumber(v) ? score.format(v) : '—');
  const fmtTwo = v => (isNumber(v) ? twoDecimals.format(v) : '—');
  const fmtPercent = v => (isNumber(v) ? percent.format(v) : '—');
  // Intl's ru-RU writes a hyphen-minus; Russian typography (and the API's docs) use the minus sign «−».
  const minusSign = text => text.replace('-', '−');
  const fmtGrowth = v => (isNumber(v) ? minusSign(signedPercent.format(v)) : '—');
  const fmtSignedScore = v => (isNumber(v) ? minusSign(signedScore.format(v)) : '—');
  // A metric day is a Moscow calendar date ("2026-03-10"): format the date itself, never shift it through a time zone.
  const dayValue = text => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  };
  const fmtDay = text => { const d = dayValue(text); return d ? longDate.format(d) : '—'; };
  const fmtShortDay = text => { const d = dayValue(text); return d ? shortDate.format(d) : '—'; };
  const fmtMoscow = iso => { const d = iso ? new Date(iso) : null; return d && !isNaN(d) ? moscowTime.format(d) + ' МСК' : '—'; };
  const fmtHours = h => {
    if (!isNumber(h)) return '—';
    if (h < 1) return integer.format(Math.round(h * 60)) + ' мин';
    return oneDecimal.format(h) + ' ч';
  };
  /** «фото ×3, видео» from the API's attachment counts ({ photo: 3, video: 1 }); «—» when there are none. */
  const fmtAttachments = attachments => {
    const parts = Object.entries(attachments || {}).filter(([, n]) => n > 0)
      .map(([kind, n]) => (ATTACHMENT_NAMES[kind] || kind) + (n > 1 ? ` ×${integer.format(n)}` : ''));
    return parts.length ? parts.join(', ') : '—';
  };
  /** A length of time in whole units: «45 мин», «2 ч 6 мин», «3 ч». */
  const fmtDuration = seconds => {
    if (!isNumber(seconds)) return '—';
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return `${integer.format(minutes)} мин`;
    const rest = minutes % 60;
    return `${integer.format(Math.floor(minutes / 60))} ч${rest ? ` ${integer.format(rest)} мин` : ''}`;
  };
  /** How long something has waited: «5 ч», «3 дн. 4 ч». */
  const fmtAge = hours => {
    if (!isNumber(hours)) return '—';
    if (hours < 24) return fmtHours(hours);
    const days = Math.floor(hours / 24);
    const rest = Math.floor(hours - days * 24);
    return `${integer.format(days)} дн.${rest ? ` ${integer.format(rest)} ч` : ''}`;
  };
  // Russian plural forms: 1 страница, 2 страницы, 5 страниц (11–14 take the last form).
  const plural = (n, one, few, many) => {
    const n10 = n % 10, n100 = n % 100;
    if (n10 === 1 && n100 !== 11) return one;
    if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return few;
    return many;
  };
  const pagesWord = n => plural(n, 'страница', 'страницы', 'страниц');

  // ---- Run outcomes in Russian ---------------------------------------------------------------------------------------
  /** Why a run is partial or failed, one Russian phrase per problem code, with the run's own numbers. */
  function problemText(problem, outcome) {
    switch (problem.code) {
      case 'noPages': return 'в реестре нет страниц для сбора';
      case 'nothingCollected': return `не собрано ни одной страницы из ${fmtInt(outcome.pagesPlanned)}`;
      case 'belowCoverage': return `собрано ${fmtPercent(outcome.coverage)} страниц — меньше порога ${fmtPercent(outcome.minCoverage)}`;
      case 'batchesFailed': return `не обработано пакетов: ${fmtInt(outcome.batchesFailed)}`;
      case 'pagesSkipped': return `пропущено страниц: ${fmtInt(outcome.pagesSkipped)}`;
      case 'aggregationFailed': return 'сбой при подсчёте рейтинга';
      default: return problem.code;
    }
  }
  const problemsText = outcome => (outcome.problems || []).map(p => problemText(p, outcome)).join('; ');
  const technical = outcome => (outcome.problems || []).map(p => p.message).concat(outcome.notices || []).join('\n');

  /** The note that says which day is served and why a newer one is not, or what the served day lacks; null when all is well. */
  function runNote(body) {
    const newer = body.newerRun;
    if (newer) {
      const verb = newer.status === 'failed' ? 'не удался' : 'завершён частично и не показан';
      const title = body.metricDay
        ? `Показаны данные за ${fmtDay(body.metricDay)}: расчёт за ${fmtDay(newer.metricDay)} ${verb}.`
        : `Данных для показа пока нет: расчёт за ${fmtDay(newer.metricDay)} ${verb}.`;
      return { bad: true, title, reason: 'Причина: ' + problemsText(newer) + '.', detail: technical(newer) };
    }
    const served = body.runOutcome;
    if (served && served.status === 'partial') {
      return { bad: false, title: `Данные за ${fmtDay(body.metricDay)} неполные.`, reason: 'Причина: ' + problemsText(served) + '.', detail: technical(served) };
    }
    if (served && served.notices && served.notices.length) {
      // The collectors' notes about the run as a whole (a platform whose broadcasts are never read, a token that was dropped).
      return { bad: false, title: `Замечания сборщиков к данным за ${fmtDay(body.metricDay)}: ${fmtInt(served.notices.length)}.`, reason: '', detail: served.notices.join('\n') };
    }
    return null;
  }

  function showRunNote(body) {
    const banner = $('run-banner');
    const note = runNote(body);
    banner.hidden = !note;
    if (!note) {
      banner.replaceChildren();
      return;
    }
    banner.className = 'banner run-note' + (note.bad ? ' bad' : '');
    banner.replaceChildren(...[
      el('strong', { text: note.title }), note.reason ? ' ' : null, note.reason ? el('span', { text: note.reason }) : null,
      note.detail ? el('details', {}, el('summary', { text: 'Технические подробности' }), el('code', { text: note.detail })) : null,
    ].filter(Boolean));
  }
  const peerGroupName = group => {
    const [platform, band, kind] = String(group || '').split('|');
    return [
      platformName(platform),
      band === '*' ? 'любая аудитория' : (BAND_NAMES[band] || band),
      kind === '*' ? 'все типы организаций' : kindName(kind),
    ].filter(Boolean).join(', ');
  };

  // ---- DOM helpers ---------------------------------------------------------------------------------------------------
  const $ = id => document.getElementById(id);
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  /** «↗»: the page or post on its platform, in a new tab that gets no handle on this one; null when there is no address. */
  function externalLink(url, title) {
    if (typeof url !== 'string' || !/^https:\/\//.test(url)) return null;
    return el('a', { className: 'ext', href: url, target: '_blank', rel: 'noopener noreferrer', title: title || 'Открыть на платформе', 'aria-label': title || 'Открыть на платформе', text: '↗' });
  }
  function bar(value) {
    const width = Math.max(0, Math.min(100, isNumber(value) ? value : 0));
    const fill = el('span');
    fill.style.width = width + '%';
    const level = width >= 60 ? '' : width >= 35 ? ' low' : ' poor';
    return el('span', { className: 'bar' + level, 'aria-hidden': 'true' }, fill);
  }

  /**
   * The change of a place against the previous period, compact: «↑3» (moved up 3 places, green), «↓2» (down, red), «=» (same
   * place), «—» (not ranked then). The index change in points is in the title. Regions and pages use it alike.
   */
  function changeMark(rankChange, indexChange) {
    const known = isNumber(rankChange);
    const text = !known ? '—' : rankChange > 0 ? '↑' + integer.format(rankChange) : rankChange < 0 ? '↓' + integer.format(-rankChange) : '=';
    const direction = !known ? 'none' : rankChange > 0 ? 'up' : rankChange < 0 ? 'down' : 'same';
    const title = !known
      ? 'В прошлом периоде не было в рейтинге'
      : (rankChange === 0 ? 'Место не изменилось' : `${rankChange > 0 ? 'Поднялась' : 'Опустилась'} на ${integer.format(Math.abs(rankChange))} ${plural(Math.abs(rankChange), 'место', 'места', 'мест')}`)
        + (isNumber(indexChange) ? `; индекс ${fmtSignedScore(indexChange)} к прошлому периоду` : '');
    return el('span', { className: 'change ' + direction, title, dataset: { rankChange: known ? rankChange : '', indexChange: isNumber(indexChange) ? indexChange : '' }, text });
  }

  // ---- API -----------------------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, problem, params) {
      super(problem && typeof problem.detail === 'string' && problem.detail ? problem.detail
        : problem && typeof problem.title === 'string' && problem.title ? problem.title : 'HTTP ' + status);
      this.status = status;
      this.problem = problem;
      this.params = params || {};
    }
  }

  function apiUrl(path, params) {
    // Relative to this page (/api/dashboard), so the page works under any host and route prefix.
    const url = new URL(path, location.href);
    url.search = '';
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== '' && value !== null && value !== undefined) url.searchParams.set(key, value);
    }
    return url;
  }

  async function getJson(path, params) {
    let response;
    try {
      response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(0, null, params);
    }
    let body = null;
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) {
      try { body = await response.json(); } catch (e) { body = null; }
    }
    if (!response.ok || body === null) throw new ApiError(response.status, body, params);
    return body;
  }

  const PARAMETER_MESSAGES = {
    region: v => `Код региона «${v}» не найден. Укажите код субъекта РФ — число от 1 до 95, например 28 (Амурская область), или оставьте поле пустым, чтобы увидеть все регионы.`,
    platform: v => `Платформа «${v}» не поддерживается: выберите ВКонтакте, Одноклассники, Telegram или MAX.`,
    kind: v => `Тип организации «${v}» неизвестен: выберите тип из списка.`,
    period: v => `Период «${v}» неизвестен: выберите день, неделю или месяц.`,
    sort: v => `Сортировка «${v}» неизвестна: выберите индекс качества или один из компонентов.`,
    top: () => `Число строк должно быть от 1 до ${integer.format(REF.maxTop)}.`,
    skip: () => 'Смещение в списке должно быть от 0 до 1 000 000.',
    days: () => `Глубина истории должна быть от 1 до ${integer.format(REF.maxHistoryDays)} дней.`,
    platformRoute: () => 'Неизвестная платформа страницы.',
    pageId: v => `Идентификатор страницы «${v}» задан неверно.`,
    // The work lists' field is in percent, the API's parameter a share: the message names the field, not the parameter.
    answeredBelow: () => 'Порог «Ответов меньше, %» должен быть числом от 1 до 100.',
  };

  /** A readable Russian explanation of a failed request: a heading, the points to fix and the server's own words. */
  function describeError(error, context) {
    if (!(error instanceof ApiError)) {
      return { title: 'Не удалось показать данные из-за ошибки на странице.', items: [], detail: String(error && error.message || error) };
    }
    const problem = error.problem || {};
    // A problem may carry null where text is expected (detail, a message, a value): the box shows nothing then, never "null".
    const detail = [problem.detail, ...Object.values(problem.errors || {}).flat()]
      .filter(part => typeof part === 'string' && part.trim() !== '')
      .filter((part, i, all) => all.indexOf(part) === i)
      .join(' ');
    if (error.status === 0) {
      return { title: 'Нет связи с сервером. Проверьте подключение к сети и обновите страницу.', items: [], detail };
    }
    if (error.status === 400) {
      const items = Object.keys(problem.errors || {}).map(name => {
        const message = PARAMETER_MESSAGES[name];
        const given = error.params[name];
        const value = given === undefined || given === null ? '' : String(given);
        if (!(name in error.params) && !message) return `Параметр «${name}» не поддерживается этим запросом.`;
        return message ? message(value) : `Параметр «${name}» задан неверно.`;
      });
      return { title: 'Запрос не выполнен: проверьте фильтры.', items: items.length ? items : ['Сервер отклонил запрос.'], detail };
    }
    if (error.status === 404) {
      if (context === 'profile' && problem.notCollected) {
        const reason = typeof problem.notCollected.reason === 'string' && problem.notCollected.reason ? problem.notCollected.reason : 'не указана';
        return { title: 'Страница не собрана в показанном расчёте.', items: ['Причина: ' + reason], detail };
      }
      const title = context === 'profile'
        ? 'Эта страница не участвует в последнем расчёте рейтинга.'
        : 'Рейтинг ещё не рассчитан: данные появятся после первого ежедневного расчёта, собравшего достаточно страниц.';
      const newer = problem.newerRun;
      const items = newer ? [`Расчёт за ${fmtDay(newer.metricDay)} ${newer.status === 'failed' ? 'не удался' : 'завершён частично и не показан'}: ${problemsText(newer)}.`] : [];
      return { title, items, detail };
    }
    if (error.status === 401 || error.status === 403) {
      return { title: 'Нет доступа к данным: нужен ключ доступа.', items: [], detail };
    }
    if (error.status >= 500) {
      return { title: `Сервер не смог обработать запрос (код ${error.status}). Попробуйте обновить страницу позже.`, items: [], detail };
    }
    return { title: `Сервер ответил ошибкой (код ${error.status}).`, items: [], detail };
  }

  /** The error box's nodes; never a null among them (replaceChildren(...) would print it as the text "null"). */
  function errorBox(error, context) {
    const text = describeError(error, context);
    return [
      el('strong', { text: text.title }),
      text.items.length ? el('ul', {}, text.items.map(item => el('li', { text: item }))) : null,
      text.detail ? el('details', {}, el('summary', { text: 'Техническая информация' }), el('code', { text: text.detail })) : null,
    ].filter(Boolean);
  }

  function showError(error) {
    const box = $('error');
    box.replaceChildren(...errorBox(error, 'rankings'));
    box.hidden = false;
  }

  function clearError() {
    $('error').hidden = true;
    $('error').replaceChildren();
  }


  // ---- Views ---------------------------------------------------------------------------------------------------------
  // The page holds several views (rankings, regions, content, …), one visible at a time; the choice is in the query string
  // (?view=regions), so a link opens the same view. Each view's script registers itself: GA.registerView(name, { show }).
  const VIEWS = new Map();
  const viewParam = () => new URLSearchParams(location.search).get('view') || 'rankings';

  function registerView(name, view) {
    VIEWS.set(name, Object.assign({ shown: false }, view));
  }

  /** Shows one view: its section and its tab; the view's show(params) runs every time it becomes visible. */
  function showView(name, params) {
    if (!VIEWS.has(name)) name = 'rankings';
    for (const section of document.querySelectorAll('[data-view]')) section.hidden = section.dataset.view !== name;
    for (const tab of document.querySelectorAll('[data-view-tab]')) {
      const active = tab.dataset.viewTab === name;
      tab.classList.toggle('active', active);
      if (active) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    }
    const url = new URL(location.href);
    if (name === 'rankings') url.searchParams.delete('view'); else url.searchParams.set('view', name);
    for (const [key, value] of Object.entries(params || {})) {
      if (value === '' || value === null || value === undefined) url.searchParams.delete(key); else url.searchParams.set(key, value);
    }
    history.replaceState(null, '', url.pathname + url.search);
    const view = VIEWS.get(name);
    const first = !view.shown;
    view.shown = true;
    if (view.show) view.show(Object.fromEntries(url.searchParams), first);
  }

  /** Sets (or with '' removes) query parameters of the current view's address without reloading. */
  function rememberParams(params) {
    const url = new URL(location.href);
    for (const [key, value] of Object.entries(params)) {
      if (value === '' || value === null || value === undefined) url.searchParams.delete(key); else url.searchParams.set(key, value);
    }
    history.replaceState(null, '', url.pathname + url.search);
  }

  /** The weekly report workbook of a region (GET /api/reports/weekly): other views link it too. */
  const weeklyReportUrl = region => apiUrl('reports/weekly', { region, format: 'xlsx' });

  function startViews() {
    for (const tab of document.querySelectorAll('[data-view-tab]')) {
      tab.addEventListener('click', event => { event.preventDefault(); showView(tab.dataset.viewTab); });
    }
    showView(viewParam());
  }

  // View scripts may add what other views use (the rankings view adds openProfile).
  document.addEventListener('DOMContentLoaded', startViews);
  window.GA = Object.seal({
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
    GROWTH_NOTE,
    growthNeedsHistory,
    ATTACHMENT_NAMES,
    fmtAttachments,
    fmtAge,
    externalLink,
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
    fmtSignedScore,
    fmtDuration,
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
    changeMark,
    signedScore,
    ApiError,
    apiUrl,
    getJson,
    PARAMETER_MESSAGES,
    describeError,
    errorBox,
    showError,
    clearError,
    registerView,
    showView,
    rememberParams,
    startViews,
    weeklyReportUrl,
    openProfile: null,
    // Functions (profile) => nodes, appended to the page profile in order (see dashboard.js, renderProfile).
    profileSections: [],
    // The chart helpers (charts.js, on the bundled uPlot): GA.charts.line(options) → a figure with its text summary.
    charts: null,
  });
})();
