// The settings page: what the server was started with (read-only: it comes from the environment) and this
// browser's own choices.
Console.messages({
  en: {
    'settings.pageTitle': 'Settings · StoreSight',
    'settings.title': 'Settings',
    'settings.readOnly': 'The server\'s settings come from its environment (.env for docker compose and '
      + './storesight): change them there and restart the services. This page shows them.',
    'settings.store': 'Store',
    'settings.currency': 'Currency',
    'settings.currencyValue': '{code}, {digits} decimals: {example}',
    'settings.timeZone': 'Time zone',
    'settings.timeZoneValue': '{zone}, now {now}',
    'settings.pages': 'Console pages',
    'settings.pagesNote': 'Each page lives on the service that owns its data; the base URLs are '
      + 'STORESIGHT_CONSOLE_CAMERA_URL, _IDENTITY_URL, _SALES_URL and _ANALYTICS_URL.',
    'settings.accounts': 'Accounts',
    'settings.accountsNote': 'One account per role, from STORESIGHT_<ROLE>_USER and _PASSWORD. Passwords are never shown.',
    'settings.role': 'Role',
    'settings.user': 'User name',
    'settings.role.admin': 'admin: every page and API',
    'settings.role.staff': 'staff: the order page',
    'settings.role.integrator': 'integrator: the face analysis API',
    'settings.role.viewer': 'viewer: reports, read-only',
    'settings.browser': 'This browser',
    'settings.browserNote': 'Kept in this browser only.',
    'settings.language': 'Language',
    'settings.languageAuto': 'Auto (the browser\'s language)',
    'settings.alertSound': 'Play a sound with each VIP alert',
    'settings.soundOn': 'Alert sound on.',
    'settings.soundOff': 'Alert sound off.',
    'settings.health': 'Services\' health',
    'settings.link.alerts': 'Alert stream'
  },
  ko: {
    'settings.pageTitle': '설정 · StoreSight',
    'settings.title': '설정',
    'settings.readOnly': '서버 설정은 환경 변수(docker compose와 ./storesight의 .env)에서 옵니다. 그곳에서 바꾸고 '
      + '서비스를 다시 시작하세요. 이 페이지는 설정을 보여 줍니다.',
    'settings.store': '매장',
    'settings.currency': '통화',
    'settings.currencyValue': '{code}, 소수점 {digits}자리: {example}',
    'settings.timeZone': '시간대',
    'settings.timeZoneValue': '{zone}, 현재 {now}',
    'settings.pages': '콘솔 페이지',
    'settings.pagesNote': '각 페이지는 데이터를 가진 서비스에 있습니다. 기본 URL은 STORESIGHT_CONSOLE_CAMERA_URL, '
      + '_IDENTITY_URL, _SALES_URL, _ANALYTICS_URL입니다.',
    'settings.accounts': '계정',
    'settings.accountsNote': '역할마다 계정 하나, STORESIGHT_<ROLE>_USER와 _PASSWORD에서 옵니다. 비밀번호는 표시하지 않습니다.',
    'settings.role': '역할',
    'settings.user': '사용자 이름',
    'settings.role.admin': '관리자: 모든 페이지와 API',
    'settings.role.staff': '직원: 주문 페이지',
    'settings.role.integrator': '연동: 얼굴 분석 API',
    'settings.role.viewer': '조회: 보고서 읽기 전용',
    'settings.browser': '이 브라우저',
    'settings.browserNote': '이 브라우저에만 저장됩니다.',
    'settings.language': '언어',
    'settings.languageAuto': '자동 (브라우저 언어)',
    'settings.alertSound': 'VIP 알림마다 소리 내기',
    'settings.soundOn': '알림 소리를 켰습니다.',
    'settings.soundOff': '알림 소리를 껐습니다.',
    'settings.health': '서비스 상태',
    'settings.link.alerts': '알림 스트림'
  }
});

Console.ready.then(function (settings) {
  'use strict';
  var el = Console.el;

  document.getElementById('currency').textContent = Console.t('settings.currencyValue',
    { code: settings.currency, digits: settings.currencyDigits, example: Console.money(12345.5) });
  document.getElementById('time-zone').textContent = Console.t('settings.timeZoneValue',
    { zone: settings.timeZone, now: Console.dateTime(Date.now()) });

  var pages = document.getElementById('pages');
  Object.keys(settings.links || {}).forEach(function (name) {
    if (name === 'login' || name === 'logout') { return; }
    var label = name === 'alerts' ? Console.t('settings.link.alerts') : Console.t('console.nav.' + name);
    pages.appendChild(el('tr', { dataset: { page: name } }, el('th', null, label),
      el('td', null, el('a', { href: settings.links[name] }, settings.links[name]))));
  });

  var accounts = document.getElementById('accounts');
  accounts.appendChild(el('tr', null, el('th', null, Console.t('settings.role')),
    el('th', null, Console.t('settings.user'))));
  Console.api('/console/accounts').then(function (list) {
    list.forEach(function (account) {
      accounts.appendChild(el('tr', { dataset: { role: account.role } },
        el('td', null, Console.t('settings.role.' + account.role)), el('td', { class: 'user' }, account.user)));
    });
  }).catch(function (error) {
    Console.notice(error.message, { kind: 'error' });
  });

  var language = document.getElementById('language');
  language.value = Console.chosenLang();
  language.addEventListener('change', function () { Console.setLang(language.value); });

  var sound = document.getElementById('alert-sound');
  sound.checked = Console.soundOn();
  sound.addEventListener('change', function () {
    Console.setSound(sound.checked);
    Console.notice(Console.t(sound.checked ? 'settings.soundOn' : 'settings.soundOff'));
  });

  var health = document.getElementById('health');
  Object.keys(settings.services || {}).forEach(function (service) {
    var url = settings.services[service] + '/q/health';
    health.appendChild(el('li', { dataset: { service: service } }, service + ' ',
      el('a', { href: url, target: '_blank', rel: 'noopener' }, url)));
  });
});
