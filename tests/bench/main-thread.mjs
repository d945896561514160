// Where a page's main thread spends an interval, from a Chrome trace (CDP `Tracing`): the self
// time of each trace event on the renderer's main thread, summed into a few kinds of work.
// widget-chunks.mjs uses it with --trace to say what a cold click waits on besides the network.

/** Trace events by what they are spent on; an event named nowhere counts as `other`. */
const KINDS = {
  'script (JS and wasm)': ['FunctionCall', 'v8.callFunction', 'EvaluateScript', 'v8.run', 'FireAnimationFrame', 'TimerFire', 'EventDispatch', 'RunMicrotasks', 'v8.evaluateModule'],
  'wasm lazy compile': ['wasm.CompileLazy'],
  'wasm memory growth': ['wasm.GrowMemory'],
  'style': ['Document::recalcStyle', 'Document::updateStyle', 'UpdateLayoutTree', 'Document::updateStyleInvalidationIfNeeded', 'Document::rebuildLayoutTree'],
  'layout and text shaping': ['LocalFrameView::performLayout', 'Layout', 'InlineNode::ShapeTextIncludingFirstLine'],
  'paint and commit': ['Paint', 'Commit', 'PrePaint', 'Layerize', 'Blink.Paint.UpdateTime', 'Blink.PrePaint.UpdateTime'],
  'network handling': ['ResourceFetcher::requestResource', 'ResponseBodyLoader::DidFinishLoadingBody', 'ResourceReceiveResponse', 'ResourceFinish'],
  'garbage collection': ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MC_BACKGROUND_MARKING', 'BlinkGC.AtomicPhase'],
};
const kindOf = new Map(Object.entries(KINDS).flatMap(([kind, names]) => names.map((name) => [name, kind])));

/** Runs `act` (which returns `{ ms }`, the interval it timed from its start) under a trace of
 * `page`; returns its result with `mainThread`: ms of each kind of work on the main thread in
 * the `ms` after the trace's first click event, or null if the trace has no click. */
export async function traced(page, act) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,blink', transferMode: 'ReportEvents' });
  const result = await act();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { ...result, mainThread: spent(events, result.ms) };
}

function spent(events, ms) {
  const thread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const click = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  if (!thread || !click) return null;
  const end = click.ts + ms * 1000;
  const complete = events
    .filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && e.ts >= click.ts && e.ts < end)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: an event's duration less the events nested in it (trace events nest by time).
  const open = [];
  const self = complete.map((e) => ({ name: e.name, self: e.dur }));
  complete.forEach((e, i) => {
    while (open.length && complete[open.at(-1)].ts + complete[open.at(-1)].dur <= e.ts) open.pop();
    if (open.length) self[open.at(-1)].self -= e.dur;
    open.push(i);
  });
  const totals = Object.fromEntries([...Object.keys(KINDS), 'other'].map((kind) => [kind, 0]));
  for (const { name, self: us } of self) totals[kindOf.get(name) ?? 'other'] += Math.max(0, us) / 1000;
  return totals;
}
