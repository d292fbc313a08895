#!/usr/bin/python3
"""Makes the .ods files t/sg-import-ods.t reads (run it from anywhere).

handmade.ods is written with python3-odf, cell by cell, so that each
kind of cell the reader must handle is there once, with a known value
(t/data/ods/handmade.tsv, written by hand).  libreoffice.ods is
t/data/xlsx/openpyxl.xlsx converted by LibreOffice (soffice --headless
--convert-to ods), the way a real .ods is written: every row padded to
column 16384 and the sheet to row 1048576 with repeats.  The bad/
files are made byte by byte with zipfile: bombs, an encrypted manifest,
a text document, broken XML.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from odf.opendocument import OpenDocumentSpreadsheet
from odf.office import Annotation
from odf.table import Table, TableRow, TableCell, CoveredTableCell
from odf.text import P, S, LineBreak, Tab, Span

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "bad")


def cell(**kw):
    return TableCell(**kw)


def text_cell(*paras, **kw):
    c = TableCell(valuetype="string", **kw)
    for p in paras:
        c.addElement(P(text=p))
    return c


def handmade():
    doc = OpenDocumentSpreadsheet()
    t = Table(name="Returns 2024")
    # Row 1: a title; row 2 empty; row 3 the header.
    r = TableRow()
    r.addElement(text_cell("Quarterly returns"))
    t.addElement(r)
    t.addElement(TableRow())
    r = TableRow()
    for h in ["agency", "count", "share", "date", "time", "flag", "cost",
              "note"]:
        r.addElement(text_cell(h))
    t.addElement(r)
    # A row of every type.
    r = TableRow()
    r.addElement(text_cell("Police"))
    r.addElement(cell(valuetype="float", value="1043"))
    r.addElement(cell(valuetype="percentage", value="0.584"))
    r.addElement(cell(valuetype="date", datevalue="2024-03-31"))
    r.addElement(cell(valuetype="time", timevalue="PT14H30M05S"))
    r.addElement(cell(valuetype="boolean", booleanvalue="true"))
    r.addElement(cell(valuetype="currency", currency="GBP", value="12.50"))
    c = TableCell(valuetype="string")
    c.addElement(P(text="first line"))
    c.addElement(P(text="second line"))
    r.addElement(c)
    t.addElement(r)
    # Dates with a time of day, spaces, tabs, line breaks, a span, a
    # comment that is not the value, a string-value attribute.
    r = TableRow()
    c = TableCell(valuetype="string")
    p = P(text="Adult")
    p.addElement(S(c=2))
    p.addText("Care")
    c.addElement(p)
    a = Annotation()
    a.addElement(P(text="a comment, not the value"))
    c.addElement(a)
    r.addElement(c)
    r.addElement(cell(valuetype="float", value="-2.50"))
    r.addElement(cell(valuetype="percentage", value="0.125"))
    r.addElement(cell(valuetype="date", datevalue="2024-04-01T09:15:00"))
    r.addElement(cell(valuetype="time", timevalue="PT36H00M00S"))
    r.addElement(cell(valuetype="boolean", booleanvalue="false"))
    r.addElement(cell(valuetype="float", value="0.1"))
    c = TableCell(valuetype="string")
    p = P(text="tab")
    p.addElement(Tab())
    p.addText("and")
    p.addElement(LineBreak())
    sp = Span(text="span")
    p.addElement(sp)
    c.addElement(p)
    r.addElement(c)
    t.addElement(r)
    # A merged cell: B..C, the covered C empty; an empty cell inside.
    r = TableRow()
    r.addElement(text_cell("Health"))
    r.addElement(cell(valuetype="float", value="7", numbercolumnsspanned=2))
    r.addElement(CoveredTableCell())
    r.addElement(TableCell())
    r.addElement(cell(valuetype="string", stringvalue="from attribute"))
    t.addElement(r)
    # A covered cell that keeps a value (merged with "keep contents").
    r = TableRow()
    r.addElement(text_cell("Education"))
    r.addElement(cell(valuetype="float", value="3", numbercolumnsspanned=2))
    r.addElement(CoveredTableCell(valuetype="float", value="4"))
    t.addElement(r)
    # Three empty rows as one, then a row of zeros repeated twice, and
    # a value repeated across three columns.
    t.addElement(TableRow(numberrowsrepeated=3))
    r = TableRow(numberrowsrepeated=2)
    r.addElement(text_cell("Zero"))
    r.addElement(cell(valuetype="float", value="0",
                      numbercolumnsrepeated=3))
    r.addElement(TableCell(numbercolumnsrepeated=16380))
    t.addElement(r)
    # An error cell, and a formula with no value.
    r = TableRow()
    r.addElement(text_cell("Errors"))
    c = TableCell(formula="of:=1/0", valuetype="float", value="0")
    c.setAttrNS("urn:org:documentfoundation:names:experimental:calc:"
                "xmlns:calcext:1.0", "value-type", "error")
    c.addElement(P(text="#DIV/0!"))
    r.addElement(c)
    r.addElement(TableCell(formula="of:=[.B4]*2"))
    t.addElement(r)
    # LibreOffice's padding: empty rows to the end of the sheet.
    r = TableRow(numberrowsrepeated=1048560)
    r.addElement(TableCell(numbercolumnsrepeated=16384))
    t.addElement(r)
    doc.spreadsheet.addElement(t)
    t2 = Table(name="Second")
    r = TableRow()
    r.addElement(text_cell("a"))
    r.addElement(text_cell("b"))
    t2.addElement(r)
    r = TableRow()
    r.addElement(cell(valuetype="float", value="1"))
    r.addElement(cell(valuetype="float", value="2"))
    t2.addElement(r)
    doc.spreadsheet.addElement(t2)
    doc.save(os.path.join(HERE, "handmade.ods"))


CONTENT = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<office:document-content '
           'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'office:version="1.3"><office:body><office:spreadsheet>'
           '<table:table table:name="Sheet1">%s</table:table>'
           '</office:spreadsheet></office:body></office:document-content>')
ROW = ('<table:table-row%s><table:table-cell office:value-type="float" '
       'office:value="1"%s/></table:table-row>')


def zipped(path, content, mime="application/vnd.oasis.opendocument."
           "spreadsheet", manifest=None):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", mime, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        if manifest is not None:
            z.writestr("META-INF/manifest.xml", manifest)


def bad():
    os.makedirs(BAD, exist_ok=True)
    rows = ' table:number-rows-repeated="%d"'
    cols = ' table:number-columns-repeated="%d"'
    # A value in 2,000,000 rows.
    zipped(os.path.join(BAD, "rows-bomb.ods"),
           CONTENT % (ROW % (rows % 2000000, "")))
    # A value in 20,000 columns.
    zipped(os.path.join(BAD, "cols-bomb.ods"),
           CONTENT % (ROW % ("", cols % 20000)))
    # 16,000 columns in 1,100 rows: each limit kept, 17.6 million cells.
    zipped(os.path.join(BAD, "cells-bomb.ods"),
           CONTENT % (ROW % (rows % 1100, cols % 16000)))
    # An empty row a billion times, then nothing: fine, and no rows.
    zipped(os.path.join(BAD, "empty-repeats.ods"),
           CONTENT % ('<table:table-row table:number-rows-repeated='
                      '"1000000000"><table:table-cell table:number-columns-'
                      'repeated="1000000000"/></table:table-row>'))
    # A value after a billion empty rows.
    zipped(os.path.join(BAD, "far-row.ods"),
           CONTENT % ('<table:table-row table:number-rows-repeated='
                      '"1000000000"/>' + ROW % ("", "")))
    zipped(os.path.join(BAD, "bad-repeat.ods"),
           CONTENT % (ROW % ("", ' table:number-columns-repeated="0"')))
    zipped(os.path.join(BAD, "badxml.ods"),
           CONTENT % "<table:table-row><table:table-cell>"
           "</table:table-row>")
    zipped(os.path.join(BAD, "encrypted.ods"), "not XML: encrypted bytes",
           manifest='<manifest:manifest xmlns:manifest="urn:oasis:names:'
           'tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
           'manifest:full-path="content.xml"><manifest:encryption-data/>'
           '</manifest:file-entry></manifest:manifest>')
    zipped(os.path.join(BAD, "text.odt"), CONTENT % "",
           mime="application/vnd.oasis.opendocument.text")
    zipped(os.path.join(BAD, "nosheets.ods"), CONTENT.replace(
        '<table:table table:name="Sheet1">%s</table:table>', ''))


def libreoffice():
    if shutil.which("soffice") is None:
        print("soffice not found: libreoffice.ods not remade",
              file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(HERE, "..", "xlsx", "openpyxl.xlsx")
        subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp,
                        "--headless", "--convert-to", "ods", "--outdir",
                        tmp, src], check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "openpyxl.ods"),
                    os.path.join(HERE, "libreoffice.ods"))


if __name__ == "__main__":
    handmade()
    bad()
    libreoffice()
