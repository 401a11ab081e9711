"""Reads one .ics text on stdin and checks it with libical's RFC 5546 rules for its METHOD.

Prints JSON: {"valid": true|false, "errors": [...]}. Run with /usr/bin/python3 (Debian's
python3-gi and gir1.2-ical-3.0).
"""
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

calendar = ICalGLib.Component.new_from_string(sys.stdin.read())
valid = bool(ICalGLib.restriction_check(calendar))

# libical reports each broken rule as an X-LIC-ERROR property on the component concerned.
errors = []
def collect(component):
    kind = ICalGLib.PropertyKind.XLICERROR_PROPERTY
    prop = component.get_first_property(kind)
    while prop:
        errors.append(prop.get_xlicerror())
        prop = component.get_next_property(kind)
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child:
        collect(child)
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)

collect(calendar)
print(json.dumps({"valid": valid and not errors, "errors": errors}))
