// Renders a CSL-JSON export with citeproc-js (the engine of Zotero and
// Mendeley) and checks the dates say no more than the store.
//   node csl_check.js NODE_MODULES SOURCES.csl.json LABEL [id=expected-substring ...]
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, file, label, ...expect] = process.argv.slice(2);
const CSL = require(path.join(modules, 'citeproc'));
const line = (ok, what, detail) => console.log(`${ok ? 'PASS' : 'FAIL'}\tciteproc-js\t${label}\t${what}\t${detail}`);
const items = JSON.parse(fs.readFileSync(file, 'utf8'));
// A small style and locale (citeproc-js ships neither): title, outlet, date.
const style = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>check</title><id>check</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <text variable="title" quotes="true" suffix=", "/><text variable="container-title" suffix=", "/>
    <choose><if is-uncertain-date="issued"><text value="?"/></if></choose>
    <date variable="issued" form="text"/>
  </layout></bibliography>
</style>`;
const locale = `<?xml version="1.0" encoding="utf-8"?>
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="en-US">
  <style-options punctuation-in-quote="true"/>
  <date form="text"><date-part name="month" suffix=" "/><date-part name="day" suffix=", "/><date-part name="year"/></date>
  <date form="numeric"><date-part name="year"/></date>
  <terms>
    <term name="open-quote">“</term><term name="close-quote">”</term>
    <term name="open-inner-quote">‘</term><term name="close-inner-quote">’</term>
    <term name="bc">BC</term><term name="ad">AD</term><term name="circa">c.</term>
    <term name="season-01">Spring</term><term name="season-02">Summer</term>
    <term name="season-03">Autumn</term><term name="season-04">Winter</term>
    ${['January','February','March','April','May','June','July','August','September','October','November','December']
      .map((m, i) => `<term name="month-${String(i + 1).padStart(2, '0')}">${m}</term>`).join('')}
  </terms>
</locale>`;
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
let engine;
try {
  engine = new CSL.Engine({ retrieveLocale: () => locale, retrieveItem: (id) => byId[id] }, style, 'en-US');
  engine.updateItems(Object.keys(byId));
} catch (e) {
  line(false, 'loads every item', String(e));
  process.exit(0);
}
const [meta, entries] = engine.makeBibliography();
const text = entries.map((e) => e.replace(/<[^>]*>/g, '').trim());
line(entries.length === items.length, 'every source renders', `${entries.length} of ${items.length}`);
for (const pair of expect) {
  const [id, want] = pair.split('=');
  const i = meta.entry_ids.findIndex((ids) => ids[0] === id);
  const got = i >= 0 ? text[i] : '(missing)';
  line(got.includes(want), `${id} dated "${want}"`, got);
}
