"""Print an .xlsx workbook's cells as JSON: {sheet name: [[cell text, ...], ...]}, read with
openpyxl (Debian's python3-openpyxl, which scripts/test.sh installs). Empty cells are ""."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {}
for sheet in book.worksheets:
    rows = []
    for row in sheet.iter_rows(values_only=True):
        cells = ["" if v is None else str(v) for v in row]
        while cells and cells[-1] == "":
            cells.pop()
        rows.append(cells)
    out[sheet.title] = rows
json.dump(out, sys.stdout, ensure_ascii=False)
