// GosAnalytics dashboard, the search box in the header: finds pages by name, screen name or address (GET /api/pages?search=…)
// and opens the chosen page's profile.
'use strict';

(() => {
  const GA = window.GA;
  const { $, el, getJson, platformName, kindName, fmtScore, fmtInt, describeError, externalLink } = GA;
  const MIN_LENGTH = 2;
  const DELAY_MS = 250;
  let timer = 0;
  let request = 0;

  function close() {
    $('search-results').hidden = true;
    $('search-input').setAttribute('aria-expanded', 'false');
  }

  function show(children) {
    $('search-results').replaceChildren(...children.filter(Boolean));
    $('search-results').hidden = false;
    $('search-input').setAttribute('aria-expanded', 'true');
  }

  function open(item) {
    close();
    if (GA.openProfile) GA.openProfile(item.platform, item.pageId);
  }

  function result(item) {
    return el('li', { dataset: { platform: item.platform, pageId: item.pageId } },
      el('button', { type: 'button', className: 'search-hit', onclick: () => open(item) },
        el('span', { className: 'search-name', text: item.name }),
        el('span', { className: 'search-meta', text: [platformName(item.platform), item.screenName ? '@' + item.screenName : null,
          item.regionName ? `${item.regionCode} — ${item.regionName}` : `регион ${item.regionCode}`, kindName(item.kind)].filter(Boolean).join(' · ') }),
        el('span', { className: 'search-index', title: `Индекс качества; место в России: ${fmtInt(item.nationalRank)}`, text: fmtScore(item.index) })),
      externalLink(item.url, `Открыть «${item.name}» на платформе ${platformName(item.platform)}`));
  }

  async function search(text) {
    const current = ++request;
    try {
      const body = await getJson('pages', { search: text });
      if (current !== request) return;
      if (!body.items.length) {
        show([el('p', { className: 'search-none', text: `Ничего не найдено по запросу «${text}».` })]);
        return;
      }
      show([
        el('ul', { className: 'search-list' }, body.items.map(result)),
        body.total > body.items.length ? el('p', { className: 'search-more', text: `Показаны ${fmtInt(body.items.length)} из ${fmtInt(body.total)}: уточните запрос.` }) : null,
      ]);
    } catch (error) {
      if (current !== request) return;
      show([el('p', { className: 'search-none', text: describeError(error, 'search').title })]);
    }
  }

  function schedule() {
    clearTimeout(timer);
    const text = $('search-input').value.trim();
    if (text.length < MIN_LENGTH) {
      request++;
      close();
      return;
    }
    timer = setTimeout(() => search(text), DELAY_MS);
  }

  $('search-input').addEventListener('input', schedule);
  $('search-input').addEventListener('keydown', event => { if (event.key === 'Escape') close(); });
  $('search').addEventListener('submit', event => {
    event.preventDefault();
    clearTimeout(timer);
    const text = $('search-input').value.trim();
    if (text.length >= MIN_LENGTH) search(text);
  });
  document.addEventListener('click', event => { if (!$('search').contains(event.target)) close(); });
})();
