// Keystroke → results on screen, as both widget benches time it: every query typed one
// character at a time into the open widget's search box.

/**
 * Milliseconds from each keystroke to its results on screen (or to the end of its loading
 * state), for every prefix of every query.
 */
export function timeKeystrokes(page, queries) {
  return page.evaluate(async (all) => {
    const root = document.querySelector('[data-help-widget]').shadowRoot;
    const input = root.querySelector('input[type=search]');
    const times = [];
    // Yew renders from the microtask queue: one macrotask later (a MessageChannel message, no
    // timer clamping) the results for this keystroke are on screen.
    const channel = new MessageChannel();
    const nextTask = () => new Promise((r) => { channel.port1.onmessage = r; channel.port2.postMessage(0); });
    for (const query of all) {
      for (let n = 1; n <= query.length; n += 1) {
        const start = performance.now();
        input.value = query.slice(0, n);
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        await nextTask();
        // A chunk not in memory (past the widget's memory budget) is read from Cache Storage
        // first: the panel says it is loading until it is in, and that wait counts.
        while (!root.querySelector('.count') && root.querySelector('p.status[role=status]') && performance.now() - start < 5000) {
          await nextTask();
        }
        times.push(performance.now() - start);
      }
      if (!root.querySelector('.count')) throw new Error(`no results on screen for ${query}`);
    }
    return times;
  }, queries);
}
