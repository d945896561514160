// The help widget's loader: the one script a host page embeds.
//
//   <script async src="https://HOST/widget/embed.js" data-site="demo" data-locale="zh-CN"></script>
//
// It draws the launcher in a shadow root at once and keeps the page's `HelpWidget(...)` calls;
// the wasm app (widget.js + widget_bg.wasm) loads when the browser is idle or at the first
// interaction, then mounts into the same shadow root and takes the queued calls; the help
// center's index loads only at the first sign of intent (hover, focus, a click or an API call). In an app's
// webview (`data-mode="page"`) there is no launcher: the panel fills the page, identity and
// locale come from the URL, and events go to the native side. Plain ES5-style code, no eval.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || (window.HelpWidget && window.HelpWidget.loader)) return;
  var data = script.dataset;
  var base = new URL('.', script.src).href;
  var page = data.mode === 'page';
  var params = new URLSearchParams(location.search);
  var fromUrl = function (name) { return page ? params.get(name) : null; };
  var listeners = {};
  var queued = [];
  var app = null;
  var loading = null;
  var desk = null;
  var CACHE = 'help-widget-v1';

  // Opened once: each open is a round through the browser's storage. `openedCache` is the
  // cache once open, for writes made without waiting a turn (see `writeKept`).
  var opened = null;
  var openedCache = null;
  function openCache() {
    return opened || (opened = caches.open(CACHE).then(function (cache) { return (openedCache = cache); }));
  }

  // The files the cache holds, once listed (null until then): a part known not to be there
  // goes straight to the network instead of waiting on a cache lookup (lookups run one at a
  // time, so a cold first answer's dozen parts would queue behind them). Listed once, from the
  // first fetch on: on a fresh profile opening the cache takes tens of milliseconds, which the
  // core's round trip hides.
  var cachedIndex = null;
  var listing = null;
  function listCache() {
    return listing || (listing = openCache().then(function (cache) { return cache.keys(); }).then(function (requests) {
      cachedIndex = new Set(requests.map(function (r) { return r.url; }));
    }));
  }

  function cachedCopy(url) {
    return window.caches ? openCache().then(function (cache) { return cache.match(url); }) : Promise.resolve();
  }

  // Files waiting to be written to Cache Storage. Each write holds the page's main thread for
  // 1.5–4 ms, whatever its size, so writing a first answer's dozen parts as they came held up
  // its results by 30–50 ms: they are written in idle time, as many as each idle period has
  // room for, so a response arriving meanwhile waits on one write at most.
  var unkept = [];
  function keep(url, response) {
    if (window.caches && unkept.push([url, response]) === 1) idle(writeKept, 2000);
  }

  function writeKept(deadline) {
    if (!openedCache) {
      openCache().then(function () { idle(writeKept, 2000); }, function () { unkept = []; });
      return;
    }
    do {
      var next = unkept.shift();
      openedCache.put(next[0], next[1]).then(function (url) { if (cachedIndex) cachedIndex.add(url); }.bind(null, next[0]), function () {});
    } while (unkept.length && (!deadline || deadline.timeRemaining() > 5));
    if (unkept.length) idle(writeKept, 2000);
  }

  // Network first (revalidating by ETag), the cached copy when offline. A full cache (quota)
  // only means the file is not kept: the answer is still used. The request leaves within this
  // call, not after the app's render that asked for it.
  function fetchCached(url) {
    if (window.caches) listCache().catch(function () {});
    return fetch(url, { cache: 'no-cache' }).then(function (res) {
      if (res.ok) keep(url, res.clone());
      return res;
    }).catch(function (err) {
      return cachedCopy(url).then(function (hit) { if (hit) return hit; throw err; }, function () { throw err; });
    });
  }

  // The parts `names` of the index in `folder` (named by their content, so never revalidated),
  // a promise of each one's bytes (an ArrayBuffer): those in the cache from there, the others
  // in one request (`<folder>parts?names=a,b,…`), as the browser spends milliseconds on each
  // request of its own, even on loopback, and a first answer needs a dozen parts at once. The
  // edge sends each part's length (4 bytes, little-endian) before its bytes; each part is
  // cached under its own name, as if fetched alone. Offline, a part the cache gained since it
  // was listed (another tab) still answers.
  function fetchParts(folder, names) {
    var listed = window.caches ? listCache().catch(function () {}) : Promise.resolve();
    var plan = listed.then(function () {
      var absent = names.filter(function (name) { return !cachedIndex || !cachedIndex.has(folder + name); });
      return { absent: absent, bundle: absent.length ? fetchBundle(folder, absent) : null };
    });
    return names.map(function (name) {
      var url = folder + name;
      return plan.then(function (plan) {
        var at = plan.absent.indexOf(name);
        if (at < 0) return cachedCopy(url).then(function (hit) { return hit ? hit.arrayBuffer() : fetchBundle(folder, [name]).then(function (parts) { return parts[0]; }); });
        return plan.bundle.then(function (parts) { return parts[at]; }, function (err) {
          return cachedCopy(url).then(function (hit) { if (hit) return hit.arrayBuffer(); throw err; }, function () { throw err; });
        });
      });
    });
  }

  function fetchBundle(folder, names) {
    return fetch(folder + 'parts?names=' + names.join(',')).then(function (res) {
      if (!res.ok) throw new Error(folder + 'parts: HTTP ' + res.status);
      return res.arrayBuffer();
    }).then(function (buffer) {
      var view = new DataView(buffer);
      var parts = [];
      for (var at = 0; at + 4 <= buffer.byteLength && parts.length < names.length;) {
        var end = at + 4 + view.getUint32(at, true);
        if (end > buffer.byteLength) break;
        parts.push(buffer.slice(at + 4, end));
        at = end;
      }
      if (parts.length !== names.length) throw new Error(folder + 'parts: ' + parts.length + ' parts for ' + names.length + ' names');
      parts.forEach(function (bytes, i) {
        keep(folder + names[i], new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
      });
      return parts;
    });
  }

  // Keeps of `locale`'s files in `folder` only those named in `keep` (one name per line, a
  // query string aside): an earlier core's parts, which nothing asks for again, are dropped,
  // and so is the manifest that widgets before the core named the parts kept.
  function keepIndex(folder, locale, keep) {
    if (!window.caches) return;
    var names = new Set(keep.split('\n'));
    var prefix = folder + locale + '.';
    Promise.all([openCache(), listCache()]).then(function (opened) {
      cachedIndex.forEach(function (url) {
        var stale = url.indexOf(prefix) === 0 ? !names.has(url.slice(folder.length).split('?')[0]) : url === folder + 'manifest.json';
        if (stale) {
          cachedIndex.delete(url);
          opened[0].delete(url);
        }
      });
    }).catch(function () {});
  }

  function toNative(message) {
    var handlers = window.webkit && window.webkit.messageHandlers;
    if (handlers && handlers.helpWidget) handlers.helpWidget.postMessage(message);
    else if (window.HelpWidgetAndroid) window.HelpWidgetAndroid.postMessage(JSON.stringify(message));
    else if (window.parent !== window) window.parent.postMessage({ helpWidget: message }, '*');
  }

  function emit(name, detail) {
    if (name === 'open' || name === 'close') launcher.setAttribute('aria-expanded', String(name === 'open'));
    if (name === 'open') seen();
    if (name === 'close' && !page) launcher.focus();
    (listeners[name] || []).forEach(function (fn) {
      try { fn(detail); } catch (err) { console.error(err); }
    });
    if (page) toNative({ event: name, detail: detail });
  }

  // The desk module (ticket form, requests, chat): the app asks for it on first use. A failed
  // load is forgotten, so the user's "try again" loads it afresh.
  function loadDesk() {
    desk = desk || import(base + 'desk/widget_desk.js').then(function (glue) {
      return glue.default({ module_or_path: fetchCached(base + 'desk/widget_desk_bg.wasm') }).then(function () { return glue; });
    }).catch(function (err) { desk = null; throw err; });
    return desk;
  }

  // Once the panel has shown its first articles the app asks for the desk module in idle time,
  // so a user who goes offline later can still write a request (the outbox sends it).
  function prefetchDesk() {
    idle(function () { loadDesk().catch(function () {}); }, 2000);
  }

  function idle(fn, timeout) {
    if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: timeout });
    else setTimeout(fn, timeout / 2);
  }

  var options = {
    site: data.site || 'demo',
    locale: fromUrl('locale') || data.locale || '',
    edge: (data.edge || new URL(script.src).origin).replace(/\/$/, ''),
    hotline: data.hotline || '',
    indexMemory: data.indexMemory ? Number(data.indexMemory) : null,
    channel: page ? 'app' : 'web',
    page: page,
    identity: fromUrl('userId') ? {
      userId: fromUrl('userId'), userHash: fromUrl('userHash'), name: fromUrl('name'), email: fromUrl('email'),
    } : null,
    fetchCached: fetchCached,
    fetchParts: fetchParts,
    keepIndex: keepIndex,
    emit: emit,
    loadDesk: loadDesk,
    prefetchDesk: prefetchDesk,
  };

  function load() {
    loading = loading || import(base + 'widget.js').then(function (glue) {
      return glue.default({ module_or_path: fetchCached(base + 'widget_bg.wasm') }).then(function () {
        app = glue.mount(mount, options);
        queued.splice(0).forEach(function (call) { app.command(call[0], call[1]); });
        return app;
      });
    });
    return loading;
  }

  function HelpWidget(command, arg, fn) {
    if (command === 'on') { (listeners[arg] = listeners[arg] || []).push(fn); return; }
    if (app) { app.command(command, arg); return; }
    queued.push([command, arg]);
    load();
  }
  HelpWidget.loader = true;

  var host = document.createElement('div');
  host.setAttribute('data-help-widget', '');
  host.setAttribute('data-position', data.position === 'left' ? 'left' : 'right');
  host.setAttribute('data-theme', data.theme || 'auto');
  if (page) host.setAttribute('data-page', '');
  if (data.color) host.style.setProperty('--hw-accent', data.color);
  var root = host.attachShadow({ mode: 'open' });
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + 'widget.css';
  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.textContent = /^en/i.test(options.locale || navigator.language) ? 'Help' : '帮助';
  launcher.hidden = page;
  launcher.addEventListener('click', function () { HelpWidget('toggle'); });
  // Hover or focus is intent: the app (loaded by then, or now) starts fetching the index.
  function prepare() { HelpWidget('prepare'); }
  launcher.addEventListener('pointerenter', prepare);
  launcher.addEventListener('focus', prepare);
  // Beside the launcher, not in it: shown, it describes the launcher ("新回复") rather than
  // renaming it, so the button stays "帮助".
  var badge = document.createElement('span');
  badge.className = 'unread';
  badge.id = 'unread';
  badge.setAttribute('aria-hidden', 'true');
  badge.textContent = /^en/i.test(options.locale || navigator.language) ? 'New reply' : '新回复';
  badge.hidden = true;
  var mount = document.createElement('div');
  mount.className = 'app';
  root.append(css, launcher, badge, mount);

  var earlier = window.HelpWidget && window.HelpWidget.q ? window.HelpWidget.q : [];
  window.HelpWidget = HelpWidget;
  Array.prototype.forEach.call(earlier, function (call) { HelpWidget.apply(null, call); });
  if (page) HelpWidget('open');
  // A help article's link (an agent sends one in a chat) opens the page at that article.
  if (fromUrl('article')) HelpWidget('openArticle', fromUrl('article'));
  // A mail's link into a ticket (#hw-access=…, on any page with the widget): it leaves the
  // address at once, the edge trades it for the ticket and the requester's token, the app keeps
  // the token and opens the ticket. A link that no longer works opens the panel.
  var access = /[#&]hw-access=([^&]+)/.exec(location.hash);
  if (access) {
    history.replaceState(null, '', location.pathname + location.search);
    fetch(options.edge + '/api/v1/mail/access?site=' + encodeURIComponent(options.site), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link: decodeURIComponent(access[1]) }),
    }).then(function (res) { return res.ok ? res.json() : null; }).catch(function () { return null; }).then(function (found) {
      if (found && found.site === options.site) HelpWidget('openTicket', { id: found.ticket_id, token: found.requester_token });
      else HelpWidget('open');
    });
  }

  // The unread badge: once per page load, a requester who holds a token (the app keeps it under
  // this key, src/edge.rs) or the webview's verified user asks when an agent last answered;
  // if that is after they last opened the panel, the launcher says so and the host hears
  // `notification` (a webview's native side may raise a push).
  function storage() { try { return window.localStorage; } catch (err) { return null; } }
  var seenKey = 'help-widget.' + options.site + '.seen';
  function unread(shown) {
    badge.hidden = !shown;
    if (shown) launcher.setAttribute('aria-describedby', badge.id);
    else launcher.removeAttribute('aria-describedby');
  }
  function seen() {
    unread(false);
    try { storage().setItem(seenKey, String(Date.now())); } catch (err) { /* private mode */ }
  }
  function checkAnswers() {
    var store = storage();
    var token = store && store.getItem('help-widget.' + options.site + '.requester-token');
    var who = options.identity;
    if (!token && !who) return;
    var lastSeen = Number(store && store.getItem(seenKey)) || 0;
    var headers = token ? { 'x-requester-token': token } : { 'x-user-id': who.userId, 'x-user-hash': who.userHash };
    fetch(options.edge + '/api/v1/tickets/last-answer?site=' + encodeURIComponent(options.site), { headers: headers })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (found) {
        var at = found && found.last_answer_at;
        if (!at || at <= lastSeen) return;
        if (!page && launcher.getAttribute('aria-expanded') !== 'true') unread(true);
        emit('notification', { lastAnswerAt: at });
      })
      .catch(function () {});
  }
  checkAnswers();

  function attach() {
    document.body.appendChild(host);
    idle(load, 4000);
  }
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);
})();
