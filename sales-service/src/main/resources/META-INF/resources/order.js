// Order page: a cart in memory, submitted to POST /api/v1/orders. The server prices the order; the total shown
// here is only a preview. One Idempotency-Key per cart: resubmitting after a lost response cannot order twice.
(function () {
  'use strict';
  var root = document.querySelector('main.order');
  var digits = Number(root.dataset.fractionDigits);
  var scale = Math.pow(10, digits);
  var currency = root.dataset.currency;
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

  function minor(price) { return Math.round(parseFloat(price) * scale); }
  function money(minorUnits) { return (minorUnits / scale).toFixed(digits); }

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
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.dataset.action = action;
    b.addEventListener('click', onClick);
    return b;
  }

  function render() {
    var focused = document.activeElement && document.activeElement.closest('#lines li')
      ? [document.activeElement.closest('li').dataset.id, document.activeElement.dataset.action] : null;
    lines.textContent = '';
    var sum = 0;
    cart.forEach(function (line, id) {
      var li = document.createElement('li');
      li.dataset.id = id;
      if (line.unavailable) { li.className = 'unavailable'; }
      var name = document.createElement('span');
      name.className = 'name';
      name.textContent = line.name + (line.unavailable ? ' (' + line.unavailable + ')' : '');
      var quantity = document.createElement('output');
      quantity.className = 'quantity';
      quantity.textContent = line.quantity;
      var amount = document.createElement('span');
      amount.className = 'amount';
      amount.textContent = money(line.price * line.quantity);
      li.append(name,
        button('\u2212', 'One less ' + line.name, 'less', function () { setQuantity(id, line.quantity - 1); }),
        quantity,
        button('+', 'One more ' + line.name, 'more', function () { setQuantity(id, line.quantity + 1); }),
        amount,
        button('\u00d7', 'Remove ' + line.name, 'remove', function () { setQuantity(id, 0); }));
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
    say('Sending\u2026');
    var items = [];
    cart.forEach(function (line, id) { items.push({ menuItemId: id, quantity: line.quantity }); });
    fetch('/api/v1/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify({ storeId: root.dataset.store, counterId: counter.value, items: items })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok) {
          cart.clear();
          idempotencyKey = null;
          message.textContent = '';
          message.className = 'ok';
          var strong = document.createElement('strong');
          strong.id = 'confirmation';
          strong.dataset.orderId = body.id;
          strong.textContent = 'Order #' + body.number;
          message.append(strong, ' placed \u2014 total ' + money(minor(String(body.total))) + ' ' + body.currency);
          return;
        }
        var unavailable = body.details && body.details.unavailable;
        if (unavailable) {
          Object.keys(unavailable).forEach(function (id) {
            if (cart.has(id)) { cart.get(id).unavailable = unavailable[id]; }
          });
        }
        say('Not placed: ' + (body.error || ('the server answered ' + response.status))
          + (unavailable ? '. Remove the marked items and try again.' : ''), 'error');
      });
    }).catch(function () {
      say('Could not reach the server, so the order may or may not have been placed. '
        + 'Press Place order again: it will not be placed twice.', 'error');
    }).finally(function () {
      sending = false;
      render();
      message.focus();
    });
  });

  message.tabIndex = -1;
  render();
})();
