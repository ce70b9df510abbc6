'use strict';
// Registers Starboard's service worker (flutter_service_worker.js: it keeps the client on the device and shows the
// member card offline) once the page has loaded, so that it never competes with the app's own first load.
// The URL is exactly the one Flet's bootstrap registers on later visits (`?v=<build>`, given by the page in
// data-sw-version): the same URL twice is one worker, kept, not two replacing each other.
(() => {
  if (!('serviceWorker' in navigator)) return; // plain http on a LAN address: no worker, the app works as before
  const build = document.currentScript && document.currentScript.dataset.swVersion;
  const url = 'flutter_service_worker.js' + (build ? '?v=' + encodeURIComponent(build) : '');
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(url).catch((error) => {
      console.warn('Starboard: the offline card is not available, the service worker did not register:', error);
    });
  });
})();
