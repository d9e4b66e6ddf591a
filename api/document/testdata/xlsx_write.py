#!/usr/bin/env python3
"""Write an .xlsx with openpyxl, as a spreadsheet program would, for the tests.

Usage: xlsx_write.py OUT.xlsx < book.json

book.json is {"sheets": [{"name": "...", "rows": [[cell, ...], ...]}]};
a cell is a string, a number, null, {"date": "YYYY-MM-DD"} (a date cell) or
{"time": "HH:MM"} (a time cell).
"""
import datetime
import json
import sys

import openpyxl


def cell(v):
    if isinstance(v, dict) and "date" in v:
        return datetime.date.fromisoformat(v["date"])
    if isinstance(v, dict) and "time" in v:
        return datetime.time.fromisoformat(v["time"])
    return v


def main(path):
    book = json.load(sys.stdin)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in book["sheets"]:
        ws = wb.create_sheet(sh["name"])
        for row in sh["rows"]:
            ws.append([cell(v) for v in row])
    wb.save(path)


if __name__ == "__main__":
    main(sys.argv[1])
