#!/bin/bash
# sg-import reading OpenDocument spreadsheets (.ods), end to end.  The
# files and the script that made them are in t/data/ods/ (make-ods.py);
# the expected streams (*.tsv there) are written by hand, and every file
# is also read by an independent reader (python3-odf, odf-read.py there)
# and, where LibreOffice is installed, by LibreOffice itself.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

O=$DATA/ods

# Every kind of cell, written cell by cell with python3-odf: floats,
# percentages, dates (one with a time of day), times (one past 24 hours),
# booleans, currency, strings in two paragraphs, text:s, text:tab,
# text:line-break, a span, a comment left out, a merged cell and the
# cell it covers, a covered cell that keeps a value, three empty rows as
# one, a row repeated twice, a value repeated across three columns, an
# error cell, a formula with no value, and LibreOffice's padding to
# column 16384 and row 1048576.
run sg-import --skip 2 "$O/handmade.ods"
is "$rc" 0 "handmade.ods imports"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$O/handmade.tsv" "handmade.ods gives the expected stream, byte for byte"
is "$err" "$(printf '%s\n' \
    "sg-import: $O/handmade.ods: 'Returns 2024'!B13: error cell '#DIV/0!' read as x" \
    "sg-import: $O/handmade.ods: 'Returns 2024'!C13: formula without a value read as x (open and save the file in LibreOffice)")" \
    "an error cell and a formula with no value are x, with a warning naming the cell"

# Row numbers count the empty rows: without --skip the title is the
# header, and the header row (row 3) is too long for it.
fails_with 1 "handmade.ods:3: row has 8 fields, the header has 1" \
    "row numbers in messages are the sheet's, empty rows counted" \
    sg-import "$O/handmade.ods"
run sg-import --skip 3 "$O/handmade.ods"
is "$(head -1 <<<"$out" | cut -f1,2)" "$(printf 'Police\t1043')" \
    "--skip counts the sheet's rows"

# --list-sheets and --sheet.
run sg-import --list-sheets "$O/handmade.ods"
is "$rc:$out" "$(printf '0:Returns 2024\nSecond')" "--list-sheets lists the sheets in order"
for s in Second second 2; do
	run sg-import --sheet "$s" "$O/handmade.ods"
	is "$out" "$(printf 'a\tb\n1\t2')" "--sheet $s selects the second sheet"
done
fails_with 1 "^sg-import: $O/handmade.ods: no sheet 'Third' \(the sheets are 'Returns 2024', 'Second'\)$" \
    "an unknown sheet is an error listing the sheets" \
    sg-import --sheet Third "$O/handmade.ods"
fails_with 1 "no sheet '3'" "a sheet number past the last is an error" \
    sg-import --sheet 3 "$O/handmade.ods"

# Found from the content, whatever the name; standard input, gzip, -o.
cp "$O/handmade.ods" return.csv
gzip -c "$O/handmade.ods" >return.ods.gz
for f in return.csv return.ods.gz; do
	sg-import --skip 2 "$f" >got.tsv 2>/dev/null
	same_file got.tsv "$O/handmade.tsv" "a spreadsheet named $f is read as one"
done
sg-import --skip 2 <"$O/handmade.ods" >got.tsv 2>/dev/null
same_file got.tsv "$O/handmade.tsv" "a spreadsheet on standard input"
sg-import -f xlsx --skip 2 -o out.tsv "$O/handmade.ods" 2>/dev/null
same_file out.tsv "$O/handmade.tsv" "-f xlsx (a workbook) and -o"

# The same sheet as t/data/xlsx/openpyxl.xlsx, saved as .ods by
# LibreOffice.  returns.tsv is t/data/xlsx/returns.tsv with the two
# differences that are in the .ods itself: LibreOffice stores the
# workbook's TRUE and FALSE as formulas TRUE() and FALSE() of value 1 and
# 0, and Excel's serial 1 (1900-01-01, after Excel's false 1900-02-29)
# as 1899-12-31.
run sg-import --skip 2 "$O/libreoffice.ods"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$O/returns.tsv" "libreoffice.ods gives the expected stream"
run sg-import --list-sheets "$O/libreoffice.ods"
is "$out" "$(printf 'Returns\nDates\nFormulas\nAnnex A\n2023\nEmpty')" \
    "LibreOffice's sheets are listed"
fails_with 1 "libreoffice.ods: empty sheet: no header" "an empty sheet has no header" \
    sg-import --sheet Empty "$O/libreoffice.ods"
run sg-import --sheet 2023 "$O/libreoffice.ods"
is "$(head -1 <<<"$out")" "$(sg-import --sheet 5 "$O/libreoffice.ods" | head -1)" \
    "a sheet named 2023 is found by its name, not as the 2023rd"
run sg-import --sheet "annex a" "$O/libreoffice.ods"
is "$rc:$(head -1 <<<"$out")" "$(printf '0:child\tage')" \
    "a sheet name is found without regard to case"

# A time cell holds a duration, but a time format shows the time of day,
# as in a workbook (LibreOffice writes that into the cell's text): only a
# format that lets the hours pass 24 (number:truncate-on-overflow="false",
# [h]:mm:ss) shows them.  Rows 12 to 15 of the Dates sheet are h:mm of
# PT12H, h:mm:ss AM/PM of PT42H (shown 6:00:00 PM), [h]:mm:ss of PT36H
# and mm:ss of PT1M.
run sg-import --sheet Dates "$O/libreoffice.ods"
is "$(sed -n 12,15p <<<"$out")" "$(printf '%s\t%s\n' 'h:mm' 12:00:00 \
    'h:mm:ss AM/PM' 18:00:00 '[h]:mm:ss' 36:00:00 'mm:ss' 00:01:00)" \
    "a time format shows the time of day, [h] the hours past 24"
# pyexcel-ods' 12 days in a cell whose column's style is HH:MM:SS, which
# LibreOffice shows as 00:00:00.
run sg-import "$O/pyexcel-12-day-as-time.ods"
is "$rc:$out" "0:00:00:00" "a column's default style is the cell's"

# A shape anchored to a cell is written inside the cell, its text in a
# text:p of its own: a text box saying 7 over the empty B3 is not B3's
# value (LibreOffice saved this from an .xlsx with a text box).
run sg-import "$O/libreoffice-shape.ods"
is "$rc:$out" "$(printf '0:name\tcount\nPolice\t12\nHealth\t')" \
    "a shape's text in a cell is not the cell's value"

# Excel's own .ods export writes an error cell as a float of value 0
# whose text is the error, with no calcext:value-type: rows 47 to 49 of
# the Text sheet are =PHONETIC() shown #N/A and =JIS(), =YEN() shown
# #NAME?.  They are errors, x with a warning, not the count 0.
run sg-import --sheet Text --skip 46 "$O/sheetjs-excel-formula-stress.ods"
is "$rc:$out" "$(printf '0:PHONETIC\tx\tfoo bar baz qux\nJIS\tx\t\nYEN\tx\t5')" \
    "an error Excel saved in an .ods as 0 is x"
is "$err" "$(printf '%s\n' \
    "sg-import: $O/sheetjs-excel-formula-stress.ods: Text!B47: error cell '#N/A' read as x" \
    "sg-import: $O/sheetjs-excel-formula-stress.ods: Text!B48: error cell '#NAME?' read as x" \
    "sg-import: $O/sheetjs-excel-formula-stress.ods: Text!B49: error cell '#NAME?' read as x")" \
    "each such error is named in a warning"

# DfE's children in need rows (t/data/clean/dfe-cin.csv) opened and saved
# as .ods by LibreOffice read as the CSV does.
sg-import "$DATA/clean/dfe-cin.csv" >csv.tsv
run sg-import "$O/dfe-cin.ods"
printf '%s\n' "$out" >ods.tsv
same_file ods.tsv csv.tsv "an .ods made from a CSV reads as the CSV"

# --- the differential tests ----------------------------------------------
if /usr/bin/python3 -c 'import odf' 2>/dev/null; then
	diffpy() {	# FILE SHEET SKIP NAME
		/usr/bin/python3 "$O/odf-read.py" "$1" "$2" "$3" >want.tsv
		if [ "$3" = 0 ]; then
			sg-import --sheet "$2" "$1" >got.tsv 2>/dev/null
		else
			sg-import --sheet "$2" --skip "$3" "$1" >got.tsv 2>/dev/null
		fi
		same_file got.tsv want.tsv "$4"
	}
	diffpy "$O/handmade.ods" 1 2 "handmade.ods reads as python3-odf reads it"
	diffpy "$O/handmade.ods" 2 0 "handmade.ods sheet 2 reads as python3-odf reads it"
	diffpy "$O/libreoffice.ods" 1 2 "libreoffice.ods reads as python3-odf reads it"
	for s in 2 3 4 5; do
		diffpy "$O/libreoffice.ods" $s 0 "libreoffice.ods sheet $s reads as python3-odf reads it"
	done
	diffpy "$O/dfe-cin.ods" 1 0 "dfe-cin.ods reads as python3-odf reads it"
	diffpy "$O/pyexcel-12-day-as-time.ods" 1 0 \
	    "pyexcel-12-day-as-time.ods reads as python3-odf reads it"
	diffpy "$O/libreoffice-shape.ods" 1 0 \
	    "libreoffice-shape.ods reads as python3-odf reads it"
	diffpy "$O/sheetjs-excel-formula-stress.ods" 10 46 \
	    "Excel's .ods errors read as python3-odf reads them"
else
	for i in 1 2 3 4 5 6 7 8 9 10 11; do
		skip "a differential test against python3-odf" "python3-odf is not installed"
	done
fi
if command -v soffice >/dev/null; then
	mkdir lo
	cp "$O/dfe-cin.ods" lo/
	(cd lo && timeout 120 soffice -env:UserInstallation=file://$TMP/lo/profile \
	    --headless --convert-to csv dfe-cin.ods >/dev/null 2>&1)
	if [ -s lo/dfe-cin.csv ]; then
		sg-import lo/dfe-cin.csv >lo.tsv
		same_file ods.tsv lo.tsv "dfe-cin.ods reads as LibreOffice reads it"
	else
		skip "dfe-cin.ods reads as LibreOffice reads it" "soffice did not convert"
	fi
else
	skip "dfe-cin.ods reads as LibreOffice reads it" "LibreOffice is not installed"
fi

# --- repeats: bounded, and bombs refused ----------------------------------
# A billion empty rows of a billion empty cells write nothing, at once.
SECONDS=0
fails_with 1 "empty-repeats.ods: empty sheet: no header" \
    "empty repeats past the last non-empty cell write nothing" \
    timeout 20 sg-import "$O/bad/empty-repeats.ods"
ok "$((SECONDS > 5))" "and take no time"
fails_with 1 "^sg-import: $O/bad/rows-bomb.ods: refused: a sheet would have more than 1048576 rows \(a repeat bomb\?\)$" \
    "a value repeated in 2,000,000 rows is refused" \
    timeout 20 sg-import "$O/bad/rows-bomb.ods"
fails_with 1 "^sg-import: $O/bad/far-row.ods: refused: a sheet would have more than 1048576 rows" \
    "a value after a billion empty rows is refused" \
    timeout 20 sg-import "$O/bad/far-row.ods"
fails_with 1 "^sg-import: $O/bad/cols-bomb.ods: refused: a row would have more than 16384 columns \(a repeat bomb\?\)$" \
    "a value repeated in 20,000 columns is refused" \
    timeout 20 sg-import "$O/bad/cols-bomb.ods"
fails_with 1 "^sg-import: $O/bad/cells-bomb.ods: refused: repeated rows would make more than 16777216 cells \(a repeat bomb\?\)$" \
    "16,000 columns in 1,100 rows (17.6 million cells) are refused" \
    timeout 20 sg-import "$O/bad/cells-bomb.ods"
run sg-import -o bomb.tsv "$O/bad/rows-bomb.ods"
is "$rc" 1 "a bomb with -o fails"
ok "$([ ! -e bomb.tsv ]; echo $?)" "and leaves no output file"

# --- bad files --------------------------------------------------------------
fails_with 1 "^sg-import: $O/bad/bad-repeat.ods: corrupt workbook: content.xml: a repeat count is not a whole number of 1 or more$" \
    "a repeat count of 0 is refused" sg-import "$O/bad/bad-repeat.ods"
fails_with 1 "^sg-import: $O/bad/badxml.ods: corrupt workbook: content.xml: line 2: mismatched tag$" \
    "malformed XML" sg-import "$O/bad/badxml.ods"
fails_with 1 "^sg-import: $O/bad/encrypted.ods: encrypted spreadsheet: remove its password in LibreOffice and save it again$" \
    "an encrypted spreadsheet" sg-import "$O/bad/encrypted.ods"
fails_with 1 "^sg-import: $O/bad/text.odt: not a spreadsheet: an OpenDocument text file \(application/vnd.oasis.opendocument.text\)$" \
    "an OpenDocument text document" sg-import "$O/bad/text.odt"
fails_with 1 "^sg-import: $O/bad/nosheets.ods: the spreadsheet has no sheets$" \
    "a spreadsheet without sheets" sg-import "$O/bad/nosheets.ods"
fails_with 1 "^sg-import: $O/bad/nosheets.ods: the spreadsheet has no sheets$" \
    "--list-sheets of a spreadsheet without sheets" sg-import --list-sheets "$O/bad/nosheets.ods"
fails_with 1 "^sg-import: $O/bad/nosheets.ods: the spreadsheet has no sheets$" \
    "--sheet NAME in a spreadsheet without sheets" sg-import --sheet x "$O/bad/nosheets.ods"
head -c 300 "$O/handmade.ods" >truncated.ods
fails_with 1 "truncated.ods: corrupt or truncated zip file: no central directory" \
    "a truncated spreadsheet" sg-import truncated.ods

done_testing
