'use strict';
// "Inside now": each store's head count and today's curve (GET /api/v1/reports/occupancy), refreshed every 15 s on
// its own, whatever the report filters say. Built with the DOM API only: store ids are shown as text.
(function () {
  const REFRESH_MS = 15000;
  const MESSAGES = {
    en: {
      'occupancy.title': 'Inside now',
      'occupancy.none': 'No head count yet: identity-service publishes one per store once its cameras send frames.',
      'occupancy.split': '{customers} customers · {visitors} not recognised',
      'occupancy.asOf': 'as of {time}',
      'occupancy.stale': 'no count since {time}',
      'occupancy.today': 'Inside, today',
      'occupancy.peak': 'Peak in the minute',
    },
    ko: {
      'occupancy.title': '현재 매장 내 인원',
      'occupancy.none': '아직 인원 집계가 없습니다: 카메라가 프레임을 보내면 identity-service가 매장별로 게시합니다.',
      'occupancy.split': '고객 {customers}명 · 미확인 {visitors}명',
      'occupancy.asOf': '{time} 기준',
      'occupancy.stale': '{time} 이후 집계 없음',
      'occupancy.today': '오늘 매장 내 인원',
      'occupancy.peak': '분당 최대',
    },
  };
  // The console shell (when present) translates and formats in the store's language and time zone.
  const shell = () => window.Console;
  if (shell() && shell().messages) shell().messages(MESSAGES);

  function t(key, params) {
    if (shell() && shell().t) return shell().t(key, params);
    return (MESSAGES.en[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(params?.[name] ?? ''));
  }

  function time(iso, timeZone) {
    if (shell() && shell().time) return shell().time(iso);
    return new Date(iso).toLocaleTimeString([], { timeZone, hour: '2-digit', minute: '2-digit' });
  }

  function node(tag, className, text) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    if (text != null) n.textContent = String(text);
    return n;
  }

  const charts = {};

  function render(report) {
    const box = document.getElementById('occupancy-stores');
    const section = document.getElementById('occupancy');
    if (!box) return;
    if (report.stores.length === 0) {
      box.replaceChildren(node('p', 'occupancy-empty', t('occupancy.none')));
    }
    const seen = new Set();
    for (const store of report.stores) {
      seen.add(store.storeId);
      let card = [...box.querySelectorAll('.occupancy-store')].find(c => c.dataset.store === store.storeId);
      if (!card) {
        card = node('div', 'occupancy-store');
        card.dataset.store = store.storeId;
        const canvas = node('canvas', 'occupancy-curve');
        canvas.height = 90;
        card.append(node('div', 'occupancy-name', store.storeId), node('div', 'inside-now'),
          node('div', 'occupancy-split'), node('div', 'occupancy-time'), canvas);
        box.querySelector('.occupancy-empty')?.remove();
        box.append(card);
      }
      const now = store.now;
      card.querySelector('.inside-now').textContent = store.current ? String(now.inside) : '–';
      card.querySelector('.occupancy-split').textContent = store.current
        ? t('occupancy.split', { customers: now.customers, visitors: now.visitors }) : '';
      card.querySelector('.occupancy-time').textContent = t(store.current ? 'occupancy.asOf' : 'occupancy.stale',
        { time: time(now.at, report.timeZone) });
      card.classList.toggle('stale', !store.current);
      curve(card, store);
    }
    box.querySelectorAll('.occupancy-store').forEach(c => { if (!seen.has(c.dataset.store)) c.remove(); });
    if (section) section.dataset.loaded = String(Number(section.dataset.loaded || 0) + 1);
  }

  function curve(card, store) {
    if (typeof Chart === 'undefined') return;
    const data = {
      labels: store.curve.map(p => p.time),
      datasets: [
        { label: t('occupancy.today'), data: store.curve.map(p => p.inside), borderColor: '#2563eb',
          backgroundColor: 'rgba(37,99,235,.15)', fill: true, pointRadius: 0, stepped: true },
        { label: t('occupancy.peak'), data: store.curve.map(p => p.peak), borderColor: '#9ca3af',
          borderDash: [3, 3], pointRadius: 0, stepped: true },
      ],
    };
    const existing = charts[store.storeId];
    if (existing) {
      existing.data = data;
      existing.update('none');
      return;
    }
    charts[store.storeId] = new Chart(card.querySelector('canvas'), {
      type: 'line', data,
      options: { animation: false, plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 8 } } } },
    });
  }

  async function load() {
    try {
      const response = await fetch('/api/v1/reports/occupancy', { headers: { Accept: 'application/json' },
        credentials: 'include' });
      if (response.ok) render(await response.json());
    } catch (e) {
      // The next refresh tries again; the rest of the dashboard does not depend on this section.
    }
  }

  function start() {
    load();
    setInterval(load, REFRESH_MS);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
