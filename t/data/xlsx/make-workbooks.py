#!/usr/bin/python3
"""Makes the test workbooks of t/unit-xlsx.c and t/sg-import-xlsx.t, and
the two .xlsx partner returns in samples/returns/xlsx/.

Run from anywhere:  /usr/bin/python3 t/data/xlsx/make-workbooks.py

Needs Debian's python3-openpyxl (3.0) and, for the LibreOffice-saved
files, libreoffice-calc-nogui (soffice --headless).  CI does not run this:
its outputs are committed.  The expected streams (*.tsv beside them) are
written by hand, not by this script.

  openpyxl.xlsx      written by openpyxl: every kind of cell, date formats,
                     formulas without cached values, odd sheet names
  libreoffice.xlsx   openpyxl.xlsx opened and saved again by LibreOffice
                     (formulas then carry cached values)
  date1904.xlsx      the 1904 date system (openpyxl)
  date1904-x15.xlsx  date1904.xlsx with Excel 2010's <x15:workbookPr>
                     (no date1904 attribute) after the main workbookPr
  handmade.xlsx      XML written here by hand: prefixed and default
                     namespaces, rich text, inline strings, phonetic runs,
                     _x000D_ escapes, rows and cells without r=, t="d",
                     a chart sheet, an absolute relationship target
  iso-dates.xlsx     dates and times stored as ISO 8601 text (t="d", as
                     openpyxl's iso_dates writes them)
                     under time, elapsed-time, date and number formats
  bad/*              one file per error the reader must report
"""
import datetime
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
BAD = os.path.join(HERE, "bad")
FILL = PatternFill("solid", fgColor="FFFF00")


def fixed_zip_dates(path):
    """Rewrites a zip with fixed timestamps, so reruns give the same bytes."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            zi = zipfile.ZipInfo(info.filename, (2024, 3, 31, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def openpyxl_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Returns"
    # Row 1: a preamble line; row 2 absent; row 3 the header.
    ws["A1"] = "Partner KPI return 2023-24"
    ws.append([])
    ws.append(["kpi", "agency", "count", "rate", "received", "complete",
               "notes"])
    ws.append(["1.10", "Adult Social Care", 1043, 0.1,
               datetime.date(2024, 3, 31), True,
               "Figures from ESR, 31 March"])
    ws.append(["1.2", "Police", 1043.0, 1 / 3,
               datetime.datetime(2024, 4, 1, 14, 30), False,
               "tab\there"])
    ws.append(["007", "R\u00e9 \u2603 \U0001F600", -2.5, 2.675,
               datetime.date(1900, 1, 1), None, ""])
    ws.append(["1.4", "  spaces  ", 0, 0.85, None, None,
               "line1\nline2"])
    ws["D7"].number_format = "0%"
    # Row 8: styled but empty: an empty row inside the data.
    for c in "ABC":
        ws[c + "8"].fill = FILL
    ws.append(["1.5", "back\\slash", 12345678901234567, 0.1 + 0.2,
               datetime.date(2024, 2, 29), "TRUE", "last"])
    ws["E9"].number_format = "dd/mm/yyyy"
    ws["H9"].fill = FILL		# a styled empty cell after the last value
    # Rows 10 to 12: styled but empty, after the data: never output.
    for r in (10, 11, 12):
        ws["B%d" % r].fill = FILL

    ws = wb.create_sheet("Dates")
    ws.append(["format", "value"])
    dates = [
        ("yyyy-mm-dd", datetime.date(2024, 3, 31)),
        ("mm-dd-yy", datetime.date(2023, 4, 1)),		# built-in 14
        ("d-mmm-yy", datetime.date(2023, 12, 25)),		# built-in 15
        ("dd/mm/yyyy;@", datetime.date(2024, 1, 2)),
        ("[$-809]dd mmmm yyyy", datetime.date(2023, 6, 30)),
        ("DD.MM.YYYY", datetime.date(2022, 11, 5)),
        ("yyyy-mm-dd hh:mm", datetime.datetime(2024, 4, 1, 23, 59, 59)),
        ("yyyy-mm-dd", 59),			# 1900-02-28
        ("yyyy-mm-dd", 61),			# 1900-03-01
        ("yyyy-mm-dd", 1),			# 1900-01-01
        ("h:mm", 0.5),
        ("h:mm:ss AM/PM", 1.75),
        ("[h]:mm:ss", 1.5),
        ("mm:ss", 1 / 1440),
        ("General", 45383),
        ("0.00", 45383.5),
        ('#,##0 "days"', 12),
        ('"Year" 0', 2024),
        ("0.0%", 0.1234),
        ("yyyy-mm-dd", "not a date"),
    ]
    for fmt, v in dates:
        ws.append([fmt, v])
        ws.cell(ws.max_row, 2).number_format = fmt
    # Dates Excel cannot show: read as x with a warning.
    for v in (60, 0, -1):
        ws.append(["bad date", v])
        ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd"

    ws = wb.create_sheet("Formulas")
    ws.append(["what", "value"])
    ws.append(["sum", "=2+3"])
    ws.append(["text", '="a"&"b"'])
    ws.append(["bool", "=1=1"])
    ws.append(["div0", "=1/0"])
    ws.append(["na", "=NA()"])
    ws.append(["typed error", "#REF!"])

    ws = wb.create_sheet("Annex A")
    ws.append(["child", "age"])
    ws.append(["A1", 7])
    ws.append(["A2", "#N/A"])

    ws = wb.create_sheet("2023")
    ws.append(["sheet named 2023"])

    wb.create_sheet("Empty")
    wb.save(path)
    fixed_zip_dates(path)


def date1904_workbook(path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["when"])
    ws.append([datetime.date(2024, 3, 31)])
    ws.append([0])
    ws.cell(3, 1).number_format = "yyyy-mm-dd"
    ws.append([1462])
    ws.cell(4, 1).number_format = "yyyy-mm-dd"
    wb.save(path)
    fixed_zip_dates(path)


def iso_dates_workbook(path):
    wb = openpyxl.Workbook()
    wb.iso_dates = True
    ws = wb.active
    for v, fmt in ((datetime.datetime(1899, 12, 30, 18, 0), "h:mm"),
                   (datetime.datetime(1899, 12, 31, 18, 0), "[h]:mm:ss"),
                   (datetime.datetime(2024, 3, 1, 10, 30), "h:mm:ss"),
                   (datetime.datetime(2024, 3, 1, 10, 30), "yyyy-mm-dd"),
                   (datetime.time(18, 0), "h:mm"),
                   (datetime.datetime(2024, 3, 1, 10, 30), "0.00"),
                   (datetime.datetime(2024, 3, 1, 10, 30), "0%")):
        ws.append([v])
        ws.cell(row=ws.max_row, column=1).number_format = fmt
    wb.save(path)
    fixed_zip_dates(path)


def date1904_x15_workbook(src, path):
    """src with an <x15:workbookPr> in the workbook's extLst, as Excel
    2010 and later write it after the main workbookPr."""
    with zipfile.ZipFile(src) as zin, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for i in zin.infolist():
            d = zin.read(i.filename)
            if i.filename == "xl/workbook.xml":
                d = d.replace(
                    b'<workbook xmlns="%s">' % MAIN.encode(),
                    b'<workbook xmlns="%s" xmlns:x15="http://schemas.'
                    b'microsoft.com/office/spreadsheetml/2010/11/main">'
                    % MAIN.encode())
                d = d.replace(
                    b"<definedNames/>",
                    b'<definedNames/><extLst><ext uri="{140A7094-0E35-'
                    b'4892-8432-C4D2E57EDEB5}"><x15:workbookPr '
                    b'chartTrackingRefBase="1"/></ext></extLst>')
                assert b"x15:workbookPr" in d
            zi = zipfile.ZipInfo(i.filename, i.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, d)


# The hand-made workbook: XML as other writers produce it.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

HANDMADE = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
</Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="%s">
<Relationship Id="rId1" Type="%s/officeDocument" Target="book/main.xml"/>
</Relationships>""" % (PKG, REL),
    "book/main.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="%s" xmlns:rel="%s">
<x:workbookPr date1904="true"/>
<x:sheets>
<x:sheet name="Chart1" sheetId="3" rel:id="rId3"/>
<x:sheet name="Data" sheetId="1" rel:id="rId1"/>
<x:sheet name="Strict" sheetId="2" rel:id="rId2"/>
</x:sheets>
</x:workbook>""" % (MAIN, REL),
    "book/_rels/main.xml.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="%s">
<Relationship Id="rId1" Type="%s/worksheet" Target="/book/sheets/data.xml"/>
<Relationship Id="rId2" Type="%s/worksheet" Target="sheets/../sheets/strict.xml"/>
<Relationship Id="rId3" Type="%s/chartsheet" Target="charts/chart1.xml"/>
<Relationship Id="rId4" Type="%s/sharedStrings" Target="strings.xml"/>
<Relationship Id="rId5" Type="%s/styles" Target="styles.xml"/>
<Relationship Id="rId6" Type="%s/hyperlink" Target="http://example.org/" TargetMode="External"/>
</Relationships>""" % ((PKG,) + (REL,) * 6),
    "book/charts/chart1.xml": """<?xml version="1.0"?>
<chartsheet xmlns="%s"/>""" % MAIN,
    "book/strings.xml": """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="%s" count="6" uniqueCount="6">
<si><t>name</t></si>
<si><t>note</t></si>
<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r></si>
<si><t>\u65e5\u672c</t><rPh sb="0" eb="2"><t>\u306b\u307b\u3093</t></rPh><phoneticPr fontId="1"/></si>
<si><t>cr_x000D_lf_x000A_end</t></si>
<si><t>_x005F_x0041_ is literal</t></si>
</sst>""" % MAIN,
    "book/styles.xml": """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="%s">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="164"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs>
</styleSheet>""" % MAIN,
    # Rows and cells without r=, a gap, types of every kind; xr:r is an
    # extension's attribute, not the row or cell reference.
    "book/sheets/data.xml": """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="%s" xmlns:r="%s" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">
<sheetData>
<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>inline</t></is></c></row>
<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line rich</t></r></is></c></row>
<row xr:r="9" r="5"><c xr:r="Z5" r="A5" t="s"><v>4</v></c><c r="C5" t="s"><v>5</v></c></row>
<row><c t="d"><v>2024-03-31T00:00:00</v></c><c s="1"><v>0</v></c><c s="1"><v>43555</v></c></row>
<row><c t="str"><f>A1&amp;"!"</f><v>name!</v></c><c t="b"><f>TRUE()</f><v>1</v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
<row><c s="2"><v>45383</v></c><c s="3"><v>1.5</v></c><c s="7"><v>2.5</v></c></row>
<row r="12"><c r="B12"/></row>
</sheetData>
</worksheet>""" % (MAIN, REL),
    "book/sheets/strict.xml": """<?xml version="1.0" encoding="UTF-8"?>
<s:worksheet xmlns:s="%s"><s:sheetData>
<s:row r="1"><s:c r="A1" t="inlineStr"><s:is><s:t>strict</s:t></s:is></s:c><s:c r="B1"><s:v>1.0</s:v></s:c></s:row>
</s:sheetData></s:worksheet>""" % STRICT,
}


def write_zip(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, text in parts.items():
            zi = zipfile.ZipInfo(name, (2024, 3, 31, 0, 0, 0))
            zi.compress_type = method
            z.writestr(zi, text.encode("utf-8") if isinstance(text, str)
                       else text)


def minimal_parts(sheet_xml):
    """A one-sheet workbook around sheet_xml (no styles, no strings)."""
    return {
        "[Content_Types].xml": HANDMADE["[Content_Types].xml"],
        "_rels/.rels": HANDMADE["_rels/.rels"].replace("book/main.xml",
                                                       "xl/workbook.xml"),
        "xl/workbook.xml": """<?xml version="1.0"?>
<workbook xmlns="%s" xmlns:r="%s"><sheets>
<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
        % (MAIN, REL),
        "xl/_rels/workbook.xml.rels": """<?xml version="1.0"?>
<Relationships xmlns="%s">
<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>""" % (PKG, REL),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }


def cd_offset(data, name):
    """Offset of name's central directory record."""
    i = data.index(b"PK\x01\x02")
    while True:
        nlen = struct.unpack("<H", data[i + 28:i + 30])[0]
        if data[i + 46:i + 46 + nlen] == name.encode():
            return i
        i = data.index(b"PK\x01\x02", i + 4)


def bad_workbooks():
    os.makedirs(BAD, exist_ok=True)
    sheet = """<?xml version="1.0"?>
<worksheet xmlns="%s"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>
</sheetData></worksheet>""" % MAIN

    with open(os.path.join(BAD, "notzip.xlsx"), "w") as f:
        f.write("kpi,value\n1.1,90\n")
    write_zip(os.path.join(BAD, "noworkbook.xlsx"),
              {"word/document.xml": "<document/>"})
    # A zip bomb: 9 MiB of spaces inside the sheet, about 9 KiB packed.
    bomb = sheet.replace("<sheetData>", "<sheetData>" + " " * (9 << 20))
    write_zip(os.path.join(BAD, "bomb.xlsx"), minimal_parts(bomb))
    # A sheet that claims to inflate to 2 GiB.
    path = os.path.join(BAD, "huge.xlsx")
    write_zip(path, minimal_parts(sheet))
    data = bytearray(open(path, "rb").read())
    i = cd_offset(bytes(data), "xl/worksheets/sheet1.xml")
    data[i + 24:i + 28] = struct.pack("<I", 2 << 30)
    open(path, "wb").write(data)
    # An entry with the zip encryption flag.
    path = os.path.join(BAD, "zipcrypto.xlsx")
    write_zip(path, minimal_parts(sheet))
    data = bytearray(open(path, "rb").read())
    i = cd_offset(bytes(data), "xl/worksheets/sheet1.xml")
    data[i + 8] |= 1
    open(path, "wb").write(data)
    # A stored sheet with one byte changed: CRC mismatch.
    path = os.path.join(BAD, "crc.xlsx")
    write_zip(path, minimal_parts(sheet), zipfile.ZIP_STORED)
    data = bytearray(open(path, "rb").read())
    i = data.index(b"<is><t>a</t>")
    data[i + 7] = ord("b")
    open(path, "wb").write(data)
    # Cut short: the central directory is lost.
    data = open(os.path.join(HERE, "openpyxl.xlsx"), "rb").read()
    open(os.path.join(BAD, "truncated.xlsx"), "wb").write(
        data[:len(data) * 2 // 3])
    # Malformed XML, and a DOCTYPE.
    write_zip(os.path.join(BAD, "badxml.xlsx"),
              minimal_parts(sheet.replace("</c></row>", "</row>")))
    write_zip(os.path.join(BAD, "doctype.xlsx"), minimal_parts(
        sheet.replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>'
                      "\n<worksheet")))
    # A shared string index that is not there.
    write_zip(os.path.join(BAD, "sstindex.xlsx"), minimal_parts(
        sheet.replace('t="inlineStr"><is><t>a</t></is>', 't="s"><v>3</v>')))


def ole2(path, streams):
    """Writes a minimal OLE2 compound file (version 3, 512-byte sectors)
    holding the given streams, each padded to 4096 bytes so that no mini
    stream is needed."""
    ENDOFCHAIN, FATSECT, FREESECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFD, \
        0xFFFFFFFF, 0xFFFFFFFF
    data, fat, start = b"", [FATSECT, ENDOFCHAIN], []
    for name, body in streams:
        body = body + b"\0" * (-len(body) % 4096 or 0)
        n = len(body) // 512
        first = 2 + len(data) // 512
        start.append((first, len(body)))
        fat += list(range(first + 1, first + n)) + [ENDOFCHAIN]
        data += body
    fat += [FREESECT] * (128 - len(fat))

    def entry(name, kind, left, right, child, sect, size):
        u = (name + "\0").encode("utf-16-le") if name else b""
        return (u.ljust(64, b"\0") + struct.pack("<HBB", len(u), kind, 1)
                + struct.pack("<III", left, right, child) + b"\0" * 36
                + struct.pack("<IQ", sect, size))
    d = entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1, ENDOFCHAIN, 0)
    # Siblings are ordered by name length: EncryptionInfo < EncryptedPackage.
    for i, (name, _) in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else NOSTREAM
        d += entry(name, 2, NOSTREAM, right, NOSTREAM, *start[i])
    d += entry("", 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0) * (4 - 1 -
                                                            len(streams))
    header = (bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
              + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096,
                                         ENDOFCHAIN, 0, ENDOFCHAIN, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108)
    with open(path, "wb") as f:
        f.write(header + struct.pack("<128I", *fat) + d + data)


def encrypted_workbook(path):
    """What Excel writes for a workbook with a password to open: an OLE2
    file whose EncryptionInfo stream (agile encryption, version 4.4)
    describes the key and whose EncryptedPackage holds the zip, encrypted
    (here only filler bytes: the reader refuses it from the names)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/'
        b'encryption"><keyData saltSize="16" blockSize="16" keyBits="256" '
        b'hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
        b'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b'</encryption>').ljust(4096, b" ")
    package = struct.pack("<Q", 4096) + bytes(range(256)) * 16
    ole2(path, [("EncryptionInfo", info), ("EncryptedPackage", package)])


def libreoffice(src, fmt, dest):
    """Converts src with LibreOffice headless to format fmt at dest."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)
        subprocess.run(["soffice", "--headless", "--norestore",
                        "-env:UserInstallation=file://" + tmp + "/profile",
                        "--convert-to", fmt, "--outdir", tmp, src],
                       check=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        ext = fmt.split(":")[0]
        out = os.path.join(tmp, os.path.splitext(os.path.basename(src))[0]
                           + "." + ext)
        shutil.copy(out, dest)


def sample_returns():
    """The .xlsx twins of two sample CSV returns, cell for cell."""
    import csv
    outdir = os.path.join(TOP, "samples", "returns", "xlsx")
    os.makedirs(outdir, exist_ok=True)
    for name in ("adult-social-care", "bsw-icb"):
        src = os.path.join(TOP, "samples", "returns", name + ".csv")
        with open(src, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "KPI return"
        for r, row in enumerate(rows, 1):
            for c, v in enumerate(row, 1):
                if v == "":
                    continue
                cell = ws.cell(r, c)
                # Counts are numbers and percentages are numbers shown
                # with a 0% format, as an agency's template holds them;
                # KPI references such as 1.10 stay text.
                if c > 3 and v.isdigit():
                    cell.value = int(v)
                elif c > 3 and v.endswith("%") and v[:-1].isdigit():
                    cell.value = int(v[:-1]) / 100
                    cell.number_format = "0%"
                else:
                    cell.value = v
        path = os.path.join(outdir, name + ".xlsx")
        wb.save(path)
        fixed_zip_dates(path)


def main():
    openpyxl_workbook(os.path.join(HERE, "openpyxl.xlsx"))
    date1904_workbook(os.path.join(HERE, "date1904.xlsx"))
    date1904_x15_workbook(os.path.join(HERE, "date1904.xlsx"),
                          os.path.join(HERE, "date1904-x15.xlsx"))
    iso_dates_workbook(os.path.join(HERE, "iso-dates.xlsx"))
    write_zip(os.path.join(HERE, "handmade.xlsx"), HANDMADE)
    bad_workbooks()
    encrypted_workbook(os.path.join(BAD, "encrypted.xlsx"))
    sample_returns()
    if shutil.which("soffice") is None:
        print("soffice not found: LibreOffice files not remade",
              file=sys.stderr)
        return
    libreoffice(os.path.join(HERE, "openpyxl.xlsx"),
                "xlsx:Calc MS Excel 2007 XML",
                os.path.join(HERE, "libreoffice.xlsx"))
    libreoffice(os.path.join(HERE, "openpyxl.xlsx"), "xls",
                os.path.join(BAD, "old.xls"))
    libreoffice(os.path.join(HERE, "openpyxl.xlsx"), "ods",
                os.path.join(BAD, "spreadsheet.ods"))


if __name__ == "__main__":
    main()
