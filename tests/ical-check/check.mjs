// Reads one .ics text on stdin, parses it with ical.js (Thunderbird's parser) and prints what a
// calendar client would see, as JSON, for the C# tests to compare with what was meant.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
const vevents = calendar.getAllSubcomponents("vevent");
if (vevents.length !== 1) throw new Error(`expected one VEVENT, found ${vevents.length}`);
const vevent = vevents[0];
const event = new ICAL.Event(vevent);
const utc = (time) => time && time.convertToZone(ICAL.Timezone.utcTimezone).toString();
const param = (property, name) => property?.getParameter(name) ?? null;

console.log(JSON.stringify({
  method: calendar.getFirstPropertyValue("method"),
  versions: calendar.getAllProperties("version").map((p) => p.getFirstValue()),
  uid: event.uid,
  sequence: event.sequence,
  status: vevent.getFirstPropertyValue("status"),
  summary: event.summary,
  dtstart: event.startDate.toString(),
  dtstartZone: event.startDate.zone.tzid,
  dtstartUtc: utc(event.startDate),
  dtendUtc: utc(event.endDate),
  timezones: calendar.getAllSubcomponents("vtimezone").map((z) => ({
    tzid: z.getFirstPropertyValue("tzid"),
    blocks: z.getAllSubcomponents().map((b) => b.name),
  })),
  organizer: vevent.getFirstPropertyValue("organizer"),
  organizerCn: param(vevent.getFirstProperty("organizer"), "cn"),
  attendees: vevent.getAllProperties("attendee").map((a) => ({
    address: a.getFirstValue(),
    cn: param(a, "cn"),
    role: param(a, "role"),
    partstat: param(a, "partstat"),
    rsvp: param(a, "rsvp"),
  })),
  alarms: vevent.getAllSubcomponents("valarm").length,
}));
