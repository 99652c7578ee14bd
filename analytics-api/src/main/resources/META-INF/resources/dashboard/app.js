'use strict';
// The dashboard reads the same REST reports as any integrator; the form-login session cookie authenticates it.
// Texts, amounts, shares and times go through the console shell (Console.t, .money, .percent, .dateTime).
Console.messages({
  en: {
    'dashboard.pageTitle': 'Dashboard · StoreSight', 'dashboard.title': 'StoreSight analytics',
    'dashboard.loading': 'loading…', 'dashboard.updated': 'updated {time}', 'dashboard.error': 'error: {reason}',
    'dashboard.autoRefresh': 'auto-refresh (30 s)',
    'dashboard.from': 'From', 'dashboard.to': 'To', 'dashboard.year': 'Year', 'dashboard.month': 'Month',
    'dashboard.weekday': 'Weekday', 'dashboard.hour': 'Hour', 'dashboard.ageBand': 'Age band',
    'dashboard.gender': 'Gender', 'dashboard.tier': 'Tier', 'dashboard.store': 'Store',
    'dashboard.category': 'Category', 'dashboard.item': 'Item', 'dashboard.all': 'all',
    'dashboard.csv': 'Download CSV', 'dashboard.chooseReport': 'choose a report…',
    'dashboard.kpi.visits': 'Visitors', 'dashboard.kpi.anonymousVisits': 'Not identified',
    'dashboard.kpi.uniqueCustomers': 'Customers', 'dashboard.kpi.returningShare': 'Returning share',
    'dashboard.kpi.orders': 'Orders', 'dashboard.kpi.revenue': 'Revenue', 'dashboard.kpi.conversion': 'Conversion',
    'dashboard.kpi.averageOrderValue': 'Avg order value', 'dashboard.kpi.averageDwellSeconds': 'Avg dwell',
    'dashboard.minutes': '{minutes} min',
    'dashboard.card.footfall': 'Footfall by weekday × hour', 'dashboard.card.daily': 'Visits and orders per day',
    'dashboard.card.visitors': 'Visitors by age band and gender',
    'dashboard.card.buyers': 'Buyers (orders) by age band and gender',
    'dashboard.card.topItems': 'Top items per segment', 'dashboard.card.placement': 'Menu placement by day part',
    'dashboard.card.matrix': 'Items × age band (units)', 'dashboard.card.loyal': 'Loyal customers',
    'dashboard.weekday.1': 'Mon', 'dashboard.weekday.2': 'Tue', 'dashboard.weekday.3': 'Wed',
    'dashboard.weekday.4': 'Thu', 'dashboard.weekday.5': 'Fri', 'dashboard.weekday.6': 'Sat',
    'dashboard.weekday.7': 'Sun',
    'dashboard.heatmapCell': '{day} {hour}:00 – {visits} visits',
    'dashboard.visits': 'Visits', 'dashboard.orders': 'Orders', 'dashboard.dayPart': 'Day part',
    'dashboard.topItems': 'Top items (units)', 'dashboard.whoVisits': 'Who visits', 'dashboard.putOnTop': 'Put on top',
    'dashboard.slot': '{name} ({from}–{to} h)', 'dashboard.total': 'total', 'dashboard.customer': 'Customer',
    'dashboard.spend': 'Spend', 'dashboard.lastVisit': 'Last visit'
  },
  ko: {
    'dashboard.pageTitle': '대시보드 · StoreSight', 'dashboard.title': 'StoreSight 분석',
    'dashboard.loading': '불러오는 중…', 'dashboard.updated': '{time} 업데이트', 'dashboard.error': '오류: {reason}',
    'dashboard.autoRefresh': '자동 새로고침 (30초)',
    'dashboard.from': '시작일', 'dashboard.to': '종료일', 'dashboard.year': '연도', 'dashboard.month': '월',
    'dashboard.weekday': '요일', 'dashboard.hour': '시간', 'dashboard.ageBand': '연령대',
    'dashboard.gender': '성별', 'dashboard.tier': '등급', 'dashboard.store': '매장',
    'dashboard.category': '분류', 'dashboard.item': '항목', 'dashboard.all': '전체',
    'dashboard.csv': 'CSV 내려받기', 'dashboard.chooseReport': '보고서 선택…',
    'dashboard.kpi.visits': '방문자', 'dashboard.kpi.anonymousVisits': '미확인',
    'dashboard.kpi.uniqueCustomers': '고객', 'dashboard.kpi.returningShare': '재방문 비율',
    'dashboard.kpi.orders': '주문', 'dashboard.kpi.revenue': '매출', 'dashboard.kpi.conversion': '구매 전환율',
    'dashboard.kpi.averageOrderValue': '평균 주문 금액', 'dashboard.kpi.averageDwellSeconds': '평균 체류 시간',
    'dashboard.minutes': '{minutes}분',
    'dashboard.card.footfall': '요일 × 시간별 방문', 'dashboard.card.daily': '일별 방문과 주문',
    'dashboard.card.visitors': '연령대·성별 방문자', 'dashboard.card.buyers': '연령대·성별 구매자(주문)',
    'dashboard.card.topItems': '고객층별 인기 항목', 'dashboard.card.placement': '시간대별 메뉴 배치',
    'dashboard.card.matrix': '항목 × 연령대 (수량)', 'dashboard.card.loyal': '단골 고객',
    'dashboard.weekday.1': '월', 'dashboard.weekday.2': '화', 'dashboard.weekday.3': '수',
    'dashboard.weekday.4': '목', 'dashboard.weekday.5': '금', 'dashboard.weekday.6': '토',
    'dashboard.weekday.7': '일',
    'dashboard.heatmapCell': '{day} {hour}시 – 방문 {visits}',
    'dashboard.visits': '방문', 'dashboard.orders': '주문', 'dashboard.dayPart': '시간대',
    'dashboard.topItems': '인기 항목 (수량)', 'dashboard.whoVisits': '방문 고객층', 'dashboard.putOnTop': '위에 둘 항목',
    'dashboard.slot': '{name} ({from}–{to}시)', 'dashboard.total': '합계', 'dashboard.customer': '고객',
    'dashboard.spend': '구매액', 'dashboard.lastVisit': '최근 방문'
  }
});

const API = '/api/v1/reports/';
const weekday = d => Console.t('dashboard.weekday.' + d);
const GENDER_COLOURS = { FEMALE: '#db2777', MALE: '#2563eb', UNKNOWN: '#9ca3af' };
const charts = {};
let refreshTimer = null;

function el(id) { return document.getElementById(id); }

// Every value from the API goes into the page as text or as a property, never as markup (Console.el), so a store
// id or a menu category holding "<img onerror=...>" shows as those characters.
const h = Console.el;

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

function get(report, extra) {
  return Console.api(API + report + '?' + query(extra));
}

function fill(select, values, label) {
  const current = select.value;
  select.replaceChildren(h('option', { value: '', 'data-i18n': 'dashboard.all' }, Console.t('dashboard.all')),
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

const pct = v => Console.percent(v);
const money = v => Console.money(v);
const num = v => Console.number(v);

function renderSummary(s) {
  el('kpi-visits').textContent = num(s.visits);
  el('kpi-anonymousVisits').textContent = num(s.anonymousVisits);
  el('kpi-uniqueCustomers').textContent = num(s.uniqueCustomers);
  el('kpi-returningShare').textContent = pct(s.returningShare);
  el('kpi-orders').textContent = num(s.orders);
  el('kpi-revenue').textContent = money(s.revenue);
  el('kpi-conversion').textContent = pct(s.conversion);
  el('kpi-averageOrderValue').textContent = money(s.averageOrderValue);
  el('kpi-averageDwellSeconds').textContent = Console.t('dashboard.minutes',
    { minutes: (s.averageDwellSeconds / 60).toFixed(1) });
}

function renderHeatmap(cells) {
  const max = Math.max(1, ...cells.map(c => c.visits));
  const rows = [];
  for (let d = 1; d <= 7; d++) {
    rows.push(h('tr', null, h('th', null, weekday(d)), cells.filter(x => x.weekday === d).map(c => {
      const a = c.visits / max;
      return h('td', {
        title: Console.t('dashboard.heatmapCell', { day: weekday(d), hour: c.hour, visits: c.visits }),
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
        { label: Console.t('dashboard.visits'), data: daily.map(d => d.visits), borderColor: '#2563eb', pointRadius: 0 },
        { label: Console.t('dashboard.orders'), data: daily.map(d => d.orders), borderColor: '#16a34a', pointRadius: 0 }
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
  table('top-items', [Console.t('dashboard.ageBand'), Console.t('dashboard.gender'), Console.t('dashboard.dayPart'),
    Console.t('dashboard.topItems')], report.segments.map(s =>
    h('tr', null, h('td', null, s.ageBand), h('td', null, s.gender), h('td', null, s.hourBucket),
      h('td', null, s.items.map(i => `${i.name} (${i.quantity})`).join(', ')))));
}

function renderPlacement(report) {
  table('menu-placement', [Console.t('dashboard.dayPart'), Console.t('dashboard.whoVisits'),
    Console.t('dashboard.putOnTop')], report.slots.map(slot =>
    h('tr', null, h('td', null, Console.t('dashboard.slot', { name: slot.hourBucket, from: slot.fromHour, to: slot.toHour })),
      h('td', null, lines(slot.visitorMix.map(m => `${m.ageBand} ${m.gender} ${pct(m.share)}`))),
      h('td', null, lines(slot.suggestions.map(s => `${s.name} ${pct(s.score)}`))))));
}

function renderMatrix(report) {
  const cell = value => h('td', { className: 'num' }, num(value));
  table('item-age-matrix', [h('th', null, Console.t('dashboard.item')),
    ...report.ageBands.map(b => h('th', { className: 'num' }, b)),
    h('th', { className: 'num' }, Console.t('dashboard.total'))], report.items.map(item =>
    h('tr', null, h('td', null, item.name), report.ageBands.map(b => cell(item.quantityByAgeBand[b] || 0)),
      cell(item.total))));
}

function renderLeaderboard(report) {
  const cell = value => h('td', { className: 'num' }, value);
  table('leaderboard', [h('th', null, '#'), h('th', null, Console.t('dashboard.customer')),
    h('th', null, Console.t('dashboard.tier')), h('th', { className: 'num' }, Console.t('dashboard.visits')),
    h('th', { className: 'num' }, Console.t('dashboard.orders')), h('th', { className: 'num' }, Console.t('dashboard.spend')),
    h('th', null, Console.t('dashboard.lastVisit'))], report.customers.map((c, i) =>
    h('tr', null, h('td', null, i + 1), h('td', null, c.customerId.slice(0, 12)),
      h('td', null, c.tier + (c.vip ? ' ★' : '')), cell(num(c.visits)), cell(num(c.orders)), cell(money(c.spend)),
      h('td', null, c.lastVisit ? Console.dateTime(c.lastVisit) : '–'))));
}

async function refresh() {
  el('status').textContent = Console.t('dashboard.loading');
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
    el('status').textContent = Console.t('dashboard.updated', { time: Console.time(Date.now()) });
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes) + 1);
  } catch (e) {
    el('status').textContent = Console.t('dashboard.error', { reason: e.message });
  }
}

function scheduleRefresh() {
  clearInterval(refreshTimer);
  if (el('auto-refresh').checked) refreshTimer = setInterval(refresh, 30000);
}

function init() {
  fill(el('f-month'), [...Array(12).keys()].map(m => ({ value: m + 1 })), v => v.value);
  fill(el('f-weekday'), [1, 2, 3, 4, 5, 6, 7].map(d => ({ value: d, name: weekday(d) })), v => v.name);
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

Console.ready.then(init);
