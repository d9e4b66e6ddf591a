// Reads iCalendar files with Mozilla's ical.js, the parser of Thunderbird,
// and prints as JSON what a calendar app would see in each: the calendar's
// properties and every event, its start and end as UTC instants.
//
//   node testdata/node/parse.mjs a.ics [b.ics ...]
//
// Used by go test ./calendar/ (TestICalJS) as a parser independent of Go.
// A file ical.js cannot parse makes it exit non-zero.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const zoneOf = (time) => (time.zone ? time.zone.tzid : null);

const out = [];
for (const file of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  if (root.name !== 'vcalendar') {
    throw new Error(`${file}: top component is ${root.name}`);
  }
  const events = root.getAllSubcomponents('vevent').map((vevent) => {
    const ev = new ICAL.Event(vevent);
    return {
      uid: ev.uid,
      start: ev.startDate.toJSDate().toISOString(),
      end: ev.endDate.toJSDate().toISOString(),
      start_zone: zoneOf(ev.startDate),
      end_zone: zoneOf(ev.endDate),
      summary: ev.summary,
      description: ev.description,
      location: ev.location,
      status: vevent.getFirstPropertyValue('status'),
      sequence: ev.sequence,
      transp: vevent.getFirstPropertyValue('transp'),
      alarms: vevent
        .getAllSubcomponents('valarm')
        .map((a) => a.getFirstPropertyValue('trigger').toString()),
    };
  });
  out.push({
    file,
    version: root.getFirstPropertyValue('version'),
    prodid: root.getFirstPropertyValue('prodid'),
    method: root.getFirstPropertyValue('method'),
    name: root.getFirstPropertyValue('name'),
    calname: root.getFirstPropertyValue('x-wr-calname'),
    refresh: String(root.getFirstPropertyValue('refresh-interval') ?? ''),
    timezones: root
      .getAllSubcomponents('vtimezone')
      .map((z) => z.getFirstPropertyValue('tzid')),
    events,
  });
}
process.stdout.write(JSON.stringify(out));
