'use strict';
// The offline page: shows the member card the app kept on this device, to a signed-in browser only, and hands
// over to the live app as soon as the connection is back.
//
// The app keeps its data with Flutter's SharedPreferences, which on the web is localStorage under "flutter." +
// key, each value JSON-encoded (app/state/storage.py): the session under "starboard.tokens" (removed on sign-out),
// the card under "starboard.card" (removed on sign-out, saved each time the Member card opens, with its QR code
// drawn as SVG in "qr_svg"), the theme under "starboard.theme", the reward codes under "starboard.codes"
// (removed on sign-out, saved each time Rewards loads: {saved_at, redemptions: [{reward_name, code, status,
// expires_at}, ...]}).

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  // The QR code's SVG is copied element by element, keeping only what a drawing needs (never a script or handler).
  const SVG_ALLOWED = {
    svg: ['viewBox'],
    g: ['fill', 'stroke', 'transform'],
    path: ['d', 'fill', 'stroke', 'stroke-width', 'transform'],
    rect: ['x', 'y', 'width', 'height', 'fill'],
  };
  const ONLINE_CHECK_EVERY_MS = 10000;

  function saved(key) {
    let value;
    try {
      value = window.localStorage.getItem('flutter.' + key);
    } catch (error) {
      return null; // storage blocked: nothing is kept
    }
    // Values are JSON (a string value may be encoded twice); decode until it is not a JSON string any more.
    for (let i = 0; i < 3 && typeof value === 'string'; i += 1) {
      try {
        value = JSON.parse(value);
      } catch (error) {
        break;
      }
    }
    return value;
  }

  function signedIn() {
    const tokens = saved('starboard.tokens');
    return Boolean(tokens && typeof tokens === 'object' && tokens.access_token && tokens.refresh_token);
  }

  function keptCard() {
    const card = saved('starboard.card');
    if (!card || typeof card !== 'object') return null;
    const fields = ['member_number', 'name', 'tier', 'as_of', 'qr_svg'];
    if (!fields.every((field) => typeof card[field] === 'string' && card[field]) || typeof card.balance !== 'number') {
      return null;
    }
    return card;
  }

  function copySvg(source) {
    const allowed = SVG_ALLOWED[source.localName];
    if (source.namespaceURI !== SVG_NS || !allowed) return null;
    const node = document.createElementNS(SVG_NS, source.localName);
    for (const name of allowed) {
      if (source.hasAttribute(name)) node.setAttribute(name, source.getAttribute(name));
    }
    for (const child of source.children) {
      const copy = copySvg(child);
      if (copy) node.appendChild(copy);
    }
    return node;
  }

  function qrCode(svgText) {
    const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const svg = copySvg(parsed.documentElement);
    if (!svg || svg.localName !== 'svg' || !svg.hasAttribute('viewBox')) return null;
    svg.setAttribute('shape-rendering', 'crispEdges');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    return svg;
  }

  function stars(n) {
    return `${n.toLocaleString('en-US')} ${n === 1 ? 'Star' : 'Stars'}`;
  }

  function when(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return null;
    // As the app writes it: "05 Jan 2026, 14:30", in the phone's time zone.
    return date.toLocaleString('en-GB', {
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  }

  function grouped(number) {
    return number.match(/.{1,4}/g).join(' ');
  }

  function showCard(card) {
    const qr = qrCode(card.qr_svg);
    if (!qr) return false;
    document.getElementById('face').dataset.tier = card.tier;
    document.getElementById('tier').textContent = `${card.tier} member`;
    document.getElementById('name').textContent = card.name;
    document.getElementById('number').textContent = grouped(card.member_number); // read in groups of four
    document.getElementById('qr').replaceChildren(qr);
    const asOf = when(card.as_of);
    const balance = `Balance ${stars(card.balance)}`;
    document.getElementById('balance').textContent = asOf ? `${balance} as of ${asOf}` : balance;
    document.getElementById('card').hidden = false;
    return true;
  }

  function readyCodes() {
    const kept = saved('starboard.codes');
    if (!kept || typeof kept !== 'object' || !Array.isArray(kept.redemptions)) return [];
    const now = Date.now();
    return kept.redemptions.filter(
      (r) =>
        r &&
        r.status === 'ready' &&
        typeof r.reward_name === 'string' &&
        typeof r.code === 'string' &&
        !(typeof r.expires_at === 'string' && new Date(r.expires_at).getTime() <= now),
    );
  }

  function showCodes(codes) {
    const list = document.getElementById('code-list');
    list.replaceChildren(
      ...codes.map((r) => {
        const item = document.createElement('li');
        const name = document.createElement('span');
        name.className = 'code-name';
        name.textContent = r.reward_name;
        const code = document.createElement('span');
        code.className = 'code';
        code.textContent = `Code ${r.code}`;
        item.append(name, code);
        const until = typeof r.expires_at === 'string' ? when(r.expires_at) : null;
        if (until) {
          const by = document.createElement('span');
          by.className = 'code-until';
          by.textContent = `Use by ${until}`;
          item.append(by);
        }
        return item;
      }),
    );
    document.getElementById('codes').hidden = codes.length === 0;
  }

  function render() {
    const theme = saved('starboard.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;

    const notice = document.getElementById('notice-text');
    const rest = document.getElementById('rest');
    if (!signedIn()) {
      // Signed out (or never signed in): no card, whatever this device may still hold.
      notice.textContent = "You're offline. Starboard needs a connection to sign in.";
      rest.textContent = 'Starboard opens by itself when the connection is back.';
      return;
    }
    showCodes(readyCodes());
    const card = keptCard();
    if (card && showCard(card)) {
      notice.textContent = "You're offline. This is your saved card: its QR code still works in store.";
      return;
    }
    notice.textContent =
      "You're offline, and your member card is not saved on this phone yet: open Member card once while connected.";
    rest.textContent = 'Starboard needs a connection. It opens by itself when the connection is back.';
  }

  // Back online: the live app takes over. `online` fires when the phone reconnects; a server that was down while
  // the phone stayed connected is noticed by asking it now and then (the service worker lets this request through).
  function reopen() {
    window.location.reload();
  }

  async function appAnswers() {
    const url = new URL('version.json', document.baseURI);
    url.searchParams.set('starboard-online-check', String(Date.now()));
    try {
      const response = await fetch(url, { cache: 'no-store' });
      return response.ok;
    } catch (error) {
      return false;
    }
  }

  async function checkNow() {
    if (navigator.onLine && (await appAnswers())) reopen();
  }

  render();
  document.getElementById('retry').addEventListener('click', reopen);
  window.addEventListener('online', reopen);
  window.setInterval(checkNow, ONLINE_CHECK_EVERY_MS);
})();
