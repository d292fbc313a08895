#!/bin/bash
# sg-import reading Excel workbooks (.xlsx), end to end.  The workbooks
# and the script that made them are in t/data/xlsx/; the expected streams
# (*.tsv there) are written by hand.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

X=$DATA/xlsx

# The same sheet written by openpyxl and saved again by LibreOffice.
for book in openpyxl libreoffice; do
	runs_ok "$book.xlsx imports" sg-import --skip 2 "$X/$book.xlsx"
	printf '%s\n' "$out" >got.tsv
	same_file got.tsv "$X/returns.tsv" \
	    "$book.xlsx gives the expected stream, byte for byte"
	is "$err" "" "$book.xlsx: no warning"
done

# Found from the content, whatever the name; stdin and gzip too.
cp "$X/openpyxl.xlsx" return.csv
cp "$X/openpyxl.xlsx" return
gzip -c "$X/openpyxl.xlsx" >return.xlsx.gz
for f in return.csv return return.xlsx.gz; do
	sg-import --skip 2 "$f" >got.tsv 2>err
	same_file got.tsv "$X/returns.tsv" "a workbook named $f is read as one"
done
sg-import --skip 2 <"$X/openpyxl.xlsx" >got.tsv
same_file got.tsv "$X/returns.tsv" "a workbook on standard input"
sg-import -f xlsx --skip 2 "$X/openpyxl.xlsx" >got.tsv
same_file got.tsv "$X/returns.tsv" "-f xlsx"
sg-import --skip 2 -o out.tsv "$X/openpyxl.xlsx"
same_file out.tsv "$X/returns.tsv" "-o writes the file"

# Without --skip the first non-empty row is the header.
fails_with 1 'openpyxl.xlsx:3: row has 7 fields, the header has 1' \
    "the preamble row is the header without --skip" \
    sg-import "$X/openpyxl.xlsx"

# --list-sheets and --sheet.
run sg-import --list-sheets "$X/openpyxl.xlsx"
is "$out" "Returns
Dates
Formulas
Annex A
2023
Empty" "--list-sheets prints the sheet names in order"
run sg-import --list-sheets "$X/handmade.xlsx"
is "$out" "Data
Strict" "--list-sheets leaves out chart sheets"

run sg-import --sheet Dates "$X/libreoffice.xlsx"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$X/dates.tsv" "--sheet NAME: dates, times, numbers"
is "$rc" 0 "--sheet NAME: exit status 0"
run sg-import --sheet 2 "$X/openpyxl.xlsx"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$X/dates.tsv" "--sheet N counts from 1"
is "$rc" 0 "dates Excel cannot show are warnings, not errors"
is "$err" "sg-import: $X/openpyxl.xlsx: Dates!B22: date serial 60 is Excel's 1900-02-29, a day that never was: read as x
sg-import: $X/openpyxl.xlsx: Dates!B23: '0' has a date format but is not a date: read as x
sg-import: $X/openpyxl.xlsx: Dates!B24: '-1' has a date format but is not a date: read as x" \
    "each such date is named by sheet and cell"

run sg-import --sheet Formulas "$X/libreoffice.xlsx"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$X/formulas-libreoffice.tsv" \
    "formulas by their cached values, errors as x"
is "$err" "sg-import: $X/libreoffice.xlsx: Formulas!B5: error cell '#DIV/0!' read as x
sg-import: $X/libreoffice.xlsx: Formulas!B6: error cell '#N/A' read as x
sg-import: $X/libreoffice.xlsx: Formulas!B7: error cell '#REF!' read as x" \
    "each error cell is named in a warning"
run sg-import --sheet Formulas "$X/openpyxl.xlsx"
is "$out" "what	value
sum	x
text	x
bool	x
div0	x
na	x
typed error	x" "formulas never computed (openpyxl) read as x"
like "$err" "Formulas!B2: formula without a cached value read as x \(open and save the workbook in Excel or LibreOffice\)" \
    "and say how to get their values"

run sg-import --sheet 'Annex A' "$X/openpyxl.xlsx"
is "$out" "child	age
A1	7
A2	x" "--sheet with a space in the name"
is "$err" "sg-import: $X/openpyxl.xlsx: 'Annex A'!B3: error cell '#N/A' read as x" \
    "the cell is named as Excel would: 'Annex A'!B3"
run sg-import --sheet 2023 "$X/openpyxl.xlsx"
is "$out" "sheet named 2023" "a sheet named 2023 is found by name"

fails_with 1 "openpyxl.xlsx: no sheet 'Nope' \(the sheets are 'Returns', 'Dates', 'Formulas', 'Annex A', '2023', 'Empty'\)" \
    "an unknown sheet lists the sheets" \
    sg-import --sheet Nope "$X/openpyxl.xlsx"
fails_with 1 "no sheet '9'" "a sheet number too large" \
    sg-import --sheet 9 "$X/openpyxl.xlsx"
fails_with 1 "empty" "an empty sheet has no header" \
    sg-import --sheet Empty "$X/openpyxl.xlsx"

# Hand-made XML: namespaces, rich text, inline strings, 1904 dates.
run sg-import "$X/handmade.xlsx"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$X/handmade.tsv" \
    "prefixed namespaces, rich and inline text, _x000D_, 1904 dates"
run sg-import --sheet Strict "$X/handmade.xlsx"
is "$out" "strict	1" "a Strict OOXML sheet"
# Dates stored as ISO 8601 text (t="d") go through the cell's format as
# serial dates do: a time format shows the time of day, [h]:mm:ss the
# hours since 1899-12-30 (1899-12-31T18:00 is 1.75 days), a date format
# or a number format the date.
run sg-import "$X/iso-dates.xlsx"
is "$rc:$out" "0:18:00:00
42:00:00
10:30:00
2024-03-01
18:00:00
2024-03-01
2024-03-01" "an ISO date under a time format is its time of day"
# An inline string cell (t="inlineStr") with a <v> before its <is>, as
# some writers leave it (calamine's tests/inlineStr_with_value.xlsx): the
# value is the inline string, "1.", not the two run together.
run sg-import "$X/calamine-inlinestr-with-value.xlsx"
is "$rc:$out" "0:NN	Hierarchy	column_3	Outline Number	ID	Name	Type	Description
1	+		1.	RQ11610	requirement	Textual Requirement	test" \
    "an inline string's stray <v> is not part of it"
run sg-import "$X/date1904.xlsx"
is "$out" "when
2024-03-31
1904-01-01
1908-01-02" "the 1904 date system (openpyxl)"
# Excel 2010's <x15:workbookPr> after the main one does not reset it
# (serial 0 is 1904-01-01, 1462 is 1908-01-02, 43920 is 2024-03-31).
runs_ok "a later x15:workbookPr" sg-import "$X/date1904-x15.xlsx"
is "$out" "when
2024-03-31
1904-01-01
1908-01-02" "a later x15:workbookPr keeps the 1904 date system"

# --map and --add apply to workbooks as to CSV.
run sg-import --skip 2 --add agency2=ASC "$X/openpyxl.xlsx"
is "$(printf '%s\n' "$out" | head -2)" "kpi	agency	count	rate	received	complete	notes	agency2
1.10	Adult Social Care	1043	0.1	2024-03-31	TRUE	Figures from ESR, 31 March	ASC" \
    "--add appends a column to a workbook's rows"

# The sample returns: .xlsx twins give the stream of their CSV.
for r in adult-social-care bsw-icb; do
	skipn=$(awk -F'\t' -v f="$r.csv" '$1 == f { print $3 }' \
	    "$SAMPLES/returns/manifest.tsv")
	sg-import --skip "$skipn" --map "$SAMPLES/returns/columns.map" \
	    "$SAMPLES/returns/$r.csv" >csv.tsv
	sg-import --skip "$skipn" --map "$SAMPLES/returns/columns.map" \
	    "$SAMPLES/returns/xlsx/$r.xlsx" >xlsx.tsv
	same_file xlsx.tsv csv.tsv "samples/returns/xlsx/$r.xlsx gives the stream of $r.csv"
	is "$(wc -l <xlsx.tsv)" 17 "$r: a header and 16 KPIs"
done

# Errors: exit 1 and a clear message.
fails_with 1 "notzip.xlsx: not an Excel workbook \(.xlsx\): not a zip file" \
    "-f xlsx on a CSV file" sg-import -f xlsx "$X/bad/notzip.xlsx"
fails_with 1 "noworkbook.xlsx: not an Excel workbook: the zip file holds no xl/workbook.xml" \
    "a zip without a workbook" sg-import "$X/bad/noworkbook.xlsx"
fails_with 1 "old.xls: an old Excel .xls workbook: open it in Excel or LibreOffice and save it as .xlsx" \
    "an .xls workbook" sg-import "$X/bad/old.xls"
fails_with 1 "encrypted.xlsx: encrypted workbook: remove its password in Excel and save it again" \
    "an encrypted workbook" sg-import "$X/bad/encrypted.xlsx"
fails_with 1 "zipcrypto.xlsx: encrypted workbook" \
    "a zip entry with the encryption flag" sg-import "$X/bad/zipcrypto.xlsx"
fails_with 1 "bomb.xlsx: zip bomb: xl/worksheets/sheet1.xml would inflate to 9437382 bytes from [0-9]+" \
    "a zip bomb (compression ratio)" sg-import "$X/bad/bomb.xlsx"
fails_with 1 "huge.xlsx: zip bomb: xl/worksheets/sheet1.xml would inflate to 2147483648 bytes" \
    "a zip bomb (size)" sg-import "$X/bad/huge.xlsx"
fails_with 1 "truncated.xlsx: corrupt or truncated zip file: no central directory" \
    "a truncated workbook" sg-import "$X/bad/truncated.xlsx"
fails_with 1 "crc.xlsx: corrupt workbook: xl/worksheets/sheet1.xml: CRC mismatch" \
    "a CRC mismatch" sg-import "$X/bad/crc.xlsx"
fails_with 1 "badxml.xlsx: corrupt workbook: xl/worksheets/sheet1.xml: line 3: mismatched tag" \
    "malformed XML" sg-import "$X/bad/badxml.xlsx"
run sg-import -o out2.tsv "$X/bad/crc.xlsx"
is "$rc" 1 "a bad workbook with -o fails"
test ! -e out2.tsv
ok $? "and leaves no output file"

# Formats sg-import does not read are refused by their first bytes, with
# what to do, whatever the name (before, each came out as a one-column
# CSV or an "invalid UTF-8" message).
cat >spreadsheetml.csv <<'XML'
<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">a</Data></Cell></Row></Table></Worksheet>
</Workbook>
XML
fails_with 1 "spreadsheetml.csv: an Excel 2003 XML spreadsheet \(SpreadsheetML\): open it in Excel or LibreOffice and save it as .xlsx or CSV" \
    "an Excel 2003 XML spreadsheet" sg-import spreadsheetml.csv
is "$out" "" "an Excel 2003 XML spreadsheet: nothing written"
printf 'BZh91AY&SY\001\002' >data.csv
fails_with 1 "data.csv: a bzip2-compressed file: decompress it first" \
    "a bzip2 file" sg-import data.csv
printf '\3757zXZ\000\000\004' >data.csv
fails_with 1 "data.csv: a xz-compressed file: decompress it first" \
    "an xz file" sg-import data.csv
printf '\050\265\057\375\044\010' >data.csv
fails_with 1 "data.csv: a zstd-compressed file: decompress it first" \
    "a zstd file" sg-import data.csv
fails_with 1 "-: a zstd-compressed file" \
    "a zstd file on standard input" sg-import <data.csv
if [ -x /usr/bin/python3 ]; then
	/usr/bin/python3 -c '
import zipfile
z = zipfile.ZipFile("book.xlsb", "w")
z.writestr("[Content_Types].xml", "<Types/>")
z.writestr("xl/workbook.bin", b"\x83\x01\x00")
z.close()'
	fails_with 1 "book.xlsb: an Excel binary workbook \(.xlsb\), not an .xlsx: open it in Excel and save it as .xlsx or CSV" \
	    "an .xlsb workbook" sg-import book.xlsb
else
	skip "an .xlsb workbook" "no /usr/bin/python3 to make one"
fi

done_testing
