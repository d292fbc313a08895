#!/usr/bin/python3
"""An independent reader of .ods for t/sg-import-ods.t: python3-odf
parses the file, and the values are written as sg-import documents them
(sg-import(1), WORKBOOKS), so the two can be compared byte for byte.

usage: odf-read.py FILE SHEET SKIP
"""
import re
import sys
from decimal import Decimal

from odf.opendocument import load
from odf.namespaces import TABLENS, OFFICENS, TEXTNS, STYLENS, NUMBERNS, \
    DRAWNS, DR3DNS
from odf.table import Table, TableColumn, TableRow as TableRow_

CALCEXTNS = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"


def shortest(v):
    """sg(7)'s shortest form to 15 significant digits, no exponent."""
    d = Decimal("%.15g" % v)
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text_of(node):
    """The text of a paragraph: text:s, text:tab, text:line-break."""
    out = []
    for n in node.childNodes:
        if n.nodeType == n.TEXT_NODE:
            out.append(n.data)
        elif n.qname == (TEXTNS, "s"):
            out.append(" " * int(n.getAttrNS(TEXTNS, "c") or 1))
        elif n.qname == (TEXTNS, "tab"):
            out.append("\t")
        elif n.qname == (TEXTNS, "line-break"):
            out.append("\n")
        elif n.qname in ((OFFICENS, "annotation"), (TEXTNS, "note")) or \
                n.qname[0] in (DRAWNS, DR3DNS):
            pass
        else:
            out.append(text_of(n))
    return "".join(out)


STYLES = {}     # cell style: (data style, parent)
WRAPS = set()   # time data styles whose hours wrap at 24


def read_styles(doc):
    """The cell styles and the time styles that show the time of day."""
    for part in (doc.styles, doc.automaticstyles):
        for e in part.childNodes:
            name = e.getAttrNS(STYLENS, "name")
            if e.qname == (STYLENS, "style") and \
                    e.getAttrNS(STYLENS, "family") == "table-cell":
                STYLES.setdefault(name, (e.getAttrNS(STYLENS, "data-style-name"),
                                         e.getAttrNS(STYLENS, "parent-style-name")))
            elif e.qname == (NUMBERNS, "time-style") and \
                    e.getAttrNS(NUMBERNS, "truncate-on-overflow") != "false":
                WRAPS.add(name)


def time_of_day(style):
    while style in STYLES:
        data, parent = STYLES[style]
        if data:
            return data in WRAPS
        style = parent
    return False


ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
          "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!")


def value(c, colstyle=None):
    a = lambda ns, n: c.getAttrNS(ns, n)
    t = a(OFFICENS, "value-type")
    paras = [text_of(p) for p in c.childNodes
             if p.qname in ((TEXTNS, "p"), (TEXTNS, "h"))]
    text = "\n".join(paras)
    if a(CALCEXTNS, "value-type") == "error":
        return "x"
    if t is None:
        return "x" if a(TABLENS, "formula") and text == "" else text
    if t != "string" and a(TABLENS, "formula") and (
            text in ERRORS or re.fullmatch(r"Err:[0-9]{3}", text)):
        return "x"      # Excel's .ods export: an error is 0 with its text
    if t == "string":
        s = a(OFFICENS, "string-value")
        return s if s is not None else text
    if t in ("float", "currency"):
        return shortest(float(a(OFFICENS, "value")))
    if t == "percentage":
        return shortest(float(a(OFFICENS, "value")) * 100) + "%"
    if t == "date":
        return a(OFFICENS, "date-value")[:10]
    if t == "time":
        v = a(OFFICENS, "time-value")[2:]
        h, rest = v.split("H")
        m, s = rest.split("M")
        secs = int(h) * 3600 + int(m) * 60 + int(float(s.rstrip("S")) + 0.5)
        if time_of_day(a(TABLENS, "style-name") or colstyle):
            secs %= 86400
        return "%02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60)
    if t == "boolean":
        return "TRUE" if a(OFFICENS, "boolean-value") == "true" else "FALSE"
    return text


def esc(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def main():
    path, sheet, skip = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    doc = load(path)
    read_styles(doc)
    table = doc.spreadsheet.getElementsByType(Table)[sheet - 1]
    colstyles = []
    for col in table.getElementsByType(TableColumn):
        rep = int(col.getAttrNS(TABLENS, "number-columns-repeated") or 1)
        colstyles.extend([col.getAttrNS(TABLENS, "default-cell-style-name")]
                         * min(rep, 16384 - len(colstyles)))
    rownum = 0
    width = None
    for r in table.getElementsByType(TableRow_):
        if r.parentNode is not table and r.parentNode.qname[1] not in (
                "table-header-rows", "table-rows", "table-row-group"):
            continue
        cells = []
        for c in r.childNodes:
            if c.qname not in ((TABLENS, "table-cell"),
                               (TABLENS, "covered-table-cell")):
                continue
            rep = int(c.getAttrNS(TABLENS, "number-columns-repeated") or 1)
            n = len(cells)
            v = value(c, colstyles[n] if n < len(colstyles) else None)
            cells.extend([v] * (rep if v != "" else min(rep, 20000)))
        while cells and cells[-1] == "":
            cells.pop()
        rrep = int(r.getAttrNS(TABLENS, "number-rows-repeated") or 1)
        if not cells:
            rownum += rrep
            continue
        for _ in range(rrep):
            rownum += 1
            if rownum <= skip:
                continue
            if width is None:
                width = len(cells)
            print("\t".join(esc(v) for v in cells + [""] * (width - len(cells))))



if __name__ == "__main__":
    main()
