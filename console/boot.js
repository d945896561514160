// Loads the console's wasm and mounts it (a module file, as the page's CSP forbids inline script).
import init, { mount } from './console.js';

await init();
mount(document.getElementById('console'));
