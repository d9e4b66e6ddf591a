#!/usr/bin/env python3
"""Dump an .xlsx as JSON with openpyxl, an independent reader for the tests.

Usage: xlsx_dump.py FILE.xlsx

Prints {"sheets": [{"name", "cells": {"A1": value}, "merged": ["A1:C1"],
"freeze": "A10", "widths": {"A": 6.0}, "bold": ["A1"]}]}; a date cell's
value is "date:YYYY-MM-DD", numbers stay numbers, empty cells are left out.
"""
import datetime
import json
import sys

import openpyxl


def value(v):
    if isinstance(v, datetime.datetime):
        return "date:" + v.date().isoformat()
    if isinstance(v, datetime.date):
        return "date:" + v.isoformat()
    return v


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": []}
    for ws in wb.worksheets:
        cells, bold = {}, []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or c.value == "":
                    continue
                cells[c.coordinate] = value(c.value)
                if c.font is not None and c.font.b:
                    bold.append(c.coordinate)
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        out["sheets"].append({
            "name": ws.title,
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "widths": widths,
            "bold": bold,
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
