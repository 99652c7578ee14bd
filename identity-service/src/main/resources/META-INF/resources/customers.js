// The customers page: the registry with search, filters and sort; one customer's detail (demographics, visits,
// sightings by camera, template count; never a face or a descriptor) and the admin's actions on it. Everything goes
// through the console shell (Console.api, Console.t, Console.el): the API's own error text is shown in the page, and
// every action that destroys data asks first.
(function () {
  'use strict';
  var C = window.Console;
  var PAGE_SIZE = 50;
  var state = { page: 0, total: 0, selected: null, customer: null };

  C.messages({
    en: {
      'customers.title': 'Customers',
      'customers.list': 'Registry',
      'customers.search': 'Search',
      'customers.search.hint': 'Id or label',
      'customers.tier': 'Tier',
      'customers.vip': 'VIP',
      'customers.staff': 'Staff',
      'customers.any': 'Any',
      'customers.yes': 'Yes',
      'customers.no': 'No',
      'customers.staffOnly': 'Staff only',
      'customers.customersOnly': 'Customers only',
      'customers.sort': 'Sort',
      'customers.sort.lastSeenDesc': 'Last seen, latest first',
      'customers.sort.lastSeenAsc': 'Last seen, earliest first',
      'customers.sort.visitsDesc': 'Visits, most first',
      'customers.sort.visitsAsc': 'Visits, fewest first',
      'customers.apply': 'Show',
      'customers.customer': 'Customer',
      'customers.visits': 'Visits',
      'customers.lastSeen': 'Last seen',
      'customers.firstSeen': 'First seen',
      'customers.lastLocation': 'Last camera',
      'customers.ageBand': 'Age band',
      'customers.age': 'Estimated age',
      'customers.gender': 'Gender',
      'customers.gender.MALE': 'Male',
      'customers.gender.FEMALE': 'Female',
      'customers.unknown': 'unknown',
      'customers.templates': 'Face templates',
      'customers.badge.staff': 'staff',
      'customers.badge.vip': '\u2605 VIP',
      'customers.empty': 'No customers match.',
      'customers.previous': 'Previous',
      'customers.next': 'Next',
      'customers.pageInfo': '{from}\u2013{to} of {total}',
      'customers.label': 'Label',
      'customers.label.save': 'Save label',
      'customers.vip.on': 'Mark as VIP',
      'customers.vip.off': 'Remove VIP',
      'customers.staff.on': 'Mark as staff',
      'customers.staff.off': 'Not staff',
      'customers.merge.other': 'Merge with customer id',
      'customers.merge': 'Merge into this customer',
      'customers.erase': 'Erase customer',
      'customers.visitTimeline': 'Visits',
      'customers.select': 'Select',
      'customers.selectVisit': 'Select visit {number}',
      'customers.visitNumber': 'Visit',
      'customers.store': 'Store',
      'customers.started': 'Started',
      'customers.ended': 'Ended',
      'customers.dwell': 'Stayed',
      'customers.open': 'still here',
      'customers.minutes': '{minutes} min',
      'customers.split': 'Not this person: split off the selected visits',
      'customers.byCamera': 'Sightings by camera',
      'customers.camera': 'Camera',
      'customers.role': 'Role',
      'customers.sightings': 'Sightings',
      'customers.frames': 'Frames',
      'customers.optOut': 'Opt-out',
      'customers.optOut.help': 'A person who asks not to be tracked: upload a photo of their face. Matching '
        + 'customers are erased, and their face is never stored again.',
      'customers.optOut.photo': 'Photo (JPEG or PNG)',
      'customers.optOut.note': 'Note',
      'customers.optOut.enrol': 'Enrol opt-out',
      'customers.optOut.choose': 'Choose a photo first.',
      'customers.optOut.confirm': 'Enrol this photo as an opt-out? Every customer with this face is erased now, '
        + 'and the face is never tracked again.',
      'customers.optOut.done': 'Opt-out enrolled; {count} customer(s) erased.',
      'customers.confirm.erase': 'Erase customer {who}? Their visits, sightings and face templates are deleted '
        + 'everywhere. This cannot be undone.',
      'customers.confirm.merge': 'Merge customer {other} into {who}? {other} stops existing: their visits and face '
        + 'templates become {who}\'s.',
      'customers.confirm.split': 'Split {count} visit(s) off {who} into a new customer?',
      'customers.split.none': 'Select the visits that were someone else first.',
      'customers.done.vip': 'VIP updated.',
      'customers.done.staff': 'Staff flag updated: reports follow.',
      'customers.done.label': 'Label saved.',
      'customers.done.merge': 'Merged.',
      'customers.done.split': 'Split off into new customer {id}.',
      'customers.done.erase': 'Customer erased.'
    },
    ko: {
      'customers.title': '고객',
      'customers.list': '고객 목록',
      'customers.search': '검색',
      'customers.search.hint': 'ID 또는 이름표',
      'customers.tier': '등급',
      'customers.vip': 'VIP',
      'customers.staff': '직원',
      'customers.any': '전체',
      'customers.yes': '예',
      'customers.no': '아니요',
      'customers.staffOnly': '직원만',
      'customers.customersOnly': '고객만',
      'customers.sort': '정렬',
      'customers.sort.lastSeenDesc': '최근 방문 순',
      'customers.sort.lastSeenAsc': '오래된 방문 순',
      'customers.sort.visitsDesc': '방문 많은 순',
      'customers.sort.visitsAsc': '방문 적은 순',
      'customers.apply': '보기',
      'customers.customer': '고객',
      'customers.visits': '방문',
      'customers.lastSeen': '마지막 방문',
      'customers.firstSeen': '첫 방문',
      'customers.lastLocation': '마지막 카메라',
      'customers.ageBand': '연령대',
      'customers.age': '추정 나이',
      'customers.gender': '성별',
      'customers.gender.MALE': '남성',
      'customers.gender.FEMALE': '여성',
      'customers.unknown': '알 수 없음',
      'customers.templates': '얼굴 템플릿',
      'customers.badge.staff': '직원',
      'customers.badge.vip': '\u2605 VIP',
      'customers.empty': '조건에 맞는 고객이 없습니다.',
      'customers.previous': '이전',
      'customers.next': '다음',
      'customers.pageInfo': '{total}명 중 {from}\u2013{to}',
      'customers.label': '이름표',
      'customers.label.save': '이름표 저장',
      'customers.vip.on': 'VIP로 지정',
      'customers.vip.off': 'VIP 해제',
      'customers.staff.on': '직원으로 지정',
      'customers.staff.off': '직원 해제',
      'customers.merge.other': '합칠 고객 ID',
      'customers.merge': '이 고객으로 합치기',
      'customers.erase': '고객 삭제',
      'customers.visitTimeline': '방문 기록',
      'customers.select': '선택',
      'customers.selectVisit': '{number}번째 방문 선택',
      'customers.visitNumber': '방문',
      'customers.store': '매장',
      'customers.started': '시작',
      'customers.ended': '종료',
      'customers.dwell': '머문 시간',
      'customers.open': '매장에 있음',
      'customers.minutes': '{minutes}분',
      'customers.split': '다른 사람입니다: 선택한 방문을 분리',
      'customers.byCamera': '카메라별 포착',
      'customers.camera': '카메라',
      'customers.role': '역할',
      'customers.sightings': '포착',
      'customers.frames': '프레임',
      'customers.optOut': '추적 거부',
      'customers.optOut.help': '추적을 원하지 않는 분의 얼굴 사진을 올리세요. 일치하는 고객은 삭제되고, 그 얼굴은 '
        + '다시 저장되지 않습니다.',
      'customers.optOut.photo': '사진 (JPEG 또는 PNG)',
      'customers.optOut.note': '메모',
      'customers.optOut.enrol': '추적 거부 등록',
      'customers.optOut.choose': '먼저 사진을 고르세요.',
      'customers.optOut.confirm': '이 사진을 추적 거부로 등록할까요? 이 얼굴의 고객은 지금 삭제되고, 다시 추적되지 '
        + '않습니다.',
      'customers.optOut.done': '추적 거부를 등록했습니다. 고객 {count}명이 삭제되었습니다.',
      'customers.confirm.erase': '고객 {who}을(를) 삭제할까요? 방문, 포착 기록과 얼굴 템플릿이 모두 지워지며 되돌릴 수 '
        + '없습니다.',
      'customers.confirm.merge': '고객 {other}을(를) {who}(으)로 합칠까요? {other}의 방문과 얼굴 템플릿이 {who}에게 '
        + '옮겨지고 {other}은(는) 없어집니다.',
      'customers.confirm.split': '{who}의 방문 {count}건을 새 고객으로 분리할까요?',
      'customers.split.none': '먼저 다른 사람의 방문을 선택하세요.',
      'customers.done.vip': 'VIP를 바꿨습니다.',
      'customers.done.staff': '직원 지정을 바꿨습니다. 보고서에 반영됩니다.',
      'customers.done.label': '이름표를 저장했습니다.',
      'customers.done.merge': '합쳤습니다.',
      'customers.done.split': '새 고객 {id}(으)로 분리했습니다.',
      'customers.done.erase': '고객을 삭제했습니다.'
    }
  });

  function byId(id) {
    return document.getElementById(id);
  }

  function showError(id, error) {
    var node = byId(id);
    node.textContent = error ? (error.message || String(error)) : '';
    node.hidden = !error;
  }

  function who(customer) {
    return customer.label ? customer.label + ' (' + customer.id + ')' : customer.id;
  }

  function gender(value) {
    return value ? C.t('customers.gender.' + value) : C.t('customers.unknown');
  }

  function badges(customer) {
    return [
      customer.vip ? C.el('span', { class: 'badge vip' }, C.t('customers.badge.vip')) : null,
      customer.staff ? C.el('span', { class: 'badge staff' }, C.t('customers.badge.staff')) : null
    ];
  }

  // --- the list ---

  function query() {
    var params = new URLSearchParams();
    var search = byId('search').value.trim();
    if (search) { params.set('q', search); }
    ['tier', 'vip', 'staff'].forEach(function (name) {
      if (byId(name).value) { params.set(name, byId(name).value); }
    });
    params.set('sort', byId('sort').value);
    params.set('page', String(state.page));
    params.set('size', String(PAGE_SIZE));
    return params.toString();
  }

  function loadList() {
    return C.api('/api/v1/customers?' + query()).then(function (page) {
      showError('list-error', null);
      state.total = page.total;
      drawList(page.items);
    }).catch(function (error) {
      showError('list-error', error);
    });
  }

  function drawList(items) {
    var body = byId('customers').tBodies[0];
    body.replaceChildren();
    items.forEach(function (c) {
      var name = C.el('td', { class: 'name' },
        C.el('strong', null, c.label || ''), c.label ? ' ' : null,
        C.el('code', { class: 'customer-id' }, c.id), badges(c));
      body.appendChild(C.el('tr', {
        dataset: { id: c.id }, tabindex: '0', 'aria-selected': String(c.id === state.selected),
        onclick: function () { openDetail(c.id); },
        onkeydown: function (event) { if (event.key === 'Enter') { openDetail(c.id); } }
      }, name, C.el('td', { class: 'tier' }, c.tier), C.el('td', { class: 'visits' }, C.number(c.visitCount)),
      C.el('td', { class: 'last-seen' }, C.dateTime(c.lastSeen)),
      C.el('td', null, c.ageBand || C.t('customers.unknown')), C.el('td', null, gender(c.gender))));
    });
    byId('empty').hidden = items.length > 0;
    var from = state.total === 0 ? 0 : state.page * PAGE_SIZE + 1;
    byId('page-info').textContent = C.t('customers.pageInfo',
      { from: C.number(from), to: C.number(state.page * PAGE_SIZE + items.length), total: C.number(state.total) });
    byId('previous').disabled = state.page === 0;
    byId('next').disabled = (state.page + 1) * PAGE_SIZE >= state.total;
  }

  // --- one customer ---

  function openDetail(id) {
    state.selected = id;
    document.querySelectorAll('#customers tbody tr').forEach(function (row) {
      row.setAttribute('aria-selected', String(row.dataset.id === id));
    });
    return C.api('/api/v1/customers/' + encodeURIComponent(id)).then(function (detail) {
      showError('detail-error', null);
      drawDetail(detail);
    }).catch(function (error) {
      byId('detail').hidden = false;
      showError('detail-error', error);
    });
  }

  function drawDetail(detail) {
    var c = detail.customer;
    state.customer = c;
    var section = byId('detail');
    section.hidden = false;
    section.dataset.id = c.id;
    byId('detail-title').replaceChildren(who(c), badges(c));
    var profile = byId('profile');
    profile.replaceChildren();
    [
      ['customers.tier', c.tier],
      ['customers.visits', C.number(c.visitCount)],
      ['customers.ageBand', c.ageBand || C.t('customers.unknown')],
      ['customers.age', c.age === null || c.age === undefined ? C.t('customers.unknown') : C.number(c.age)],
      ['customers.gender', gender(c.gender)],
      ['customers.firstSeen', C.dateTime(c.firstSeen)],
      ['customers.lastSeen', C.dateTime(c.lastSeen)],
      ['customers.lastLocation', c.lastLocation || ''],
      ['customers.templates', C.number(detail.templateCount)]
    ].forEach(function (entry) {
      profile.append(C.el('dt', { 'data-i18n': entry[0] }, C.t(entry[0])),
        C.el('dd', { dataset: { field: entry[0].split('.')[1] } }, entry[1]));
    });
    var vip = byId('vip-toggle');
    vip.textContent = C.t(c.vip ? 'customers.vip.off' : 'customers.vip.on');
    vip.setAttribute('aria-pressed', String(c.vip));
    var staff = byId('staff-toggle');
    staff.textContent = C.t(c.staff ? 'customers.staff.off' : 'customers.staff.on');
    staff.setAttribute('aria-pressed', String(c.staff));
    byId('label-input').value = c.label || '';
    byId('merge-other').value = '';

    var visits = byId('visits').tBodies[0];
    visits.replaceChildren();
    detail.visits.slice().reverse().forEach(function (v) {
      visits.appendChild(C.el('tr', { dataset: { visitId: v.id } },
        C.el('td', null, C.el('input', {
          type: 'checkbox', class: 'split-visit', value: v.id,
          'aria-label': C.t('customers.selectVisit', { number: v.visitNumber })
        })),
        C.el('td', null, '#' + v.visitNumber), C.el('td', null, v.storeId),
        C.el('td', null, C.dateTime(v.startedAt)),
        C.el('td', null, v.endedAt ? C.dateTime(v.endedAt) : C.t('customers.open')),
        C.el('td', null, v.dwellSeconds === null || v.dwellSeconds === undefined ? ''
          : C.t('customers.minutes', { minutes: C.number(Math.round(v.dwellSeconds / 6) / 10) }))));
    });

    var cameras = byId('cameras').tBodies[0];
    cameras.replaceChildren();
    detail.sightingsByCamera.forEach(function (s) {
      cameras.appendChild(C.el('tr', { dataset: { camera: s.cameraId } },
        C.el('td', null, s.cameraId), C.el('td', null, s.cameraRole || ''), C.el('td', null, s.storeId),
        C.el('td', { class: 'sightings' }, C.number(s.sightings)), C.el('td', null, C.number(s.frames)),
        C.el('td', null, C.dateTime(s.lastSeenAt))));
    });
  }

  /** Runs an action on the open customer: its error in the detail, else a notice and both views drawn again. */
  function act(request, done) {
    return request.then(function (result) {
      showError('detail-error', null);
      C.notice(typeof done === 'function' ? done(result) : C.t(done));
      return loadList().then(function () {
        return state.selected ? openDetail(state.selected) : null;
      });
    }).catch(function (error) {
      showError('detail-error', error);
    });
  }

  function patch(body) {
    return C.api('/api/v1/customers/' + encodeURIComponent(state.customer.id), { method: 'PATCH', body: body });
  }

  function confirmThen(text, run) {
    return C.confirm(text).then(function (yes) {
      return yes ? run() : null;
    });
  }

  function wireActions() {
    byId('vip-toggle').addEventListener('click', function () {
      act(patch({ vip: !state.customer.vip }), 'customers.done.vip');
    });
    byId('staff-toggle').addEventListener('click', function () {
      act(patch({ staff: !state.customer.staff }), 'customers.done.staff');
    });
    byId('label-form').addEventListener('submit', function (event) {
      event.preventDefault();
      act(patch({ label: byId('label-input').value }), 'customers.done.label');
    });
    byId('merge-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var other = byId('merge-other').value.trim();
      var c = state.customer;
      confirmThen(C.t('customers.confirm.merge', { other: other, who: who(c) }), function () {
        return act(C.api('/api/v1/customers/' + encodeURIComponent(c.id) + '/merge',
          { method: 'POST', body: { otherCustomerId: other } }), 'customers.done.merge');
      });
    });
    byId('split').addEventListener('click', function () {
      var chosen = Array.prototype.map.call(document.querySelectorAll('#visits .split-visit:checked'),
        function (box) { return box.value; });
      if (chosen.length === 0) {
        showError('detail-error', new Error(C.t('customers.split.none')));
        return;
      }
      var c = state.customer;
      confirmThen(C.t('customers.confirm.split', { count: chosen.length, who: who(c) }), function () {
        return act(C.api('/api/v1/customers/' + encodeURIComponent(c.id) + '/split',
          { method: 'POST', body: { visitIds: chosen } }), function (result) {
          return C.t('customers.done.split', { id: result.splitOff.id });
        });
      });
    });
    byId('erase').addEventListener('click', function () {
      var c = state.customer;
      confirmThen(C.t('customers.confirm.erase', { who: who(c) }), function () {
        return C.api('/api/v1/customers/' + encodeURIComponent(c.id), { method: 'DELETE' }).then(function () {
          state.selected = null;
          state.customer = null;
          byId('detail').hidden = true;
          C.notice(C.t('customers.done.erase'));
          return loadList();
        }).catch(function (error) {
          showError('detail-error', error);
        });
      });
    });
  }

  // --- opt-out ---

  function wireOptOut() {
    byId('opt-out-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var file = byId('opt-out-photo').files[0];
      if (!file) {
        showError('opt-out-error', new Error(C.t('customers.optOut.choose')));
        return;
      }
      var note = byId('opt-out-note').value.trim();
      confirmThen(C.t('customers.optOut.confirm'), function () {
        return C.api('/api/v1/opt-outs' + (note ? '?note=' + encodeURIComponent(note) : ''), {
          method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' }
        }).then(function (enrolled) {
          showError('opt-out-error', null);
          byId('opt-out-result').textContent = C.t('customers.optOut.done',
            { count: enrolled.erasedCustomers.length });
          byId('opt-out-form').reset();
          if (state.selected && enrolled.erasedCustomers.indexOf(state.selected) >= 0) {
            state.selected = null;
            byId('detail').hidden = true;
          }
          return loadList();
        }).catch(function (error) {
          byId('opt-out-result').textContent = '';
          showError('opt-out-error', error);
        });
      });
    });
  }

  function start() {
    byId('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      state.page = 0;
      loadList();
    });
    ['tier', 'vip', 'staff', 'sort'].forEach(function (name) {
      byId(name).addEventListener('change', function () {
        state.page = 0;
        loadList();
      });
    });
    byId('previous').addEventListener('click', function () {
      state.page = Math.max(0, state.page - 1);
      loadList();
    });
    byId('next').addEventListener('click', function () {
      state.page += 1;
      loadList();
    });
    wireActions();
    wireOptOut();
    loadList().then(function () {
      document.body.dataset.loaded = 'true';
    });
  }

  C.ready.then(start);
}());
