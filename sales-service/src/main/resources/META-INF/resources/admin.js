// Menu admin page: every change goes through the same REST API (and its validation) as any other client; the
// form-login cookie authenticates the calls.
(function () {
  'use strict';
  var message = document.getElementById('message');

  function say(text, kind) {
    message.textContent = text;
    message.className = kind || '';
  }

  function call(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { 'Content-Type': 'application/json', 'Accept': 'application/json' } : { 'Accept': 'application/json' },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      if (response.status === 204) { return null; }
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          var details = json.details ? ' (' + Object.keys(json.details).map(function (k) {
            return k + ': ' + JSON.stringify(json.details[k]);
          }).join('; ') + ')' : '';
          throw new Error((json.error || 'HTTP ' + response.status) + details);
        }
        return json;
      });
    });
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

  document.getElementById('create').addEventListener('submit', function (event) {
    event.preventDefault();
    call('POST', '/api/v1/menu', item(event.target)).then(function (created) {
      say('Added ' + created.name + ' (' + created.id + '). Reloading\u2026', 'ok');
      location.reload();
    }).catch(function (e) { say(e.message, 'error'); });
  });

  document.getElementById('items').addEventListener('click', function (event) {
    var action = event.target.dataset.action;
    var row = event.target.closest('tr[data-id]');
    if (!action || !row) { return; }
    var id = row.dataset.id;
    if (action === 'save') {
      call('PUT', '/api/v1/menu/' + encodeURIComponent(id), item(row)).then(function (saved) {
        say('Saved ' + saved.name + '.', 'ok');
      }).catch(function (e) { say(e.message, 'error'); });
    } else if (action === 'delete' && confirm('Delete ' + id + '? Deactivating keeps it in reports by name.')) {
      call('DELETE', '/api/v1/menu/' + encodeURIComponent(id)).then(function () {
        row.remove();
        say('Deleted ' + id + '.', 'ok');
      }).catch(function (e) { say(e.message, 'error'); });
    }
  });

  var orders = document.getElementById('orders');
  function loadOrders() {
    call('GET', '/api/v1/orders?limit=20').then(function (list) {
      orders.querySelectorAll('tr[data-id]').forEach(function (r) { r.remove(); });
      list.forEach(function (o) {
        var tr = document.createElement('tr');
        tr.dataset.id = o.id;
        [o.number, new Date(o.orderedAt).toLocaleString(), o.counterId,
          o.items.map(function (i) { return i.quantity + '\u00d7 ' + i.name; }).join(', '),
          o.total + ' ' + o.currency, o.status].forEach(function (text) {
          var td = document.createElement('td');
          td.textContent = text;
          tr.appendChild(td);
        });
        var td = document.createElement('td');
        if (o.status === 'PLACED') {
          var b = document.createElement('button');
          b.type = 'button';
          b.textContent = 'Cancel';
          b.addEventListener('click', function () {
            call('POST', '/api/v1/orders/' + encodeURIComponent(o.id) + '/cancel').then(function () {
              say('Cancelled order #' + o.number + '.', 'ok');
              loadOrders();
            }).catch(function (e) { say(e.message, 'error'); });
          });
          td.appendChild(b);
        }
        tr.appendChild(td);
        orders.appendChild(tr);
      });
    }).catch(function (e) { say('Cannot load orders: ' + e.message, 'error'); });
  }
  loadOrders();
})();
