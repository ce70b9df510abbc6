'use strict';
// A page whose web client died reloads itself, once a minute at most.
//
// Flutter's web client (Flet 1.0.5's, compiled to WebAssembly, drawing with CanvasKit/skwasm) can stop on a trap
// in its WebAssembly: a browser journey saw "null function" then "table index is out of bounds" on opening Profile,
// and from then on the screen stayed blank, though the app had sent it (the accessibility tree still said
// "Loading your profile"). Nothing of the client runs after such a trap, so the customer would look at a frozen
// screen until they reloaded it themselves. A reload brings the app back signed in on the same screen, from the
// browser's storage, as after a failover; a money-like action whose answer had not come keeps its idempotency key
// there too, so trying it again applies it once.
//
// Only a WebAssembly.RuntimeError (a trap) counts: an ordinary script error leaves the client running. A second trap
// within a minute of the last reload does not reload again (a page that fails the same way on every load would
// otherwise reload forever); it is logged. Same-origin script, no inline code: it runs under the app's CSP.
(() => {
  const RELOADED_AT = 'starboard.recovered-at';
  const AT_MOST_EVERY_MS = 60 * 1000;
  let reloading = false;

  function isTrap(error) {
    return typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
  }

  function lastReload() {
    try {
      return Number(window.sessionStorage.getItem(RELOADED_AT)) || 0;
    } catch (e) {
      return 0; // storage refused (a private window): reload anyway, the minute is then not kept
    }
  }

  function recover(error) {
    if (reloading || !isTrap(error)) return;
    const now = Date.now();
    if (now - lastReload() < AT_MOST_EVERY_MS) {
      console.warn('Starboard: the web client stopped again within a minute; not reloading:', error.message);
      return;
    }
    try {
      window.sessionStorage.setItem(RELOADED_AT, String(now));
    } catch (e) {
      // see lastReload
    }
    reloading = true;
    console.warn('Starboard: the web client stopped (' + error.message + '); reloading this screen');
    window.location.reload();
  }

  window.addEventListener('error', (event) => recover(event.error));
  window.addEventListener('unhandledrejection', (event) => recover(event.reason));
})();
