// GosAnalytics dashboard: the page profile's «Что улучшить» section — the page's weakest points against its peer group, as the API
// words them (GET /api/pages/{platform}/{pageId}: advice, requirements). Reads everything from window.GA.
'use strict';

(() => {
  const { el, fmtInt, peerGroupName, plural } = window.GA;

  const SEVERITY_NAMES = { high: 'важно', medium: 'желательно', low: 'можно' };
  // The API words an item as a phrase («нет метки…», «за неделю 2 поста…»); on screen each line is a sentence.
  const capitalised = text => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);
  const REQUIREMENT_NAMES = {
    governmentLabel: 'метка «Госорганизация»',
    description: 'описание',
    avatar: 'аватар',
    contacts: 'контакты',
    site: 'ссылка на сайт',
  };

  function adviceSection(p) {
    const nodes = [el('h3', { id: 'profile-advice-title', text: 'Что улучшить' })];
    if (p.requirements && p.requirements.length) {
      nodes.push(el('ul', { className: 'requirements', id: 'profile-requirements', 'aria-label': 'Оформление страницы' },
        p.requirements.map(r => el('li', { className: r.met ? 'met' : 'unmet', dataset: { requirement: r.requirement },
          title: r.met ? 'есть' : 'нет' }, (r.met ? '✓ ' : '✗ ') + (REQUIREMENT_NAMES[r.requirement] || r.requirement)))));
    }
    const advice = p.advice;
    if (!advice) {
      nodes.push(el('p', { className: 'note', text: 'Советы появятся после следующего ежедневного расчёта: в этом нет медиан групп сравнения.' }));
      return nodes;
    }
    nodes.push(el('p', { className: 'note', text: `Сравнение с похожими страницами: ${peerGroupName(advice.peerGroup)} — `
      + `${fmtInt(advice.peerPages)} ${plural(advice.peerPages, 'страница', 'страницы', 'страниц')}.` }));
    if (!advice.items.length) {
      nodes.push(el('p', { className: 'note', id: 'profile-advice-none', text: 'Явных слабых мест нет: страница не уступает похожим ни в одном компоненте индекса.' }));
      return nodes;
    }
    nodes.push(el('ul', { className: 'advice', id: 'profile-advice' }, advice.items.map(item =>
      el('li', { dataset: { severity: item.severity, component: item.component, topic: item.topic } },
        el('span', { className: 'severity ' + item.severity, text: SEVERITY_NAMES[item.severity] || item.severity }),
        ' ',
        el('span', { className: 'advice-text', text: capitalised(item.text) })))));
    return nodes;
  }

  window.GA.profileSections.push(adviceSection);
})();
