'use strict';
// The dashboard reads the same REST reports as any integrator; the form-login session cookie authenticates it.
const API = '/api/v1/reports/';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const GENDER_COLOURS = { FEMALE: '#db2777', MALE: '#2563eb', UNKNOWN: '#9ca3af' };
const charts = {};
let refreshTimer = null;

function el(id) { return document.getElementById(id); }

function text(value) {
  const span = document.createElement('span');
  span.textContent = value == null ? '' : String(value);
  return span.innerHTML;
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
  select.innerHTML = '<option value="">all</option>' +
    values.map(v => `<option value="${text(v.value ?? v)}">${text(label ? label(v) : v)}</option>`).join('');
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
  let html = '<tr><th></th>' + [...Array(24).keys()].map(h => `<th>${h}</th>`).join('') + '</tr>';
  for (let d = 1; d <= 7; d++) {
    html += `<tr><th>${WEEKDAYS[d - 1]}</th>`;
    for (const c of cells.filter(x => x.weekday === d)) {
      const a = c.visits / max;
      html += `<td title="${WEEKDAYS[d - 1]} ${c.hour}:00 – ${c.visits} visits" ` +
        `style="background: rgba(37,99,235,${a.toFixed(2)}); color: ${a > .5 ? '#fff' : '#111'}">` +
        `${c.visits || ''}</td>`;
    }
    html += '</tr>';
  }
  el('heatmap').innerHTML = html;
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
  let html = '<tr><th>Age band</th><th>Gender</th><th>Day part</th><th>Top items (units)</th></tr>';
  for (const s of report.segments) {
    html += `<tr><td>${text(s.ageBand)}</td><td>${text(s.gender)}</td><td>${text(s.hourBucket)}</td><td>` +
      s.items.map(i => `${text(i.name)} (${i.quantity})`).join(', ') + '</td></tr>';
  }
  el('top-items').innerHTML = html;
}

function renderPlacement(report) {
  let html = '<tr><th>Day part</th><th>Who visits</th><th>Put on top</th></tr>';
  for (const slot of report.slots) {
    html += `<tr><td>${text(slot.hourBucket)} (${slot.fromHour}–${slot.toHour} h)</td><td>` +
      slot.visitorMix.map(m => `${text(m.ageBand)} ${text(m.gender)} ${pct(m.share)}`).join('<br>') + '</td><td>' +
      slot.suggestions.map(s => `${text(s.name)} ${pct(s.score)}`).join('<br>') + '</td></tr>';
  }
  el('menu-placement').innerHTML = html;
}

function renderMatrix(report) {
  let html = '<tr><th>Item</th>' + report.ageBands.map(b => `<th class="num">${text(b)}</th>`).join('') +
    '<th class="num">total</th></tr>';
  for (const item of report.items) {
    html += `<tr><td>${text(item.name)}</td>` +
      report.ageBands.map(b => `<td class="num">${item.quantityByAgeBand[b] || 0}</td>`).join('') +
      `<td class="num">${item.total}</td></tr>`;
  }
  el('item-age-matrix').innerHTML = html;
}

function renderLeaderboard(report) {
  let html = '<tr><th>#</th><th>Customer</th><th>Tier</th><th class="num">Visits</th><th class="num">Orders</th>' +
    '<th class="num">Spend</th><th>Last visit</th></tr>';
  report.customers.forEach((c, i) => {
    html += `<tr><td>${i + 1}</td><td>${text(c.customerId.slice(0, 12))}</td><td>${text(c.tier)}${c.vip ? ' ★' : ''}</td>` +
      `<td class="num">${c.visits}</td><td class="num">${c.orders}</td><td class="num">${money(c.spend)}</td>` +
      `<td>${text(c.lastVisit ? c.lastVisit.slice(0, 16).replace('T', ' ') : '–')}</td></tr>`;
  });
  el('leaderboard').innerHTML = html;
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
