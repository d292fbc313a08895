#!/bin/bash
# sg-import: CSV, TSV and workbooks in, the stream out.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
D=$DATA/import
R=$SAMPLES/returns

# Options.
help_ok sg-import
fails_with 2 "Try 'sg-import --help'" "an unknown option is a usage error" \
    sg-import --bogus
fails_with 2 "sg-import: --format: expected csv, tsv or xlsx, not 'json'" "-f takes csv, tsv or xlsx" \
    sg-import -f json /dev/null
fails_with 2 "sg-import: --encoding: expected utf-8 or cp1252, not 'latin9'" "--encoding takes utf-8 or cp1252" \
    sg-import --encoding latin9 /dev/null
fails_with 2 "not a whole number" "--skip takes a number" \
    sg-import --skip two /dev/null
fails_with 2 "want COL=VALUE" "--add takes COL=VALUE" sg-import --add agency

# Quoted CSV: commas, doubled quotes, newlines, TABs and backslashes.
run sg-import "$D/quoted.csv"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$D/quoted.want" "quoted fields come out escaped per the stream"
is "$(printf '%s\n' "$out" | awk -F'\t' '{ print NF }' | sort -u)" 3 \
    "a TAB inside a value never splits a field"
run sg-import -f csv "$D/quoted.csv"
is "$out" "$(cat "$D/quoted.want")" "-f csv reads the same"
# The escape form undoes to the original values.
printf '%s\n' "$out" | sed -n 3p | cut -f2 | sed 's/\\r/\r/g; s/\\n/\n/g' >val
printf 'line one\r\nline two\n' >want
same_file val want "an embedded CRLF survives as \\r\\n"
if sg-import "$D/quoted.csv" | sg-render -f csv >rt.csv 2>/dev/null; then
	sg-import rt.csv >rt.tsv
	same_file rt.tsv "$D/quoted.want" "quoted CSV round-trips through sg-render -f csv"
else
	skip "quoted CSV round-trips through sg-render -f csv" "sg-render -f csv not ready"
fi

# Line ends, BOM, blank lines.
printf '\xef\xbb\xbfa,b\r\n1,2\r\n\r\n3,4\r\n' >crlf.csv
run sg-import crlf.csv
is "$out" "$(printf 'a\tb\n1\t2\n3\t4')" "a BOM is stripped, CRLF accepted, a blank line skipped"
printf 'a,b\r1,2\r3,"x\ry"\r5,6' >cr.csv
run sg-import cr.csv
is "$out" "$(printf 'a\tb\n1\t2\n3\tx\\ry\n5\t6')" "CR-only line ends, and a last line without one"
printf 'a,b\n1,"x\ry"' >tail-cr.csv
run sg-import tail-cr.csv
is "$out" "$(printf 'a\tb\n1\tx\\ry')" "a last record without a line end, with a CR inside quotes"
printf '"Result\n(%%)",Agency\r\n5,RUH\r\n' >hdr-nl.csv
run sg-import hdr-nl.csv
is "$out" "$(printf 'Result\\n(%%)\tAgency\n5\tRUH')" "a header name with a line break is escaped"
if command -v python3 >/dev/null; then
	run python3 "$D/csv-oracle.py" "$SG_BUILD/tools/sg-import" 300
	is "$rc:$out" "0:ok 300" "300 random CSV files give the stream an independent oracle computes"
else
	skip "300 random CSV files give the stream an independent oracle computes" "no python3"
fi
printf 'a,b\n1,2\n,\n3,4\n,\n' >empty-rows.csv
run sg-import empty-rows.csv
is "$out" "$(printf 'a\tb\n1\t2\n3\t4')" "rows of empty fields are no rows"

# Encodings.
run sg-import --encoding cp1252 "$D/cp1252.csv"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$D/cp1252.want" "Windows-1252 converts to UTF-8, 0x80-0x9F included"
run sg-import --encoding Windows-1252 "$D/cp1252.csv"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$D/cp1252.want" "--encoding takes windows-1252, in any case, for cp1252"
fails_with 1 "cp1252.csv:2: invalid UTF-8 \(byte 0x92\) at column 9: .*--encoding cp1252" \
    "invalid UTF-8 names file, line and column and suggests --encoding" \
    sg-import "$D/cp1252.csv"
printf 'a\nok\n\xc3\xa9t\xc3\xa9 \xed\xa0\x80\n' >surrogate.csv
fails_with 1 "surrogate.csv:3: invalid UTF-8 \(byte 0xED\) at column 5" \
    "an encoded surrogate is invalid UTF-8" sg-import surrogate.csv
printf 'a\n\xc0\xaf\n' >overlong.csv
fails_with 1 "overlong.csv:2: invalid UTF-8 \(byte 0xC0\) at column 1" \
    "an overlong form is invalid UTF-8" sg-import overlong.csv
for b in 81 8D 8F 90 9D; do
	printf "a\nx\\x$b\n" >undef.csv
	fails_with 1 "undef.csv:2: byte 0x$b at column 2 is not a Windows-1252 character" \
	    "byte 0x$b is not Windows-1252" sg-import -e cp1252 undef.csv
done
printf '\xff\xfea\x00,\x00b\x00\n\x00' >u16le.csv
fails_with 1 "u16le.csv: the file is UTF-16" "UTF-16 (little-endian BOM) is refused" \
    sg-import u16le.csv
printf '\xfe\xff\x00a\x00,\x00b\x00\n' >u16be.csv
fails_with 1 "u16be.csv: the file is UTF-16" "UTF-16 (big-endian BOM) is refused" \
    sg-import u16be.csv
printf 'a\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00' >u16nobom.csv
fails_with 1 "u16nobom.csv: the file is full of NUL bytes: UTF-16" \
    "UTF-16 without a BOM is refused" sg-import u16nobom.csv
printf 'a,b\n1,2\n3,x\0y\n' >nul.csv
fails_with 1 "nul.csv:3: NUL byte at column 4" "a NUL byte names line and column" \
    sg-import nul.csv

# Broken CSV.
printf 'a,b\n1,2\n3,"open\n4,5\n6,7\n' >unterminated.csv
fails_with 1 "unterminated.csv:3: b: unterminated quoted field" \
    "an unterminated quote names the line where it opened" sg-import unterminated.csv
printf 'a,b\n1,2,3\n' >ragged.csv
fails_with 1 "ragged.csv:2: record has 3 fields, the header has 2 \(see --reject\)" \
    "a long row is a data error" sg-import ragged.csv
printf 'a,b,c\n1,"two\nlines"\n' >short.csv
fails_with 1 "short.csv:2: record has 2 fields, the header has 3 \(see --pad and --reject\)" \
    "a short record names the line it began on" sg-import short.csv
: >empty.csv
fails_with 1 "empty.csv: empty file: no header" "an empty file is an error" \
    sg-import empty.csv
printf '\n\n' >blank.csv
fails_with 1 "blank.csv: empty file: no header" "a file of blank lines is an error" \
    sg-import blank.csv
printf 'x,y\n' >pre.csv
fails_with 1 "pre.csv: no header: the file is empty after the 1 skipped line" \
    "a file that is all preamble is an error" sg-import --skip 1 pre.csv
printf 'a,b\r\n' >header-only.csv
runs_ok "a header-only file is fine" sg-import header-only.csv
is "$out" "$(printf 'a\tb')" "a header-only file gives the header"

# --pad and --reject.
printf 'a,b,c\n1,2,3\n4,5\n6,7,8,,\n9\n10,11,12\n' >pad.csv
run sg-import --pad pad.csv
is "$out" "$(printf 'a\tb\tc\n1\t2\t3\n4\t5\t\n6\t7\t8\n9\t\t\n10\t11\t12')" \
    "--pad pads short rows and drops empty extra fields"
printf 'a,b,c\n1,2,3\n4,5,6,7\n' >long.csv
fails_with 1 "long.csv:3: record has 4 fields" "--pad still refuses a long row with values" \
    sg-import --pad long.csv
printf 'a,b\n1,2\n3\n4,5,6\n"7\n8",9,10\n11,12\n' >rej.csv
run sg-import --reject rej.tsv --add src=r rej.csv
is "$out" "$(printf 'a\tb\tsrc\n1\t2\tr\n11\t12\tr')" "--reject keeps the good rows"
like "$err" "3 rows set aside in rej.tsv" "--reject says how many rows it set aside"
is "$(cat rej.tsv)" "$(printf 'a\tb\tsrc\treason\n3\t\tr\trej.csv:3: record has 1 field, the header has 2\n4\t5,6\tr\trej.csv:4: record has 3 fields, the header has 2\n7\\n8\t9,10\tr\trej.csv:5: record has 3 fields, the header has 2')" \
    "rejected rows keep their values, with a reason"
is "$(($(wc -l <"$TMP/.out") + $(wc -l <rej.tsv) - 2))" 5 \
    "rows in = rows out + rows rejected"

# Headers: blanks, duplicates, --map, --add, --skip.
printf 'a,,c, \n1,2,3,4\n' >blank-names.csv
run sg-import blank-names.csv
is "$(printf '%s\n' "$out" | head -1)" "$(printf 'a\tcolumn_2\tc\tcolumn_4')" \
    "blank header names become column_N"
printf 'id,Name,id\n' >dup.csv
fails_with 1 "dup.csv:1: duplicate column name: columns 1 and 3 are both 'id'" \
    "duplicate header names are a data error" sg-import dup.csv
printf 'KPI, Agency ,Organisation\n' >dupmap.csv
fails_with 1 "dupmap.csv:1: duplicate column name: columns 2 \('Agency'\) and 3 \('Organisation'\) are both 'agency'" \
    "duplicates after --map name both columns" sg-import --map "$D/map.tsv" dupmap.csv
printf 'Preamble line\n"with, a quote",x\nIndicator No., AGENCY NAME ,Result ,Notes\n1.1,RUH,90%%,ok\n' >mapped.csv
run sg-import --skip 2 --map "$D/map.tsv" --add year=2023-24 --add 'src=a\b' mapped.csv
is "$out" "$(printf 'kpi\tagency\tvalue\tNotes\tyear\tsrc\n1.1\tRUH\t90%%\tok\t2023-24\ta\\\\b')" \
    "--skip, --map (trimmed, caseless, first match wins) and --add"
fails_with 1 "--add b: the file has that column already \(column 2\)" \
    "--add of an existing column is an error" sg-import --add b=1 header-only.csv
printf 'pattern\tcolumn\n(unclosed\tx\n' >badmap.tsv
fails_with 1 "badmap.tsv:2" "a bad pattern in the map names its line" \
    sg-import --map badmap.tsv header-only.csv
printf 'just a pattern\n' >badmap2.tsv
fails_with 1 "badmap2.tsv:1: want a pattern, a TAB and a column name" \
    "a map line without a TAB is an error" sg-import --map badmap2.tsv header-only.csv

# Several files, gzip, -f tsv.
printf 'a,b\n1,2\n' >one.csv
printf '\xef\xbb\xbfa,b\r\n3,4\r\n' >two.csv
gzip -c two.csv >two.csv.gz
run sg-import one.csv two.csv.gz - <header-only.csv
is "$out" "$(printf 'a\tb\n1\t2\n3\t4')" "several files (gzip, stdin) make one stream"
printf 'a,c\n5,6\n' >other.csv
fails_with 1 "other.csv:1: header differs from one.csv's: column 2 is 'c', expected 'b'" \
    "several files must have the same header" sg-import one.csv other.csv
head -c 30 two.csv.gz >trunc.gz
fails_with 1 "trunc.gz: (truncated|corrupt) gzip" "a truncated .gz is an error" \
    sg-import trunc.gz
printf 'a\tb\n1,5\t"q"\\\n' >in.tsv
run sg-import -f tsv in.tsv
is "$out" "$(printf 'a\tb\n1,5\t"q"\\\\')" "-f tsv splits on TABs only and escapes values"

# Output: -o, -z, write errors, closed pipes.
runs_ok "-o writes a file" sg-import -o out.tsv one.csv
is "$(cat out.tsv)" "$(printf 'a\tb\n1\t2')" "-o writes the stream"
is "$(ls -A | grep -c sg-tmp)" 0 "-o leaves no temporary file"
sg-import -z one.csv >out.gz
is "$(gzip -dc out.gz)" "$(printf 'a\tb\n1\t2')" "-z gzips the output"
fails_with 1 "write error" "writing to /dev/full exits 1 with a message" \
    sh -c 'sg-import "$1" >/dev/full' sh "$D/quoted.csv"
awk 'BEGIN { print "id,name,note"; for (i = 0; i < 300000; i++) printf "%d,person %d,\"a, b\"\n", i, i }' >big.csv
sg-import big.csv 2>head.err | head -1 >head.out
is "${PIPESTATUS[0]}:$(cat head.err)" "0:" "sg-import big.csv | head -1 exits quietly"

# Big fields.
{ printf 'a,b\n1,"'; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '"\n'; } >mb.csv
run sg-import mb.csv
is "$(printf '%s\n' "$out" | tail -1 | wc -c)" 1048579 "a 1 MB quoted field works"
{ printf 'a,b\n1,'; head -c 10485760 /dev/zero | tr '\0' 'y'; printf '\n2,3\n'; } >tenmb.csv
sg-import tenmb.csv >tenmb.tsv
is "$(sed -n 2p tenmb.tsv | wc -c):$(tail -1 tenmb.tsv)" "10485763:$(printf '2\t3')" \
    "a 10 MB plain field works"

# Workbooks.
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >old.xls
head -c 2000 /dev/zero >>old.xls
fails_with 1 "old.xls: .*\.xls.*save it as \.xlsx" "an old .xls is refused with advice" \
    sg-import old.xls
fails_with 1 "not an Excel workbook" "--list-sheets needs a workbook" \
    sg-import --list-sheets one.csv
if [ -f "$DATA/xlsx/openpyxl.xlsx" ]; then
	run sg-import --list-sheets "$DATA/xlsx/openpyxl.xlsx"
	is "$(printf '%s\n' "$out" | head -1)" Returns "--list-sheets prints the sheet names"
	fails_with 1 "an Excel workbook, not CSV" "-f csv on a workbook says what it is" \
	    sg-import -f csv "$DATA/xlsx/openpyxl.xlsx"
	run sg-import --skip 1 --add src=x "$DATA/xlsx/openpyxl.xlsx"
	is "$(printf '%s\n' "$out" | head -1)" "$(printf 'kpi\tagency\tcount\trate\treceived\tcomplete\tnotes\tsrc')" \
	    "a workbook's rows go through the same row sink (--skip, --add)"
	fails_with 1 "openpyxl.xlsx:3: row has 7 fields, the header has 1 \(see --reject\)" \
	    "a workbook row with values beyond the header is an error naming its row" \
	    sg-import "$DATA/xlsx/openpyxl.xlsx"
else
	skip "--list-sheets prints the sheet names" "no test workbook"
fi

# The sample returns: each imports with its manifest line and --map, and
# all 17 stack into one stream of 17 x 16 rows.
if [ -f "$R/manifest.tsv" ]; then
	n=0
	while IFS=$'\t' read -r f enc skip; do
		[ "$f" = file ] && continue
		sg-import --encoding "$enc" --skip "$skip" --map "$R/columns.map" \
		    "$R/$f" >"ret-$f.tsv" 2>>ret.err && n=$((n + 1))
	done <"$R/manifest.tsv"
	is "$n:$(cat ret.err)" "17:" "every sample return imports"
	is "$(head -qn1 ret-*.tsv | sort -u)" "$(printf 'kpi\tindicator\tagency\tvalue\tnotes')" \
	    "every sample return maps to the same header"
	is "$(cat ret-*.tsv | grep -vc '^kpi	')" 272 "17 returns of 16 KPIs"
	is "$(grep -h 'KPI 1.6\|^1.6	' ret-ruh.csv.tsv | cut -f1)" 1.6 \
	    "a quoted indicator with commas stays one field"
	like "$(cut -f3 ret-childrens-social-care.csv.tsv | sed -n 2p)" "Children’s Social Care" \
	    "the Windows-1252 apostrophe comes out as U+2019"
	fails_with 1 "childrens-social-care.csv:3: invalid UTF-8 .*--encoding cp1252" \
	    "the Windows-1252 return without --encoding is refused with advice" \
	    sg-import --skip 1 "$R/childrens-social-care.csv"
else
	skip "every sample return imports" "samples/returns not there"
fi

# Strict quotes: text after a closing quote stops with file:line, never
# swallows the lines after it into one record (lax libcsv did, exit 0).
printf 'name,n\n"Smith" Jr,1\nb,2\n"c",3\n' >jr.csv
fails_with 1 "^sg-import: jr.csv:2: name: text after the closing quote of a quoted field: quote the whole field and double the quotes inside it: '\"Smith\" Jr,1'" \
    "text after a closing quote stops at its line" sg-import jr.csv
printf 'name,n\n"Smith" Jr,1\nb,"2\n' >jr2.csv
fails_with 1 "^sg-import: jr2.csv:2: name: text after the closing quote" \
    "text after a closing quote, even where a later quote is open" \
    sg-import jr2.csv
printf 'name,n\n"Smith" "Jr",1\nb,2\n' >jr3.csv
fails_with 1 "^sg-import: jr3.csv:2: name: text after the closing quote" \
    "a second quoted part after a closing quote" sg-import jr3.csv
printf 'name,n\na,1\n"b,2\nc,3\n' >open.csv
fails_with 1 "^sg-import: open.csv:3: name: unterminated quoted field" \
    "a quote never closed is reported at the line that opened it" \
    sg-import open.csv

# The message names the column of the bad field: the header's name, or
# "field N" in the header itself or beyond the header's columns.
printf 'name,n\na,"1" 2\n' >jrcol.csv
fails_with 1 "^sg-import: jrcol.csv:2: n: text after the closing quote" \
    "a quote error names the header's column" sg-import jrcol.csv
printf 'name,"n"x\na,1\n' >jrhead.csv
fails_with 1 "^sg-import: jrhead.csv:1: field 2: text after the closing quote" \
    "a quote error in the header names the field number" sg-import jrhead.csv
printf 'name,n\na,1,"x"y\n' >jrlong.csv
fails_with 1 "^sg-import: jrlong.csv:2: field 3: text after the closing quote" \
    "a quote error beyond the header's columns names the field number" \
    sg-import jrlong.csv
printf 'name,n\na,"1\n2\n' >openn.csv
fails_with 1 "^sg-import: openn.csv:2: n: unterminated quoted field" \
    "an unclosed quote at the end names its column" sg-import openn.csv

# A quote inside a field that does not open with one is kept as written,
# as Excel and Python read it (the lines after are not swallowed).
printf 'name,n\nab"c,1\nx,y"z"\n"q",2\n' >inner.csv
run sg-import inner.csv
is "$out" 'name	n
ab"c	1
x	y"z"
q	2' "a quote inside an unquoted field is kept as written"
is "$rc" 0 "... exit 0"

# --lax: the bad field kept as read, the record set aside with the
# message, the rest imported, and the count on standard error, exit 0.
printf 'name,n\n"Smith" Jr,1\nb,2\n"c" d,"e"f\n"g",3\nh,"open\n' >lax.csv
run sg-import --lax --reject lax.rej lax.csv
is "$out" 'name	n
b	2
g	3' "--lax imports the good records"
is "$rc" 0 "--lax with records set aside exits 0"
like "$err" "^sg-import: 3 rows set aside in lax.rej$" \
    "--lax says how many records it set aside"
is "$(cat lax.rej)" "name	n	reason
Smith Jr	1	lax.csv:2: name: text after the closing quote of a quoted field: quote the whole field and double the quotes inside it: '\"Smith\" Jr,1'
c d	ef	lax.csv:4: name: text after the closing quote of a quoted field: quote the whole field and double the quotes inside it: '\"c\" d,\"e\"f'
h	open\\n	lax.csv:6: n: unterminated quoted field: the quote opened on this line is never closed" \
    "--lax sets the records aside with the fields as read and the first message"
run sg-import -L -r lax2.rej jr2.csv
is "$out" 'name	n' "-L: a record open at the end is set aside too"
fails_with 2 "^sg-import: --lax: needs --reject FILE" \
    "--lax without --reject is a usage error" sg-import --lax jr.csv
fails_with 1 "^sg-import: jrhead.csv:1: field 2: text after the closing quote" \
    "--lax never reads the header laxly" sg-import --lax -r h.rej jrhead.csv

# Without -f: a header with tabs and no commas, or a .tsv/.tab name, is
# TSV (a tab-separated file used to come out as one column with \t).
printf 'a\tb\n1\t2\n' >data.tsv
runs_ok "a .tsv file without -f" sg-import data.tsv
is "$out" "a	b
1	2" "a .tsv file without -f is read as TSV"
cp data.tsv data
run sg-import data
is "$out" "a	b
1	2" "a header with tabs and no commas is TSV, whatever the name"
printf 'a,b\tc\n1,2\tx\n' >data.tab
run sg-import data.tab
is "$out" "a,b	c
1,2	x" "both in the header: a .tab name decides TSV"
cp data.tab data.csv
run sg-import data.csv
is "$out" "a	b\\tc
1	2\\tx" "both in the header: a .csv name decides CSV"
cp data.tab both
fails_with 1 "^sg-import: both: the header has both tabs and commas, so the file may be CSV or TSV: use -f csv or -f tsv" \
    "both in the header and no name to decide: stop and say so" \
    sg-import both
run sg-import -f tsv both
is "$out" "a,b	c
1,2	x" "-f tsv decides"
printf '"a\tb",c\n1,2\n' >qt
run sg-import qt
is "$out" "a\\tb	c
1	2" "a tab inside quotes in the header does not make it TSV"

done_testing
