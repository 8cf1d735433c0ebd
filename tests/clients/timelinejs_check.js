// Opens a TimelineJS 3 JSON file in the real TimelineJS viewer (the npm
// package, run in headless Chromium), visits every slide, and reports what
// rendered and whether any store text ran as script.
//   node timelinejs_check.js NODE_MODULES TIMELINE.json LABEL [control]
// With `control`, the file is first put back the way chronoscope wrote it
// before this check existed (group and display_date escaped once, autolink
// on), and the check passes only if script runs: it proves the check can fail.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [modules, file, label, expect] = process.argv.slice(2);
const dist = path.join(modules, '@knight-lab/timelinejs/dist');
const once = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
let data = fs.readFileSync(file, 'utf8');
if (expect === 'control') {
  const old = JSON.parse(data);
  for (const e of old.events) {
    if (e.group) e.group = once(e.group);
    if (e.display_date) e.display_date = once(e.display_date);
    delete e.autolink;
  }
  data = JSON.stringify(old);
}
const page = path.join(path.dirname(file), path.basename(file) + (expect === 'control' ? '.control' : '') + '.html');
fs.writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${dist}/css/timeline.css">
<script>
window.__ran = [];
window.alert = function (x) { window.__ran.push(String(x)); };
window.addEventListener('error', function (e) { (window.__errors = window.__errors || []).push(String(e.message)); });
</script>
<script src="file://${dist}/js/timeline.js"></script>
</head><body>
<div id="timeline" style="width:1200px;height:700px"></div>
<pre id="result"></pre>
<script>
var data = ${data.replace(/<\//g, '<\\/')};
var tl = new TL.Timeline('timeline', data, { hash_bookmark: false });
var i = 0;
function visit() {
  if (i <= data.events.length) { try { tl.goTo(i); } catch (e) {} i++; setTimeout(visit, 50); }
  else setTimeout(finish, 500);
}
setTimeout(visit, 500);
function texts(sel) { return Array.from(document.querySelectorAll(sel)).map(function (e) { return e.textContent; }); }
function finish() {
  // Hover over every link, as a reader would: a linkify-injected handler runs.
  document.querySelectorAll('a').forEach(function (a) { a.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); });
  setTimeout(function () {
    document.getElementById('result').textContent = JSON.stringify({
      slides: document.querySelectorAll('.tl-slide').length,
      markers: document.querySelectorAll('.tl-timemarker').length,
      eras: document.querySelectorAll('.tl-timeera').length,
      groups: texts('.tl-timegroup-message'),
      dates: texts('.tl-slide .tl-headline-date'),
      headlines: texts('.tl-slide .tl-headline'),
      handlers: document.querySelectorAll('#timeline [onerror], #timeline [onload], #timeline [onmouseover]').length,
      ran: window.__ran,
      errors: window.__errors || []
    });
  }, 300);
}
</script></body></html>`);
const chromium = process.env.CHROMIUM || 'chromium';
const profile = fs.mkdtempSync(path.join(require('os').tmpdir(), 'chronoscope-chromium-'));
let dom;
try {
  dom = execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--allow-file-access-from-files', `--user-data-dir=${profile}`, '--virtual-time-budget=30000',
    '--dump-dom', 'file://' + page], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000 });
} finally {
  fs.rmSync(profile, { recursive: true, force: true });
}
const m = dom.match(/<pre id="result">([\s\S]*?)<\/pre>/);
const r = m && m[1] ? JSON.parse(once(m[1])) : null;
const doc = JSON.parse(data);
const line = (ok, what, detail) => console.log(`${ok ? 'PASS' : 'FAIL'}\tTimelineJS 3.9.11 (Chromium)\t${label}\t${what}\t${detail}`);
if (!r) { line(false, 'renders', 'the page did not finish'); process.exit(0); }
const xss = r.ran.length > 0 || r.handlers > 0;
if (expect === 'control') {
  line(xss, 'control: the old escaping runs script', `ran ${JSON.stringify(r.ran)}, handler attributes ${r.handlers}`);
  process.exit(0);
}
line(r.slides === doc.events.length + (doc.title ? 1 : 0), 'every slide renders', `${r.slides} slides for ${doc.events.length} events + title`);
line(r.markers === doc.events.length, 'every event has a marker', `${r.markers} markers`);
line((doc.eras || []).length === r.eras, 'every era drawn', `${r.eras} eras`);
line(!xss, 'no store text runs as script', `ran ${JSON.stringify(r.ran)}, handler attributes ${r.handlers}`);
const shown = r.groups.concat(r.dates, r.headlines).join('\n');
const payloadShown = !doc.events.some((e) => (e.group || '').includes('img')) || shown.includes('<img src=x onerror=');
const hasPayload = doc.events.some((e) => (e.group || '').includes('img'));
if (hasPayload) line(payloadShown, 'markup in store text shows as text', payloadShown ? 'the lane <img …> shows as text' : 'payload missing from the page');
