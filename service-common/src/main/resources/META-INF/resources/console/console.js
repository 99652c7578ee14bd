// The console shell: the navigation bar, translation, formatting, API calls, notices and VIP alerts of every
// StoreSight page, whichever service serves it. Loaded in <head> before the page's own script; the page marks
// itself with <body data-page="...">. Everything reaches the DOM as text (Console.el), never as markup.
(function () {
  'use strict';
  var LANG_KEY = 'storesight.lang';
  var SOUND_KEY = 'storesight.alertSound';
  var LANGS = ['en', 'ko'];
  // Which roles may open each page (the server enforces it; the bar only hides what would be refused).
  var PAGES = [
    ['dashboard', ['admin', 'viewer']],
    ['live', ['admin']],
    ['customers', ['admin']],
    ['cameras', ['admin']],
    ['menu', ['admin']],
    ['order', ['admin', 'staff']],
    ['settings', ['admin']]
  ];
  var ALERT_ROLES = ['admin', 'staff'];
  var RECONNECT_MS = 30000;
  var NOTICE_MS = 6000;

  var catalog = { en: {}, ko: {} };
  var settings = null;
  var formats = {};
  var alerts = [];
  var seenAlerts = {};
  var unread = 0;
  var resolveReady;

  function messages(bundle) {
    LANGS.forEach(function (lang) {
      if (bundle && bundle[lang]) { Object.assign(catalog[lang], bundle[lang]); }
    });
    if (settings) { translate(document); }
  }

  messages({
    en: {
      'console.nav': 'StoreSight console',
      'console.nav.dashboard': 'Dashboard',
      'console.nav.live': 'Live view',
      'console.nav.customers': 'Customers',
      'console.nav.cameras': 'Cameras',
      'console.nav.menu': 'Menu',
      'console.nav.order': 'Order page',
      'console.nav.settings': 'Settings',
      'console.logout': 'Log out',
      'console.language': 'Language',
      'console.language.auto': 'Auto',
      'console.alerts': 'Alerts',
      'console.alerts.count': '{count} new alerts',
      'console.alerts.none': 'No alerts yet.',
      'console.alerts.sound': 'Sound',
      'console.alert.VIP_ARRIVED': '\u2605 VIP {who} ({tier}) arrived at {store}, {time}',
      'console.alert.WATCHED_ARRIVED': '{who} ({tier}) arrived at {store}, {time}',
      'console.ok': 'OK',
      'console.cancel': 'Cancel',
      'console.close': 'Close',
      'console.loginNeeded': 'Your session has ended: log in again.',
      'console.unreachable': 'The server cannot be reached.'
    },
    ko: {
      'console.nav': 'StoreSight 콘솔',
      'console.nav.dashboard': '대시보드',
      'console.nav.live': '실시간 화면',
      'console.nav.customers': '고객',
      'console.nav.cameras': '카메라',
      'console.nav.menu': '메뉴',
      'console.nav.order': '주문',
      'console.nav.settings': '설정',
      'console.logout': '로그아웃',
      'console.language': '언어',
      'console.language.auto': '자동',
      'console.alerts': '알림',
      'console.alerts.count': '새 알림 {count}건',
      'console.alerts.none': '아직 알림이 없습니다.',
      'console.alerts.sound': '소리',
      'console.alert.VIP_ARRIVED': '\u2605 VIP {who}({tier}) 님이 {store}에 도착했습니다, {time}',
      'console.alert.WATCHED_ARRIVED': '{who}({tier}) 님이 {store}에 도착했습니다, {time}',
      'console.ok': '확인',
      'console.cancel': '취소',
      'console.close': '닫기',
      'console.loginNeeded': '세션이 끝났습니다. 다시 로그인하세요.',
      'console.unreachable': '서버에 연결할 수 없습니다.'
    }
  });

  // --- language and translation ---

  function storedLang() {
    try {
      var value = localStorage.getItem(LANG_KEY);
      return LANGS.indexOf(value) >= 0 ? value : null;
    } catch (e) {
      return null;
    }
  }

  function lang() {
    var chosen = storedLang();
    if (chosen) { return chosen; }
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < wanted.length; i++) {
      var primary = String(wanted[i]).toLowerCase().split('-')[0];
      if (LANGS.indexOf(primary) >= 0) { return primary; }
    }
    return 'en';
  }

  function t(key, params) {
    var text = catalog[lang()][key];
    if (text === undefined) { text = catalog.en[key]; }
    if (text === undefined) { text = key; }
    return params ? text.replace(/\{(\w+)\}/g, function (all, name) {
      return params[name] === undefined || params[name] === null ? all : String(params[name]);
    }) : text;
  }

  function translate(root) {
    var scope = root || document;
    scope.querySelectorAll('[data-i18n]').forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    [['i18nPlaceholder', 'placeholder'], ['i18nTitle', 'title'], ['i18nAriaLabel', 'aria-label']]
      .forEach(function (pair) {
        var selector = '[data-' + pair[0].replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); }) + ']';
        scope.querySelectorAll(selector).forEach(function (node) {
          node.setAttribute(pair[1], t(node.dataset[pair[0]]));
        });
      });
  }

  function setLang(value) {
    try {
      if (LANGS.indexOf(value) >= 0) {
        localStorage.setItem(LANG_KEY, value);
      } else {
        localStorage.removeItem(LANG_KEY);
      }
    } catch (e) {
      // Private mode without storage: the choice lasts for this page only.
    }
    // Pages format their data when they draw it: drawing again in the new language is a reload.
    location.reload();
  }

  // --- formatting ---

  function format(kind, make) {
    var key = lang() + '|' + kind;
    if (!formats[key]) { formats[key] = make(lang()); }
    return formats[key];
  }

  function current() {
    return settings || fallbackSettings();
  }

  function money(amount) {
    var s = current();
    var value = Number(amount);
    if (amount === null || amount === undefined || amount === '' || isNaN(value)) { return ''; }
    return format('money', function (l) {
      return new Intl.NumberFormat(l, {
        style: 'currency', currency: s.currency,
        minimumFractionDigits: s.currencyDigits, maximumFractionDigits: s.currencyDigits
      });
    }).format(value);
  }

  function toDate(value) {
    if (value instanceof Date) { return value; }
    return new Date(typeof value === 'number' ? value : String(value));
  }

  function dateFormat(kind, options) {
    return function (value) {
      if (value === null || value === undefined || value === '') { return ''; }
      var date = toDate(value);
      if (isNaN(date.getTime())) { return String(value); }
      return format(kind, function (l) {
        return new Intl.DateTimeFormat(l, Object.assign({ timeZone: current().timeZone }, options));
      }).format(date);
    };
  }

  var dateTime = dateFormat('dateTime', { dateStyle: 'medium', timeStyle: 'short' });
  var date = dateFormat('date', { dateStyle: 'medium' });
  var time = dateFormat('time', { timeStyle: 'short' });

  function number(n) {
    return format('number', function (l) { return new Intl.NumberFormat(l); }).format(Number(n));
  }

  function percent(share) {
    return format('percent', function (l) {
      return new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 });
    }).format(Number(share));
  }

  // --- DOM ---

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === 'innerHTML' || name === 'outerHTML') {
        throw new Error('Console.el builds text, never markup: ' + name);
      }
      if (name === 'class' || name === 'className') {
        node.className = value;
      } else if (name === 'text' || name === 'textContent') {
        node.textContent = value;
      } else if (name === 'dataset') {
        Object.assign(node.dataset, value);
      } else if (name === 'style' && typeof value === 'object') {
        Object.assign(node.style, value);
      } else if (name.indexOf('on') === 0 && typeof value === 'function') {
        node.addEventListener(name.slice(2).toLowerCase(), value);
      } else if (name === 'value' || name === 'checked' || name === 'selected' || name === 'disabled'
          || name === 'hidden') {
        node[name] = value;
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    });
    append(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }

  function append(node, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      if (Array.isArray(child)) {
        append(node, child);
      } else {
        node.append(child instanceof Node ? child : String(child));
      }
    });
  }

  // --- API calls ---

  function toLogin() {
    location.href = (settings && settings.links && settings.links.login) || '/login.html';
  }

  function api(url, options) {
    var opts = Object.assign({}, options || {});
    var headers = Object.assign({ 'Accept': 'application/json', 'X-Requested-With': 'storesight' },
      opts.headers || {});
    var body = opts.body;
    var raw = typeof body === 'string' || (typeof FormData !== 'undefined' && body instanceof FormData)
      || (typeof Blob !== 'undefined' && body instanceof Blob) || (typeof URLSearchParams !== 'undefined'
        && body instanceof URLSearchParams);
    if (body !== undefined && body !== null && !raw) {
      body = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    var request = Object.assign({}, opts, { headers: headers, body: body, credentials: 'include' });
    return fetch(url, request).catch(function () {
      // No answer at all: the request may or may not have arrived (error.network tells the page).
      var lost = new Error(t('console.unreachable'));
      lost.network = true;
      throw lost;
    }).then(function (response) {
      if (response.status === 401) {
        toLogin();
        var ended = new Error(t('console.loginNeeded'));
        ended.status = 401;
        throw ended;
      }
      var type = response.headers.get('Content-Type') || '';
      var read = response.status === 204 ? Promise.resolve(null)
        : type.indexOf('json') >= 0 ? response.json().catch(function () { return null; })
          : response.text().catch(function () { return ''; });
      return read.then(function (data) {
        if (!response.ok) {
          var text = data && typeof data === 'object' && (data.error || data.message);
          var error = new Error(text || (response.status + ' ' + response.statusText).trim());
          error.status = response.status;
          error.details = data && typeof data === 'object' ? data.details : undefined;
          error.body = data;
          throw error;
        }
        return data;
      });
    });
  }

  // --- notices and confirmation ---

  function noticeArea() {
    var area = document.getElementById('console-notices');
    if (!area) {
      area = el('div', { id: 'console-notices', class: 'console-notices', role: 'status', 'aria-live': 'polite' });
      document.body.appendChild(area);
    }
    return area;
  }

  function notice(text, options) {
    var opts = options || {};
    var kind = opts.kind || 'info';
    var item = el('div', { class: 'console-notice console-notice-' + kind, dataset: { kind: kind } });
    var close = el('button', {
      type: 'button', class: 'console-notice-close', 'aria-label': t('console.close'),
      onclick: function () { item.remove(); }
    }, '\u00d7');
    item.append(el('span', { class: 'console-notice-text' }, text), close);
    noticeArea().appendChild(item);
    if (!opts.sticky) { setTimeout(function () { item.remove(); }, NOTICE_MS); }
    return item;
  }

  function confirmDialog(text) {
    return new Promise(function (resolve) {
      var dialog = el('dialog', { class: 'console-dialog', id: 'console-confirm' });
      var done = function (answer) {
        return function () {
          dialog.close();
          dialog.remove();
          resolve(answer);
        };
      };
      var ok = el('button', { type: 'button', class: 'primary', id: 'console-confirm-ok', onclick: done(true) },
        t('console.ok'));
      dialog.append(el('p', null, text), el('div', { class: 'console-dialog-actions' },
        el('button', { type: 'button', id: 'console-confirm-cancel', onclick: done(false) }, t('console.cancel')),
        ok));
      dialog.addEventListener('cancel', function (event) {
        event.preventDefault();
        done(false)();
      });
      document.body.appendChild(dialog);
      dialog.showModal();
      ok.focus();
    });
  }

  // --- navigation bar ---

  function allowed(roles) {
    var mine = current().roles || [];
    return roles.some(function (role) { return mine.indexOf(role) >= 0; });
  }

  function drawNav() {
    var s = current();
    var page = document.body.dataset.page;
    var links = el('ul', { class: 'console-links' });
    PAGES.forEach(function (entry) {
      var name = entry[0];
      var href = s.links && s.links[name];
      if (!href || !allowed(entry[1])) { return; }
      links.appendChild(el('li', null, el('a', {
        href: href, id: 'console-nav-' + name, 'data-i18n': 'console.nav.' + name,
        'aria-current': name === page ? 'page' : null
      }, t('console.nav.' + name))));
    });

    var choice = storedLang() || 'auto';
    var language = el('select', {
      id: 'console-lang', 'aria-label': t('console.language'), 'data-i18n-aria-label': 'console.language',
      onchange: function (event) { setLang(event.target.value); }
    },
    el('option', { value: 'auto', 'data-i18n': 'console.language.auto', selected: choice === 'auto' },
      t('console.language.auto')),
    el('option', { value: 'en', lang: 'en', selected: choice === 'en' }, 'English'),
    el('option', { value: 'ko', lang: 'ko', selected: choice === 'ko' }, '한국어'));

    var tools = el('div', { class: 'console-tools' }, bell(), language);
    if (s.user && s.links && s.links.logout) {
      tools.appendChild(el('form', { method: 'post', action: s.links.logout, class: 'console-logout' },
        el('button', { type: 'submit', id: 'console-logout', 'data-i18n': 'console.logout' }, t('console.logout'))));
    }
    var nav = el('nav', { class: 'console-nav', id: 'console-nav', 'aria-label': t('console.nav'),
      'data-i18n-aria-label': 'console.nav' },
    el('span', { class: 'console-brand' }, 'StoreSight'), links, tools);
    document.body.insertBefore(nav, document.body.firstChild);
  }

  // --- alerts ---

  function bell() {
    var count = el('span', { id: 'console-alert-count', class: 'console-alert-count', hidden: true }, '0');
    var list = el('ol', { id: 'console-alert-list', class: 'console-alert-list' });
    var sound = el('input', {
      type: 'checkbox', id: 'console-alert-sound', checked: soundOn(),
      onchange: function (event) { setSound(event.target.checked); }
    });
    var panel = el('div', { id: 'console-alert-panel', class: 'console-alert-panel', hidden: true },
      el('p', { id: 'console-alert-empty', 'data-i18n': 'console.alerts.none' }, t('console.alerts.none')), list,
      el('label', null, sound, ' ', el('span', { 'data-i18n': 'console.alerts.sound' }, t('console.alerts.sound'))));
    var button = el('button', {
      type: 'button', id: 'console-bell', class: 'console-bell', 'aria-expanded': 'false',
      'aria-label': t('console.alerts'), 'data-i18n-aria-label': 'console.alerts',
      onclick: function () {
        panel.hidden = !panel.hidden;
        button.setAttribute('aria-expanded', String(!panel.hidden));
        unread = 0;
        showCount();
      }
    }, '\uD83D\uDD14', count);
    return el('div', { class: 'console-alerts' }, button, panel);
  }

  function soundOn() {
    try {
      return localStorage.getItem(SOUND_KEY) === 'on';
    } catch (e) {
      return false;
    }
  }

  function setSound(on) {
    try {
      localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    } catch (e) {
      // No storage: the sound stays off.
    }
  }

  function showCount() {
    var count = document.getElementById('console-alert-count');
    if (!count) { return; }
    count.textContent = String(unread);
    count.hidden = unread === 0;
    var button = document.getElementById('console-bell');
    button.setAttribute('title', t('console.alerts.count', { count: unread }));
  }

  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context || !soundOn()) { return; }
    try {
      var audio = new Context();
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.1;
      tone.connect(gain);
      gain.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
      tone.onended = function () { audio.close(); };
    } catch (e) {
      // A browser that refuses audio before a click: the notice alone.
    }
  }

  function alertText(alert) {
    return t('console.alert.' + alert.kind, {
      who: alert.label || (alert.customerId ? String(alert.customerId).slice(0, 12) : ''),
      tier: alert.tier || '',
      store: alert.storeId || '',
      time: time(alert.at)
    });
  }

  function onAlert(alert) {
    if (!alert || !alert.id || seenAlerts[alert.id]) { return; }
    seenAlerts[alert.id] = true;
    alerts.unshift(alert);
    unread += 1;
    showCount();
    var text = alertText(alert);
    var list = document.getElementById('console-alert-list');
    if (list) {
      list.insertBefore(el('li', { dataset: { customer: alert.customerId || '' } }, text), list.firstChild);
      document.getElementById('console-alert-empty').hidden = true;
    }
    var item = notice(text, { kind: 'alert', sticky: true });
    item.dataset.alertId = alert.id;
    if (alert.customerId) { item.dataset.customer = alert.customerId; }
    beep();
    document.dispatchEvent(new CustomEvent('console:alert', { detail: alert }));
  }

  function openAlerts() {
    var s = current();
    if (!s.links || !s.links.alerts || !allowed(ALERT_ROLES) || typeof EventSource === 'undefined') { return; }
    var source;
    try {
      source = new EventSource(s.links.alerts, { withCredentials: true });
    } catch (e) {
      return;
    }
    source.addEventListener('alert', function (event) {
      try {
        onAlert(JSON.parse(event.data));
      } catch (e) {
        // A malformed alert is skipped; the next one still shows.
      }
    });
    // A lost connection is retried by the browser itself; a refused one (no alert stream on this server, a 404, a
    // CORS refusal) closes the source: try again later, quietly.
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(openAlerts, RECONNECT_MS);
      }
    };
    document.body.dataset.alertStream = 'open';
  }

  // --- start ---

  function fallbackSettings() {
    var data = (document.body && document.body.dataset) || {};
    return {
      links: { login: '/login.html' },
      currency: data.currency || 'EUR',
      currencyDigits: data.currencyDigits === undefined ? 2 : Number(data.currencyDigits),
      timeZone: data.timeZone || 'UTC',
      user: null,
      roles: [],
      service: null
    };
  }

  var ready = new Promise(function (resolve) { resolveReady = resolve; });

  function start() {
    document.documentElement.lang = lang();
    fetch('/console/settings', { credentials: 'include', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; })
      .then(function (loaded) {
        // Without a session (a page open to everyone) the page still works: no links, the page's own defaults.
        settings = loaded || fallbackSettings();
        formats = {};
        drawNav();
        translate(document);
        document.body.dataset.console = 'ready';
        resolveReady(settings);
        openAlerts();
      });
  }

  window.Console = {
    ready: ready,
    messages: messages,
    t: t,
    lang: lang,
    translate: translate,
    money: money,
    dateTime: dateTime,
    date: date,
    time: time,
    number: number,
    percent: percent,
    api: api,
    confirm: confirmDialog,
    notice: notice,
    el: el,
    // Additions for the settings page: the loaded settings, the language choice, the alert sound.
    settings: function () { return current(); },
    chosenLang: function () { return storedLang() || 'auto'; },
    setLang: setLang,
    soundOn: soundOn,
    setSound: function (on) {
      setSound(on);
      var box = document.getElementById('console-alert-sound');
      if (box) { box.checked = on; }
    }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
