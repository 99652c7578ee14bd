'use strict';
// The dashboard reads the same REST reports as any integrator; the form-login session cookie authenticates it.
const API = '/api/v1/reports/';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const GENDER_COLOURS = { FEMALE: '#db2777', MALE: '#2563eb', UNKNOWN: '#9ca3af' };
const charts = {};
let refreshTimer = null;

function el(id) { return document.getElementById(id); }

// Every value from the API goes into the page as text or as a property, never as markup: elements are built with
// the DOM API, so a store id or a menu category holding "<img onerror=...>" shows as those characters.
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (name === 'style') Object.assign(node.style, value);
    else node[name] = value;
  }
  for (const child of children.flat()) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function table(id, head, rows) {
  el(id).replaceChildren(h('tr', null, head.map(cell => (cell instanceof Node ? cell : h('th', null, cell)))),
    ...rows);
}

// Lines separated by line breaks, each line text.
function lines(values) {
  return values.flatMap((value, i) => (i === 0 ? [value] : [h('br'), value]));
}

function query(extra) {
  const params = new URLSearchParams();
  for (const field of el('filters').elements) {
    if (field.name && field.value) params.set(field.name, field.value);
  }
  for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
  return params.toString();
}

async function get(report, extra) {
  const response = await fetch(API + report + '?' + query(extra), { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    location.href = '/login.html';
    throw new Error('login required');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.error || response.statusText);
  }
  return response.json();
}

function fill(select, values, label) {
  const current = select.value;
  select.replaceChildren(h('option', { value: '' }, 'all'),
    ...values.map(v => h('option', { value: String(v.value ?? v) }, label ? label(v) : v)));
  select.value = current;
}

async function loadDimensions() {
  const d = await get('dimensions');
  fill(el('f-year'), d.years);
  fill(el('f-ageBand'), d.ageBands);
  fill(el('f-gender'), d.genders);
  fill(el('f-tier'), d.tiers);
  fill(el('f-store'), d.stores);
  fill(el('f-category'), d.categories);
  fill(el('f-item'), d.items);
}

const pct = v => (v * 100).toFixed(1) + ' %';
const money = v => Number(v).toFixed(2);

function renderSummary(s) {
  el('kpi-visits').textContent = s.visits;
  el('kpi-anonymousVisits').textContent = s.anonymousVisits;
  el('kpi-uniqueCustomers').textContent = s.uniqueCustomers;
  el('kpi-returningShare').textContent = pct(s.returningShare);
  el('kpi-orders').textContent = s.orders;
  el('kpi-revenue').textContent = money(s.revenue);
  el('kpi-conversion').textContent = pct(s.conversion);
  el('kpi-averageOrderValue').textContent = money(s.averageOrderValue);
  el('kpi-averageDwellSeconds').textContent = (s.averageDwellSeconds / 60).toFixed(1) + ' min';
}

function renderHeatmap(cells) {
  const max = Math.max(1, ...cells.map(c => c.visits));
  const rows = [];
  for (let d = 1; d <= 7; d++) {
    rows.push(h('tr', null, h('th', null, WEEKDAYS[d - 1]), cells.filter(x => x.weekday === d).map(c => {
      const a = c.visits / max;
      return h('td', {
        title: `${WEEKDAYS[d - 1]} ${c.hour}:00 – ${c.visits} visits`,
        style: { background: `rgba(37,99,235,${a.toFixed(2)})`, color: a > .5 ? '#fff' : '#111' }
      }, c.visits || '');
    })));
  }
  table('heatmap', ['', ...[...Array(24).keys()]], rows);
}

function chart(id, config) {
  if (typeof Chart === 'undefined') return;
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(el(id), config);
}

function renderDaily(daily) {
  chart('daily-chart', {
    type: 'line',
    data: {
      labels: daily.map(d => d.day),
      datasets: [
        { label: 'visits', data: daily.map(d => d.visits), borderColor: '#2563eb', pointRadius: 0 },
        { label: 'orders', data: daily.map(d => d.orders), borderColor: '#16a34a', pointRadius: 0 }
      ]
    },
    options: { animation: false, scales: { x: { ticks: { maxTicksLimit: 10 } } } }
  });
}

function stacked(id, groups, value) {
  const bands = [...new Set(groups.map(g => g.ageBand))].sort();
  const genders = [...new Set(groups.map(g => g.gender))].sort();
  chart(id, {
    type: 'bar',
    data: {
      labels: bands,
      datasets: genders.map(gender => ({
        label: gender,
        backgroundColor: GENDER_COLOURS[gender] || '#f59e0b',
        data: bands.map(b => value(groups.find(g => g.ageBand === b && g.gender === gender)))
      }))
    },
    options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true } } }
  });
}

function renderTopItems(report) {
  table('top-items', ['Age band', 'Gender', 'Day part', 'Top items (units)'], report.segments.map(s =>
    h('tr', null, h('td', null, s.ageBand), h('td', null, s.gender), h('td', null, s.hourBucket),
      h('td', null, s.items.map(i => `${i.name} (${i.quantity})`).join(', ')))));
}

function renderPlacement(report) {
  table('menu-placement', ['Day part', 'Who visits', 'Put on top'], report.slots.map(slot =>
    h('tr', null, h('td', null, `${slot.hourBucket} (${slot.fromHour}–${slot.toHour} h)`),
      h('td', null, lines(slot.visitorMix.map(m => `${m.ageBand} ${m.gender} ${pct(m.share)}`))),
      h('td', null, lines(slot.suggestions.map(s => `${s.name} ${pct(s.score)}`))))));
}

function renderMatrix(report) {
  const num = value => h('td', { className: 'num' }, value);
  table('item-age-matrix', [h('th', null, 'Item'), ...report.ageBands.map(b => h('th', { className: 'num' }, b)),
    h('th', { className: 'num' }, 'total')], report.items.map(item =>
    h('tr', null, h('td', null, item.name), report.ageBands.map(b => num(item.quantityByAgeBand[b] || 0)),
      num(item.total))));
}

function renderLeaderboard(report) {
  const num = value => h('td', { className: 'num' }, value);
  table('leaderboard', [h('th', null, '#'), h('th', null, 'Customer'), h('th', null, 'Tier'),
    h('th', { className: 'num' }, 'Visits'), h('th', { className: 'num' }, 'Orders'),
    h('th', { className: 'num' }, 'Spend'), h('th', null, 'Last visit')], report.customers.map((c, i) =>
    h('tr', null, h('td', null, i + 1), h('td', null, c.customerId.slice(0, 12)),
      h('td', null, c.tier + (c.vip ? ' ★' : '')), num(c.visits), num(c.orders), num(money(c.spend)),
      h('td', null, c.lastVisit ? c.lastVisit.slice(0, 16).replace('T', ' ') : '–'))));
}

async function refresh() {
  el('status').textContent = 'loading…';
  try {
    const [summary, footfall, demographics, topItems, placement, matrix, loyal] = await Promise.all([
      get('summary'), get('footfall'), get('demographics'), get('top-items', { limit: 3 }),
      get('menu-placement', { limit: 3 }), get('item-age-matrix'), get('loyal-customers', { limit: 10 })]);
    renderSummary(summary);
    renderHeatmap(footfall.heatmap);
    renderDaily(footfall.daily);
    stacked('visitors-chart', demographics.visitors, g => (g ? g.visits : 0));
    stacked('buyers-chart', demographics.buyers, g => (g ? g.orders : 0));
    renderTopItems(topItems);
    renderPlacement(placement);
    renderMatrix(matrix);
    renderLeaderboard(loyal);
    el('status').textContent = 'updated ' + new Date().toLocaleTimeString();
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes) + 1);
  } catch (e) {
    el('status').textContent = 'error: ' + e.message;
  }
}

function scheduleRefresh() {
  clearInterval(refreshTimer);
  if (el('auto-refresh').checked) refreshTimer = setInterval(refresh, 30000);
}

function init() {
  fill(el('f-month'), [...Array(12).keys()].map(m => ({ value: m + 1 })), v => v.value);
  fill(el('f-weekday'), WEEKDAYS.map((d, i) => ({ value: i + 1, name: d })), v => v.name);
  fill(el('f-hour'), [...Array(24).keys()].map(h => ({ value: h })), v => v.value + ':00');
  el('filters').addEventListener('change', event => {
    if (event.target.id !== 'csv') refresh();
  });
  el('csv').addEventListener('change', event => {
    if (event.target.value) location.href = API + event.target.value + '?' + query({ format: 'csv' });
    event.target.value = '';
  });
  document.querySelectorAll('a[data-csv]').forEach(a => a.addEventListener('click', event => {
    event.preventDefault();
    location.href = API + a.dataset.csv + '?' + query({ format: 'csv' });
  }));
  el('auto-refresh').addEventListener('change', scheduleRefresh);
  loadDimensions().catch(() => {}).then(refresh);
  scheduleRefresh();
}

init();
