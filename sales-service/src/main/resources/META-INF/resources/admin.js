// Menu admin page: every change goes through the same REST API (and its validation) as any other client; the
// form-login cookie authenticates the calls (Console.api).
Console.messages({
  en: {
    'menu.pageTitle': 'Menu admin · StoreSight',
    'menu.title': 'Menu admin',
    'menu.add': 'Add an item',
    'menu.id': 'Id (optional)',
    'menu.idShort': 'Id',
    'menu.idPlaceholder': 'from the name',
    'menu.name': 'Name',
    'menu.category': 'Category',
    'menu.price': 'Price',
    'menu.sort': 'Sort',
    'menu.active': 'Active',
    'menu.addButton': 'Add',
    'menu.menu': 'Menu',
    'menu.save': 'Save',
    'menu.delete': 'Delete',
    'menu.cancel': 'Cancel',
    'menu.recentOrders': 'Recent orders',
    'menu.time': 'Time',
    'menu.counter': 'Counter',
    'menu.items': 'Items',
    'menu.total': 'Total',
    'menu.status': 'Status',
    'menu.status.PLACED': 'placed',
    'menu.status.CANCELLED': 'cancelled',
    'menu.nameOf': 'Name of {id}',
    'menu.categoryOf': 'Category of {id}',
    'menu.priceOf': 'Price of {id}',
    'menu.sortOf': 'Sort order of {id}',
    'menu.activeOf': '{id} active',
    'menu.added': 'Added {name} ({id}). Reloading\u2026',
    'menu.saved': 'Saved {name}.',
    'menu.deleteConfirm': 'Delete {id}? Deactivating keeps it in reports by name.',
    'menu.deleted': 'Deleted {id}.',
    'menu.cancelled': 'Cancelled order #{number}.',
    'menu.ordersFailed': 'Cannot load orders: {reason}'
  },
  ko: {
    'menu.pageTitle': '메뉴 관리 · StoreSight',
    'menu.title': '메뉴 관리',
    'menu.add': '항목 추가',
    'menu.id': 'ID (선택)',
    'menu.idShort': 'ID',
    'menu.idPlaceholder': '이름에서 생성',
    'menu.name': '이름',
    'menu.category': '분류',
    'menu.price': '가격',
    'menu.sort': '순서',
    'menu.active': '판매 중',
    'menu.addButton': '추가',
    'menu.menu': '메뉴',
    'menu.save': '저장',
    'menu.delete': '삭제',
    'menu.cancel': '취소',
    'menu.recentOrders': '최근 주문',
    'menu.time': '시간',
    'menu.counter': '계산대',
    'menu.items': '항목',
    'menu.total': '합계',
    'menu.status': '상태',
    'menu.status.PLACED': '접수됨',
    'menu.status.CANCELLED': '취소됨',
    'menu.nameOf': '{id} 이름',
    'menu.categoryOf': '{id} 분류',
    'menu.priceOf': '{id} 가격',
    'menu.sortOf': '{id} 순서',
    'menu.activeOf': '{id} 판매 중',
    'menu.added': '{name}({id})을(를) 추가했습니다. 다시 불러오는 중\u2026',
    'menu.saved': '{name}을(를) 저장했습니다.',
    'menu.deleteConfirm': '{id}을(를) 삭제할까요? 판매 중지를 하면 보고서에 이름이 남습니다.',
    'menu.deleted': '{id}을(를) 삭제했습니다.',
    'menu.cancelled': '주문 #{number}을(를) 취소했습니다.',
    'menu.ordersFailed': '주문을 불러올 수 없습니다: {reason}'
  }
});

Console.ready.then(function () {
  'use strict';
  var message = document.getElementById('message');

  function say(text, kind) {
    message.textContent = text;
    message.className = kind || '';
  }

  // The API's error text, with the fields it names (a price with too many decimals, a missing name).
  function problem(error) {
    var details = error.details && typeof error.details === 'object' ? ' (' + Object.keys(error.details)
      .map(function (k) { return k + ': ' + JSON.stringify(error.details[k]); }).join('; ') + ')' : '';
    return error.message + details;
  }

  function item(fields) {
    var value = function (name) { var f = fields.querySelector('[name="' + name + '"]'); return f ? f.value.trim() : ''; };
    return {
      id: value('id') || undefined,
      name: value('name'),
      category: value('category'),
      price: value('price'),
      sortOrder: Number(value('sortOrder') || 0),
      active: fields.querySelector('[name="active"]').checked,
      description: value('description') || undefined,
      imageUrl: value('imageUrl') || undefined
    };
  }

  document.querySelectorAll('#items [data-label]').forEach(function (input) {
    input.setAttribute('aria-label', Console.t(input.dataset.label, { id: input.closest('tr').dataset.id }));
  });

  document.getElementById('create').addEventListener('submit', function (event) {
    event.preventDefault();
    Console.api('/api/v1/menu', { method: 'POST', body: item(event.target) }).then(function (created) {
      say(Console.t('menu.added', { name: created.name, id: created.id }), 'ok');
      location.reload();
    }).catch(function (e) { say(problem(e), 'error'); });
  });

  document.getElementById('items').addEventListener('click', function (event) {
    var action = event.target.dataset.action;
    var row = event.target.closest('tr[data-id]');
    if (!action || !row) { return; }
    var id = row.dataset.id;
    var url = '/api/v1/menu/' + encodeURIComponent(id);
    if (action === 'save') {
      Console.api(url, { method: 'PUT', body: item(row) }).then(function (saved) {
        say(Console.t('menu.saved', { name: saved.name }), 'ok');
      }).catch(function (e) { say(problem(e), 'error'); });
    } else if (action === 'delete') {
      Console.confirm(Console.t('menu.deleteConfirm', { id: id })).then(function (yes) {
        if (!yes) { return null; }
        return Console.api(url, { method: 'DELETE' }).then(function () {
          row.remove();
          say(Console.t('menu.deleted', { id: id }), 'ok');
        });
      }).catch(function (e) { say(problem(e), 'error'); });
    }
  });

  var orders = document.getElementById('orders');
  function loadOrders() {
    Console.api('/api/v1/orders?limit=20').then(function (list) {
      orders.querySelectorAll('tr[data-id]').forEach(function (r) { r.remove(); });
      list.forEach(function (o) {
        var cancel = o.status === 'PLACED' ? Console.el('button', {
          type: 'button', 'data-i18n': 'menu.cancel',
          onclick: function () {
            Console.api('/api/v1/orders/' + encodeURIComponent(o.id) + '/cancel', { method: 'POST' }).then(function () {
              say(Console.t('menu.cancelled', { number: o.number }), 'ok');
              loadOrders();
            }).catch(function (e) { say(problem(e), 'error'); });
          }
        }, Console.t('menu.cancel')) : null;
        orders.appendChild(Console.el('tr', { dataset: { id: o.id } },
          Console.el('td', null, o.number),
          Console.el('td', null, Console.dateTime(o.orderedAt)),
          Console.el('td', null, o.counterId),
          Console.el('td', null, o.items.map(function (i) { return i.quantity + '\u00d7 ' + i.name; }).join(', ')),
          Console.el('td', { class: 'amount' }, Console.money(o.total)),
          Console.el('td', { dataset: { status: o.status } }, Console.t('menu.status.' + o.status)),
          Console.el('td', null, cancel)));
      });
    }).catch(function (e) { say(Console.t('menu.ordersFailed', { reason: problem(e) }), 'error'); });
  }
  loadOrders();
});
