#!/usr/bin/env python3
"""Reads iCalendar files with libical (ICalGLib, through GObject
introspection), the parser of Evolution and of many CalDAV servers, and
prints as JSON what it sees in each: every X-LIC-ERROR the parser or the
RFC 5545 / iTIP restriction check left, and every event with its UID, start
and end as UTC instants, and status.

    python3 testdata/libical/check.py a.ics [b.ics ...]

Needs Debian's gir1.2-ical-3.0 and python3-gi. Used by go test ./calendar/
and ./api/ (the libical tests) as a parser independent of Go and of ical.js.
With --probe it only checks that ICalGLib loads. It exits non-zero if a
file is not a VCALENDAR.
"""
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402

UTC = I.Timezone.get_utc_timezone()


def kind_name(comp):
    return I.Component.kind_to_string(comp.isa())


def children(comp):
    child = comp.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        yield child
        child = comp.get_next_component(I.ComponentKind.ANY_COMPONENT)


def errors(comp, path, out):
    """Appends every X-LIC-ERROR of comp and its subcomponents to out."""
    here = path + [kind_name(comp)]
    prop = comp.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        out.append({"component": "/".join(here), "error": prop.get_xlicerror()})
        prop = comp.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    for child in children(comp):
        errors(child, here, out)


def instant(t):
    """t as a UTC instant in the form 2027-01-04T00:30:00Z, or None."""
    if t is None or t.is_null_time():
        return None
    u = t.convert_to_zone(UTC)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
        u.get_year(), u.get_month(), u.get_day(),
        u.get_hour(), u.get_minute(), u.get_second())


def check(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    root = I.Component.new_from_string(text)
    if root is None or root.isa() != I.ComponentKind.VCALENDAR_COMPONENT:
        raise SystemExit("%s: libical finds no VCALENDAR" % path)
    ok = bool(I.restriction_check(root))
    errs = []
    errors(root, [], errs)
    events = []
    for ev in children(root):
        if ev.isa() != I.ComponentKind.VEVENT_COMPONENT:
            continue
        events.append({
            "uid": ev.get_uid(),
            "start": instant(ev.get_dtstart()),
            "end": instant(ev.get_dtend()),
            "status": I.Property.status_to_string(ev.get_status()),
            "sequence": ev.get_sequence(),
        })
    for e in errs:
        print("%s: %s: X-LIC-ERROR %s" % (path, e["component"], e["error"]), file=sys.stderr)
    return {"file": path, "restrictions_ok": ok, "errors": errs, "events": events}


def main(args):
    if args == ["--probe"]:
        print("ICalGLib 3.0")
        return
    json.dump([check(p) for p in args], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
