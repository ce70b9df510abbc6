'use strict';
// The offline rule in the browser: the page loads no script from another origin.
//
// Flet's web client includes Rive's Flutter runtime, which on every page load appends
//   <script src="https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/wasm/rive_native.js">
// to the page (and, when that fails, .../wasm_compatibility/rive_native.js): a request that leaves the machine,
// fails offline, and tells a CDN who opened Starboard. Starboard draws no Rive animation. Setting such a `src` is
// refused here, before the browser sends anything; the runtime keeps waiting for a script that never loads, as it
// does when the CDN cannot be reached, and the app goes on without Rive.
(() => {
  const property = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src');
  if (!property || !property.set || !property.get) return;
  Object.defineProperty(HTMLScriptElement.prototype, 'src', {
    configurable: true,
    enumerable: property.enumerable,
    get() {
      return property.get.call(this);
    },
    set(value) {
      const url = new URL(String(value), document.baseURI);
      if (url.origin !== window.location.origin) {
        console.info('Starboard: not loading a script from another origin:', url.href);
        this.dataset.refusedSrc = url.href;
        return;
      }
      property.set.call(this, value);
    },
  });
})();
