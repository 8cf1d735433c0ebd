// Reads an iCalendar export with ical.js (Mozilla's parser, used by
// Thunderbird) and checks what a calendar would show.
//   node ics_check.js NODE_MODULES EVENTS.ics LABEL EXPECTED_EVENTS
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, file, label, expected] = process.argv.slice(2);
const icalModule = require(path.join(modules, 'ical.js'));
const ICAL = icalModule.default || icalModule;
const line = (ok, what, detail) => console.log(`${ok ? 'PASS' : 'FAIL'}\tical.js\t${label}\t${what}\t${detail}`);
let cal;
try {
  cal = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
} catch (e) {
  line(false, 'parses', String(e));
  process.exit(0);
}
const events = cal.getAllSubcomponents('vevent');
line(events.length === Number(expected), 'every written event parses', `${events.length} VEVENTs, ${expected} expected`);
const name = String(cal.getFirstPropertyValue('x-wr-calname'));
line(!name.includes('\\'), 'calendar name has no literal backslash', JSON.stringify(name));
let bad = [];
for (const v of events) {
  const e = new ICAL.Event(v);
  if (!e.startDate || !e.startDate.isDate || e.startDate.year < 1 || e.endDate.compare(e.startDate) <= 0) {
    bad.push(e.uid);
  }
}
line(bad.length === 0, 'all-day dates from year 1, end after start', bad.length ? bad.join(', ') : `${events.length} ok`);
const one = events.map((v) => new ICAL.Event(v)).filter((e) => /(end|start) unknown|open (end|start)/.test(e.summary));
const oneDay = one.filter((e) => e.endDate.subtractDate(e.startDate).toSeconds() <= 86400);
line(oneDay.length === 0, 'open or unknown ends span their known unit, not one day', `${one.length} open-ended, ${oneDay.length} one-day`);
