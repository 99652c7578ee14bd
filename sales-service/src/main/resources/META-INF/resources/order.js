// Order page: a cart in memory, submitted to POST /api/v1/orders. The server prices the order; the total shown
// here is only a preview. One Idempotency-Key per cart: resubmitting after a lost response cannot order twice.
// Texts and amounts go through the console shell (Console.t, Console.money).
Console.messages({
  en: {
    'order.pageTitle': 'New order · StoreSight',
    'order.title': 'New order',
    'order.store': 'Store',
    'order.counter': 'Counter',
    'order.menu': 'Menu',
    'order.emptyMenu': 'The menu is empty. An admin can add items on the menu page.',
    'order.cart': 'Cart',
    'order.emptyCart': 'Nothing yet: tap or press Enter on an item to add it.',
    'order.total': 'Total',
    'order.submit': 'Place order',
    'order.clear': 'Clear',
    'order.add': 'Add {name}, {price}',
    'order.less': 'One less {name}',
    'order.more': 'One more {name}',
    'order.remove': 'Remove {name}',
    'order.sending': 'Sending\u2026',
    'order.number': 'Order #{number}',
    'order.placed': ' placed \u2014 total {total}',
    'order.refused': 'Not placed: {reason}',
    'order.removeMarked': '. Remove the marked items and try again.',
    'order.unreachable': 'Could not reach the server, so the order may or may not have been placed. '
      + 'Press Place order again: it will not be placed twice.'
  },
  ko: {
    'order.pageTitle': '새 주문 · StoreSight',
    'order.title': '새 주문',
    'order.store': '매장',
    'order.counter': '계산대',
    'order.menu': '메뉴',
    'order.emptyMenu': '메뉴가 비어 있습니다. 관리자가 메뉴 페이지에서 항목을 추가할 수 있습니다.',
    'order.cart': '장바구니',
    'order.emptyCart': '아직 없습니다. 항목을 누르거나 Enter 키를 눌러 추가하세요.',
    'order.total': '합계',
    'order.submit': '주문하기',
    'order.clear': '비우기',
    'order.add': '{name} 추가, {price}',
    'order.less': '{name} 하나 빼기',
    'order.more': '{name} 하나 더',
    'order.remove': '{name} 삭제',
    'order.sending': '보내는 중\u2026',
    'order.number': '주문 #{number}',
    'order.placed': ' 접수됨 \u2014 합계 {total}',
    'order.refused': '주문되지 않음: {reason}',
    'order.removeMarked': '. 표시된 항목을 빼고 다시 시도하세요.',
    'order.unreachable': '서버에 연결할 수 없어 주문이 접수되었는지 알 수 없습니다. '
      + '주문하기를 다시 누르세요. 두 번 접수되지 않습니다.'
  }
});

Console.ready.then(function () {
  'use strict';
  var root = document.querySelector('main.order');
  var scale = Math.pow(10, Console.settings().currencyDigits);
  var cart = new Map();
  var idempotencyKey = null;
  var sending = false;

  var lines = document.getElementById('lines');
  var empty = document.getElementById('empty');
  var total = document.getElementById('total');
  var message = document.getElementById('message');
  var submit = document.getElementById('submit');
  var clear = document.getElementById('clear');
  var counter = document.getElementById('counter');

  var savedCounter = localStorage.getItem('storesight.counter');
  if (savedCounter && Array.prototype.some.call(counter.options, function (o) { return o.value === savedCounter; })) {
    counter.value = savedCounter;
  }
  counter.addEventListener('change', function () {
    localStorage.setItem('storesight.counter', counter.value);
    changed();
  });

  // Sums in minor units (cents, won): no floating-point drift however many lines.
  function minor(price) { return Math.round(parseFloat(price) * scale); }
  function money(minorUnits) { return Console.money(minorUnits / scale); }

  // crypto.randomUUID needs a secure context; store networks often serve plain http.
  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  function say(text, kind) {
    message.textContent = text;
    message.className = kind || '';
  }

  function changed() {
    idempotencyKey = null;
    render();
  }

  function setQuantity(id, quantity) {
    if (quantity <= 0) {
      cart.delete(id);
    } else {
      cart.get(id).quantity = quantity;
    }
    changed();
  }

  function button(text, label, action, onClick) {
    return Console.el('button', { type: 'button', 'aria-label': label, dataset: { action: action }, onclick: onClick },
      text);
  }

  function render() {
    var focused = document.activeElement && document.activeElement.closest('#lines li')
      ? [document.activeElement.closest('li').dataset.id, document.activeElement.dataset.action] : null;
    lines.textContent = '';
    var sum = 0;
    cart.forEach(function (line, id) {
      var li = Console.el('li', { dataset: { id: id }, class: line.unavailable ? 'unavailable' : null },
        Console.el('span', { class: 'name' }, line.name + (line.unavailable ? ' (' + line.unavailable + ')' : '')),
        button('\u2212', Console.t('order.less', { name: line.name }), 'less',
          function () { setQuantity(id, line.quantity - 1); }),
        Console.el('output', { class: 'quantity' }, line.quantity),
        button('+', Console.t('order.more', { name: line.name }), 'more',
          function () { setQuantity(id, line.quantity + 1); }),
        Console.el('span', { class: 'amount' }, money(line.price * line.quantity)),
        button('\u00d7', Console.t('order.remove', { name: line.name }), 'remove',
          function () { setQuantity(id, 0); }));
      lines.appendChild(li);
      sum += line.price * line.quantity;
    });
    total.textContent = money(sum);
    empty.hidden = cart.size > 0;
    submit.disabled = cart.size === 0 || sending;
    if (focused) {
      var again = lines.querySelector('li[data-id="' + CSS.escape(focused[0]) + '"] [data-action="' + focused[1] + '"]');
      (again || submit).focus();
    }
  }

  document.querySelectorAll('button.item').forEach(function (b) {
    var price = Console.money(b.dataset.price);
    b.querySelector('.price').textContent = price;
    b.setAttribute('aria-label', Console.t('order.add', { name: b.dataset.name, price: price }));
    b.addEventListener('click', function () {
      var id = b.dataset.id;
      var line = cart.get(id);
      if (line) {
        line.quantity += 1;
      } else {
        cart.set(id, { name: b.dataset.name, price: minor(b.dataset.price), quantity: 1 });
      }
      say('');
      changed();
    });
  });

  clear.addEventListener('click', function () {
    cart.clear();
    say('');
    changed();
  });

  submit.addEventListener('click', function () {
    if (cart.size === 0 || sending) { return; }
    sending = true;
    submit.disabled = true;
    idempotencyKey = idempotencyKey || newKey();
    say(Console.t('order.sending'));
    var items = [];
    cart.forEach(function (line, id) { items.push({ menuItemId: id, quantity: line.quantity }); });
    Console.api('/api/v1/orders', {
      method: 'POST',
      headers: { 'Idempotency-Key': idempotencyKey },
      body: { storeId: root.dataset.store, counterId: counter.value, items: items }
    }).then(function (body) {
      cart.clear();
      idempotencyKey = null;
      message.textContent = '';
      message.className = 'ok';
      message.append(Console.el('strong', { id: 'confirmation', dataset: { orderId: body.id } },
        Console.t('order.number', { number: body.number })),
      Console.t('order.placed', { total: Console.money(body.total) }));
    }).catch(function (error) {
      if (error.network) {
        say(Console.t('order.unreachable'), 'error');
        return;
      }
      var unavailable = error.details && error.details.unavailable;
      if (unavailable) {
        Object.keys(unavailable).forEach(function (id) {
          if (cart.has(id)) { cart.get(id).unavailable = unavailable[id]; }
        });
      }
      say(Console.t('order.refused', { reason: error.message })
        + (unavailable ? Console.t('order.removeMarked') : ''), 'error');
    }).finally(function () {
      sending = false;
      render();
      message.focus();
    });
  });

  message.tabIndex = -1;
  render();
});
