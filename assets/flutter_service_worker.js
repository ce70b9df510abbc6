'use strict';
// Starboard's service worker: keeps the web client on the device and, when the phone is offline, answers a page
// load with the offline member card (pwa/offline.html) instead of the browser's error page.
//
// It is served under the name of Flet's own worker, `flutter_service_worker.js`, on purpose. Flet's web client
// (flutter_bootstrap.js) registers `flutter_service_worker.js?v=<build>` whenever the page already has a worker,
// and Flet's file by that name unregisters itself and reloads every tab: two different workers would replace each
// other on every visit. With one file under one URL (pwa/register.js registers the very same URL), the client's
// registration finds this worker already in place and changes nothing.
//
// Caching:
// - Flet's web client build (main.dart.*, canvaskit/, assets/): cache first, in a cache named after the build
//   (`?v=` in this worker's URL). A new Flet build comes with a new index.html and bootstrap (fetched network first),
//   which registers the worker under the new URL and waits for it before loading the client; the new worker drops
//   the old build's cache.
// - Everything else of this origin (the page, bootstrap, manifest, icons, the offline page): network first, the
//   cached copy only when the network fails.
// - The WebSocket (/ws) and other origins are never touched.

const BUILD = new URL(self.location.href).searchParams.get('v') || 'dev';
const SHELL_CACHE = 'starboard-shell';
const CLIENT_CACHE = 'starboard-client-' + BUILD;
const SCOPE = new URL(self.registration.scope);
const OFFLINE_PAGE = new URL('pwa/offline.html', SCOPE).href;
const ONLINE_CHECK = 'starboard-online-check';
const PRECACHE = [
  'pwa/offline.html',
  'pwa/offline.css',
  'pwa/offline.js',
  'manifest.json',
  'favicon.png',
  'icons/icon-192.png',
  'icons/icon-512.png',
].map((path) => new URL(path, SCOPE).href);
const CLIENT_BUILD = [/^main\.dart\.(js|mjs|wasm)$/, /^canvaskit\//, /^assets\//];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      // The offline page's font, part of Flet's client (it is drawn in a system font if Flet stops shipping it).
      const client = await caches.open(CLIENT_CACHE);
      await client.add(new URL('assets/fonts/roboto.woff2', SCOPE).href).catch(() => {});
      await self.skipWaiting();
    })()
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const wanted = new Set([SHELL_CACHE, CLIENT_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith('starboard-') && !wanted.has(name)) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (url.searchParams.has(ONLINE_CHECK)) return; // the offline page asking whether the app is back
  const path = url.pathname.slice(SCOPE.pathname.length);
  if (path === 'ws' || path.startsWith('ws/') || path.startsWith('upload')) return;
  if (request.mode === 'navigate') {
    event.respondWith(openPage(event));
  } else if (CLIENT_BUILD.some((pattern) => pattern.test(path))) {
    event.respondWith(cacheFirst(event, CLIENT_CACHE));
  } else {
    event.respondWith(networkFirst(event, SHELL_CACHE));
  }
});

// The offline page is only ever asked for at install; once per worker start, a page load that reaches the server
// also refreshes it (revalidated through the HTTP cache), so a new version of the app brings its offline page along.
let shellRefreshed = false;

async function openPage(event) {
  try {
    const response = await fetch(event.request);
    if (!shellRefreshed) {
      shellRefreshed = true;
      event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE)).catch(() => {}));
    }
    return response;
  } catch (error) {
    // No connection: the member card kept on this device (the page shows it only to a signed-in browser).
    // It answers at the address asked for (/card, /rewards, ...), so its links are made relative to the app's root.
    const cached = await caches.match(OFFLINE_PAGE);
    if (!cached) return Response.error();
    const html = (await cached.text()).replace('<base href="/">', `<base href="${SCOPE.pathname}">`);
    const headers = new Headers(cached.headers); // the headers it was served with (a Content-Security-Policy too)
    headers.delete('Content-Length');
    return new Response(html, { headers });
  }
}

function keep(event, cache, response) {
  if (response.ok && response.type === 'basic') {
    event.waitUntil(cache.put(event.request, response.clone()));
  }
  return response;
}

async function cacheFirst(event, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  return keep(event, cache, await fetch(event.request));
}

async function networkFirst(event, cacheName) {
  const request = event.request;
  const cache = await caches.open(cacheName);
  try {
    return keep(event, cache, await fetch(request));
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}
