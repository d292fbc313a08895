#!/bin/bash
# sg-book.t: tables into an accessible workbook, .xlsx and .ods, read back
# by independent readers (openpyxl, odfpy, LibreOffice): the layout the
# GSS guidance asks for, numbers as numbers, symbols as text, no formula,
# and every error.  The expected cells are worked out by hand from
# t/data/book/mixed.tsv in the comments.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

B=$DATA/book
PY=/usr/bin/python3
have_openpyxl=0
have_odf=0
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null && have_openpyxl=1
[ -x "$PY" ] && "$PY" -c 'import odf.opendocument' 2>/dev/null && have_odf=1

book() {	# FORMAT: the workbook of mixed.tsv and kpi.tsv
	sg-book -o "m.$1" -T 'Test tables' -p '2023-24' -S 'Synthetic returns' \
		-c 'analyst@example.org' -s 'dfe' -d 2024-06-30 -N 'First note.' \
		-t 'Mixed values' -t 'KPI codes' --text kpi "$B/mixed.tsv" "$B/kpi.tsv"
}

runs_ok "sg-book writes an .xlsx" book xlsx
is "$out" "" "and nothing on standard output"
runs_ok "sg-book writes an .ods" book ods
is "$(head -c 38 m.ods | tail -c 8)" "mimetype" "the .ods's first entry is the mimetype"
is "$(head -c 84 m.ods | tail -c 46)" "application/vnd.oasis.opendocument.spreadsheet" \
	"stored uncompressed, as ODF asks"

# --- .xlsx through openpyxl ------------------------------------------------
if [ "$have_openpyxl" = 1 ]; then
	"$PY" - m.xlsx >x.txt 2>&1 <<'PYEOF'
import sys, openpyxl, datetime
wb = openpyxl.load_workbook(sys.argv[1])
p = lambda *a: print(*a, sep='|')
p('sheets', *wb.sheetnames)
for ws in wb.worksheets:
    p('A1', ws.title, ws['A1'].value)
    p('merged', ws.title, len(ws.merged_cells.ranges))
    p('tables', ws.title, *sorted('%s=%s' % (k, v) for k, v in ws.tables.items()))
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == 'f':
                p('FORMULA', ws.title, c.coordinate, c.value)
cov = wb['Cover']
for r in range(4, cov.max_row + 1):
    p('cover', cov.cell(r, 1).value, cov.cell(r, 2).value)
con = wb['Contents']
for r in range(4, con.max_row + 1):
    c = con.cell(r, 1)
    p('contents', c.value, c.hyperlink.location if c.hyperlink else None, con.cell(r, 2).value)
no = wb['Notes']
for r in range(4, no.max_row + 1):
    p('notes', no.cell(r, 1).value, no.cell(r, 2).value)
ws = wb['mixed']
for r in range(3, ws.max_row + 1):
    p('mixed', *[('%s:%s:%s' % (type(c.value).__name__, c.value, c.number_format)).replace('\n', '<LF>').replace('\t', '<TAB>') for c in ws[r]])
ws = wb['kpi']
for r in range(4, ws.max_row + 1):
    p('kpi', *[type(c.value).__name__ + ':' + str(c.value) for c in ws[r]])
p('props', wb.properties.title, wb.properties.creator, wb.properties.lastModifiedBy)
PYEOF
	is "$?" 0 "openpyxl reads the .xlsx"
	x=$(cat x.txt)
	like "$x" "^sheets\|Cover\|Contents\|Notes\|mixed\|kpi$" \
		"Cover, Contents, Notes, then a sheet per table named from its file"
	like "$x" "^A1\|Cover\|Test tables$" "the Cover's A1 is the title"
	like "$x" "^A1\|mixed\|Mixed values$" "a table's A1 is its title (-t)"
	like "$x" "^A1\|kpi\|KPI codes$" "the second -t titles the second table"
	unlike "$x" "^merged\|.*\|[1-9]" "no merged cells anywhere"
	unlike "$x" "^FORMULA" "no formula anywhere"
	like "$x" "^tables\|mixed\|Table_1=A3:H7$" \
		"the table is an Excel table object over its header and 4 rows"
	like "$x" "^tables\|Contents\|Contents_table=A3:B5$" "Contents is a table too"
	like "$x" "^cover\|Period covered\|2023-24$" "the Cover gives the period"
	like "$x" "^cover\|Source\|Synthetic returns$" "the source"
	like "$x" "^cover\|Contact\|analyst@example.org$" "the contact"
	like "$x" "^cover\|Suppression\|dfe$" "the suppression profile"
	like "$x" "^cover\|Date produced\|2024-06-30$" "the date produced (-d)"
	like "$x" "^contents\|mixed\|'mixed'!A1\|Mixed values$" \
		"Contents links to each sheet, with its title"
	like "$x" "^notes\|Note 1\|First note.$" "the Notes sheet has the note"
	# mixed.tsv holds c, x (and an empty cell), z and low in numeric columns.
	for s in c x z low; do
		like "$x" "^notes\|\[$s\]\|" "and the meaning of [$s], which the table uses"
	done
	# The header row, then row 1 by hand: measure text; code 007 text (a
	# leading zero); 1043 an int shown #,##0; 998 int; 12.5 a float shown
	# with the column's 2 decimals (7.25 has 2); 4.5 with 1; a date; =1+1 text.
	like "$x" "^mixed\|str:measure:General\|str:code:General\|str:current:" \
		"the header row is the stream's header"
	like "$x" "^mixed\|str:Contacts:General\|str:007:General\|int:1043:#,##0\|int:998:#,##0\|float:12.5:#,##0.00\|float:4.5:#,##0.0\|datetime:2024-03-31 00:00:00:yyyy-mm-dd\|str:=1\+1:General$" \
		"row 1: numbers as numbers with the column's decimals, a date as a date, =1+1 as text"
	like "$x" "^mixed\|str:Referrals:General\|str:010:General\|int:282:#,##0\|str:\[c\]:General\|float:7.25:#,##0.00\|float:-5.3:#,##0.0\|datetime:2023-04-01 00:00:00:yyyy-mm-dd\|str:\+30:General$" \
		"row 2: c as the text [c]; +30 in a text column stays text"
	like "$x" "^mixed\|str:Repeat<TAB>missing:General\|str:011:General\|int:-5:#,##0\|str:\[x\]:General\|str:\[z\]:General\|str:\[low\]:General\|str:\[x\]:General\|str:@SUM\(A1\):General$" \
		"row 3: a TAB unescaped, -5 a number, x z low as [x] [z] [low], @SUM text"
	like "$x" "^mixed\|str:Crèche <LF> visits:General\|str:012:General\|int:1234567:#,##0\|str:\[x\]:General\|float:0.5:#,##0.00\|str:\[c\]:General\|datetime:2024-02-29 00:00:00:yyyy-mm-dd\|str:  two  spaces:General$" \
		"row 4: a line break kept, an empty numeric cell is [x], spaces kept"
	like "$x" "^kpi\|str:RUH\|str:1.1\|int:90$" "--text kpi: 1.1 stays text"
	like "$x" "^kpi\|str:RUH\|str:1.10\|int:85$" "and 1.10 is not read as 1.1"
	like "$x" "^props\|Test tables\|(None)?\|(None)?$" \
		"the properties hold the title and no user name"
else
	skip "the .xlsx read back by openpyxl" "python3-openpyxl is not installed"
fi

# --- .ods through odfpy ------------------------------------------------------
if [ "$have_odf" = 1 ]; then
	"$PY" - m.ods >o.txt 2>&1 <<'PYEOF'
import sys
from odf.opendocument import load
from odf import table, text, teletype
from odf.namespaces import OFFICENS
doc = load(sys.argv[1])
def cell_text(c):
    return '<LF>'.join(teletype.extractText(p) for p in c.getElementsByType(text.P))
for t in doc.spreadsheet.getElementsByType(table.Table):
    name = t.getAttribute('name')
    hdr = t.getElementsByType(table.TableHeaderRows)
    print('sheet|%s|header-rows=%d' % (name, len(hdr)))
    for i, r in enumerate(t.getElementsByType(table.TableRow)):
        out = []
        for c in r.getElementsByType(table.TableCell):
            vt = c.attributes.get((OFFICENS, 'value-type'))
            v = c.attributes.get((OFFICENS, 'value')) or c.attributes.get((OFFICENS, 'date-value'))
            out.append('%s:%s' % (vt, v if v is not None else cell_text(c)))
        print('row|%s|%d|%s' % (name, i + 1, '|'.join(out)))
PYEOF
	is "$?" 0 "odfpy reads the .ods"
	o=$(cat o.txt)
	like "$o" "^sheet\|Cover\|header-rows=1$" "a Cover sheet with a header row"
	like "$o" "^sheet\|mixed\|header-rows=1$" "each table's header is a table header row"
	like "$o" "^row\|mixed\|1\|string:Mixed values$" "A1 is the table's title"
	like "$o" "^row\|mixed\|4\|string:Contacts\|string:007\|float:1043\|float:998\|float:12.5\|float:4.5\|date:2024-03-31\|string:=1\+1$" \
		"row 1: floats, a date, =1+1 a string"
	like "$o" "^row\|mixed\|6\|string:Repeat	missing\|string:011\|float:-5\|string:\[x\]\|string:\[z\]\|string:\[low\]\|string:\[x\]\|string:@SUM\(A1\)$" \
		"row 3: symbols as strings in brackets, the TAB kept"
	like "$o" "^row\|mixed\|7\|string:Crèche <LF> visits\|" "a line break is a second paragraph"
	like "$o" "^row\|mixed\|7\|.*\|string:  two  spaces$" \
		"leading and double spaces survive ODF's white-space folding"
else
	skip "the .ods read back by odfpy" "python3-odf is not installed"
fi

# --- both through LibreOffice: every cell against the TSV ------------------
if command -v soffice >/dev/null; then
	for f in xlsx ods; do
		mkdir "lo-$f"
		# 9 = TAB, 34 = quote, 76 = UTF-8, -1 = every sheet to its own file;
		# the cells' values, not as shown.
		timeout 120 soffice --headless -env:UserInstallation=file://$TMP/lo-profile \
			--convert-to 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1' \
			--outdir "lo-$f" "m.$f" >/dev/null 2>&1
		ok "$([ -f "lo-$f/m-mixed.csv" ]; echo $?)" "LibreOffice opens the .$f"
		# From row 3 (the header) on, every cell against the stream as a
		# spreadsheet shows it: unescaped, symbols in brackets (an empty
		# numeric cell is x); numbers compared as numbers.  LibreOffice
		# drops a <text:tab/> from a cell when it reads an .ods, its own
		# files too (a cell "x<TAB>y" that it saved reads back "xy"), so
		# for the .ods the TAB is compared as LibreOffice reads it; odfpy
		# shows above that the file holds it.
		"$PY" - "$B/mixed.tsv" "lo-$f/m-mixed.csv" "$f" <<'PYEOF' >cmp.txt
import csv, sys
want = []
for i, line in enumerate(open(sys.argv[1], encoding='utf-8').read().split('\n')[:-1]):
    cells = [c.replace('\\t', '\t').replace('\\n', '\n') for c in line.split('\t')]
    if i > 0:
        for j in range(2, 7):
            if cells[j] in ('', 'x'): cells[j] = '[x]'
            elif cells[j] in ('c', 'z', 'low'): cells[j] = '[' + cells[j] + ']'
    if sys.argv[3] == 'ods':
        cells = [c.replace('\t', '') for c in cells]
    want.append(cells)
got = list(csv.reader(open(sys.argv[2], newline='', encoding='utf-8'), delimiter='\t'))[2:]
bad = 0
for i, (w, g) in enumerate(zip(want, got)):
    for j, (a, b) in enumerate(zip(w, g)):
        same = a == b
        if not same:
            try: same = float(a) == float(b)
            except ValueError: pass
        if not same:
            bad += 1; print('row %d col %d: want %r got %r' % (i, j, a, b))
if len(want) != len(got) or any(len(w) != len(g) for w, g in zip(want, got)):
    bad += 1; print('shape differs', len(want), len(got))
print('bad', bad)
PYEOF
		is "$(tail -1 cmp.txt)" "bad 0" "LibreOffice's reading of the .$f gives every cell of the table"
		[ "$(tail -1 cmp.txt)" = "bad 0" ] || sed 's/^/# /' cmp.txt | head -20
	done
else
	skip "LibreOffice reads the .xlsx" "libreoffice-calc is not installed"
	skip "LibreOffice reads the .ods" "libreoffice-calc is not installed"
fi

# --- codes and precision -------------------------------------------------------
if [ "$have_openpyxl" = 1 ]; then
	runs_ok "a 16-digit number and -0 are written" sg-book -o p.xlsx -T P -d 2024-01-01 "$B/precise.tsv"
	is "$("$PY" -c 'import openpyxl,sys; ws=openpyxl.load_workbook("p.xlsx")["precise"]; print([type(ws.cell(r,2).value).__name__+":"+str(ws.cell(r,2).value) for r in (4,5)])')" \
		"['str:1234567890123456', 'str:-0']" \
		"a number a spreadsheet would round (16 digits) and -0 stay text"
	# One number a spreadsheet cannot hold as written (-0, 16 digits)
	# is a text cell, but its column is still numeric (sg-book(1): every
	# cell a number or a symbol): the others are numbers, so a total in
	# the spreadsheet gives the published one, and c is [c], explained
	# on the Notes sheet.
	printf 'n\tv\tw\na\t12\t5\nb\tc\t1234567890123456\nc\t-0\t7\nd\t1043\tx\n' >nz.tsv
	runs_ok "a numeric column with -0 in it" sg-book -o nz.xlsx -T N -d 2024-01-01 nz.tsv
	is "$("$PY" -c 'import openpyxl; wb=openpyxl.load_workbook("nz.xlsx"); ws=wb["nz"]
print(wb.sheetnames); print([[type(ws.cell(r,c).value).__name__+":"+str(ws.cell(r,c).value) for r in range(4,8)] for c in (2,3)])')" \
		"['Cover', 'Contents', 'Notes', 'nz']
[['int:12', 'str:[c]', 'str:-0', 'int:1043'], ['int:5', 'str:1234567890123456', 'int:7', 'str:[x]']]" \
		"keeps its other numbers numbers and its symbols [c] and [x], with a Notes sheet"
	runs_ok "without --text, codes that look like numbers" sg-book -o k.xlsx -T K -d 2024-01-01 "$B/kpi.tsv"
	# Here kpi (1.1, 1.10) is not the first column: without --text it
	# is numeric, as documented; the man page says to name it.
	is "$("$PY" -c 'import openpyxl; ws=openpyxl.load_workbook("k.xlsx")["kpi"]; print(ws.cell(4,2).number_format, ws.cell(5,2).number_format)')" \
		"#,##0.00 #,##0.00" "are numbers shown with the column's decimals"
else
	skip "precision and codes" "python3-openpyxl is not installed"
fi

# --- dates a spreadsheet cannot hold ------------------------------------------
# Excel's dates begin at 1900-01-01, serial 1; 1899-12-31 would be serial
# 0, which Excel shows as 1900-01-00, and an earlier date a negative
# serial, shown as #####.  Such a date is a text cell as written, in both
# formats alike; the column's other dates are dates.
printf 'n\td\na\t1899-12-31\nb\t1900-01-01\nc\t1800-06-01\n' >early.tsv
runs_ok "dates before 1900 are written" sg-book -o early.xlsx -T E -d 2024-01-01 early.tsv
is "$(unzip -p early.xlsx xl/worksheets/sheet3.xml | grep -o '<c r="B[4-6]"[^>]*>[^/]*' | tr '\n' ' ')" \
	'<c r="B4" t="inlineStr"><is><t>1899-12-31< <c r="B5" s="3"><v>1< <c r="B6" t="inlineStr"><is><t>1800-06-01< ' \
	"a date before 1900-01-01 is text in an .xlsx, not serial 0 or below; 1900-01-01 is serial 1"
runs_ok "and in an .ods" sg-book -o early.ods -T E -d 2024-01-01 early.tsv
is "$(unzip -p early.ods content.xml | grep -o 'office:date-value="[^"]*"' | tr '\n' ' ')" 'office:date-value="1900-01-01" ' \
	"where only 1900-01-01 is a date: the workbook is the same in both formats"
# 1900-01-01 to 1900-02-28 are serials 1 to 59; Excel counts a 29
# February 1900 that never was (serial 60), so 1900-03-01 is 61.
printf 'n\td\na\t1900-01-01\nb\t1900-02-28\nc\t1900-03-01\n' >leap.tsv
runs_ok "dates from 1900-01-01 are dates" sg-book -o leap.xlsx -T L -d 2024-01-01 leap.tsv
is "$(unzip -p leap.xlsx xl/worksheets/sheet3.xml | grep -o '<c r="B[4-6]"[^>]*><v>[0-9-]*' | sed 's/.*<v>//' | tr '\n' ' ')" \
	"1 59 61 " "serials 1, 59 and 61, past Excel's 29 February 1900"

# --- text an .xlsx would read as another character -------------------------------
# ECMA-376 reads _xHHHH_ in a string as the character U+HHHH, and
# LibreOffice and Excel do: a table's literal "A_x0001_" would read back
# as A and a control character, "_x005F_" as "_".  Their "_" is written
# as the standard's escape for it, _x005F_, so both read back as written.
printf 'n\tv\nA_x0001_\t1\n_x005F_\t2\n_x00e9_ and _x\t3\n' >xesc.tsv
runs_ok "text that holds _xHHHH_ is written" sg-book -o xesc.xlsx -T X -d 2024-01-01 xesc.tsv
is "$(unzip -p xesc.xlsx xl/worksheets/sheet3.xml | grep -o '<c r="A[4-6]"[^>]*><is><t>[^<]*' | sed 's/.*<t>//' | tr '\n' ' ')" \
	"A_x005F_x0001_ _x005F_x005F_ _x005F_x00e9_ and _x " \
	"its _ is written _x005F_ where it begins _xHHHH_, and only there"
if command -v soffice >/dev/null; then
	rm -rf lo-x && mkdir lo-x
	timeout 120 soffice --headless -env:UserInstallation=file://$TMP/lo-profile \
		--convert-to 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir lo-x xesc.xlsx >/dev/null 2>&1
	is "$(tail -n +4 lo-x/xesc-xesc.csv | cut -f1 | od -An -c | tr -s ' \n' ' ')" \
		"$(tail -n +2 xesc.tsv | cut -f1 | od -An -c | tr -s ' \n' ' ')" \
		"LibreOffice reads every such cell back as the table has it"
else
	skip "LibreOffice reads _xHHHH_ back" "libreoffice-calc is not installed"
fi

# A table object's column names are attributes, where XML reads a TAB or
# CR as a space: a header "c<TAB>d" made a table column "c d" over a
# header cell "c<TAB>d", which Excel holds must be the same.  They are
# written _x0009_ and _x000D_, ECMA-376's escapes, in both.
printf 'n\ta\\tb\tc\\rd\te\\nf\n1\t2\t3\t4\n' >tabhead.tsv
runs_ok "column names with a TAB, a CR and a LF" sg-book -o tabhead.xlsx -T T -d 2024-01-01 tabhead.tsv
if [ "$have_openpyxl" = 1 ]; then
	# Both read as ECMA-376 says (openpyxl decodes _xHHHH_ in the
	# table part's attributes, not in inline strings).
	is "$("$PY" -c 'import openpyxl, re
d = lambda s: re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)
ws=openpyxl.load_workbook("tabhead.xlsx")["tabhead"]; t=ws.tables["Table_1"]
print([d(c.name) for c in t.tableColumns] == [d(ws.cell(3,c).value) for c in range(1,5)])')" \
		"True" "each table column's name is its header cell's text"
else
	skip "each table column's name is its header cell's text" "python3-openpyxl is not installed"
fi
is "$(sg-import --sheet tabhead --skip 2 tabhead.xlsx | head -1)" "$(head -1 tabhead.tsv)" \
	"and the header reads back as the stream's"

# --- text XML cannot hold ---------------------------------------------------------
# Both formats are XML, which holds Unicode characters only, and not
# U+FFFE or U+FFFF: a byte that is not UTF-8 would make a part that no
# reader opens.
printf 'n\tv\nok\t1\nbad\377\t2\n' >badutf.tsv
printf 'n\tv\nu\357\277\276\t1\n' >nonchar.tsv
printf 'n\355\240\200\tv\na\t1\n' >surr.tsv
for f in xlsx ods; do
	fails_with 1 "badutf.tsv:3: n: not UTF-8, which a workbook cannot hold" \
		"a byte that is not UTF-8 in a cell of an .$f: exit 1, named" \
		sg-book -o u.$f -T U badutf.tsv
	fails_with 1 "nonchar.tsv:2: n: U\\+FFFE or U\\+FFFF, which a workbook cannot hold" \
		"U+FFFE in an .$f: exit 1, named" sg-book -o u.$f -T U nonchar.tsv
	fails_with 1 "surr.tsv:1: not UTF-8, which a workbook cannot hold" \
		"a surrogate in a column name of an .$f: exit 1" sg-book -o u.$f -T U surr.tsv
	fails_with 2 "--period: not UTF-8, which a workbook cannot hold" \
		"an option's text that is not UTF-8 in an .$f: exit 2" \
		sg-book -o u.$f -T U -p "$(printf 'Q1\377')" "$B/kpi.tsv"
	ok "$([ ! -e u.$f ]; echo $?)" "and no .$f is written"
	# A control character in a sheet name or the title goes into an
	# attribute or the properties, where XML 1.0 cannot hold it (the
	# .xlsx's workbook.xml and core.xml did not parse); a line break in
	# a sheet name reads back as a space, another name.
	fails_with 2 "--sheet: a control character, which a workbook cannot hold: 'a\\\\x01b'" \
		"a control character in a sheet name (-n) of an .$f: exit 2" \
		sg-book -o u.$f -T U -n "$(printf 'a\001b')" "$B/kpi.tsv"
	fails_with 2 "a sheet name holds a control character, which it cannot: 'a\\\\x0Ab'" \
		"a line break in a sheet name of an .$f: exit 2" \
		sg-book -o u.$f -T U -n "$(printf 'a\nb')" "$B/kpi.tsv"
	fails_with 2 "--title: a control character, which a workbook cannot hold: 'a\\\\x01b'" \
		"a control character in the title of an .$f: exit 2" \
		sg-book -o u.$f -T "$(printf 'a\001b')" "$B/kpi.tsv"
	ok "$([ ! -e u.$f ]; echo $?)" "and no .$f is written"
	# A file's name gives the sheet's: its control characters become _,
	# as [ ] : * ? / \ do.
	cp "$B/kpi.tsv" "$(printf 'k\001pi.tsv')"
	runs_ok "a control character in a file's name in an .$f" \
		sg-book -o cn.$f -T U "$(printf 'k\001pi.tsv')"
done
cp "$B/kpi.tsv" "'kpi'.tsv"
runs_ok "a file's name that begins and ends with ' gives a sheet name" \
	sg-book -o q.xlsx -T U "'kpi'.tsv"
is "$(unzip -p q.xlsx xl/workbook.xml | grep -o '<sheet name="_[^"]*"')" '<sheet name="_kpi_"' \
	"with _ for each ', which a sheet name may not begin or end with"
cp "$B/kpi.tsv" "123456789012345678901234567890'x.tsv"
runs_ok "and so does one whose 31st character is '" \
	sg-book -o q.xlsx -T U "123456789012345678901234567890'x.tsv"
is "$(unzip -p q.xlsx xl/workbook.xml | grep -o '<sheet name="1[^"]*"')" \
	'<sheet name="123456789012345678901234567890_"' "cut to 31 characters, then the ' made _"
is "$(unzip -p cn.xlsx xl/workbook.xml | grep -o '<sheet name="k[^"]*"')" '<sheet name="k_pi"' \
	"is the sheet k_pi in an .xlsx"
is "$(unzip -p cn.ods content.xml | grep -o 'table:name="k[^"]*"')" 'table:name="k_pi"' \
	"and in an .ods"

# --- a big table: written a row at a time, deflated at level 5 -------------
# 20,000 rows of eight columns (text, dates, numbers, symbols).  Written
# row by row (libxlsxwriter's constant-memory mode) the .xlsx costs about
# its text in memory, some 10 MB here; a cell object for each cell, as
# libxlsxwriter's ordinary mode keeps, would be over 30 MB.  The peak is
# measured only where the tool is not instrumented (a sanitizer or
# valgrind measures itself).
awk 'BEGIN { OFS = "\t"; print "ref", "agency", "date", "contacts", "referrals", "rate", "pct", "note"
	for (i = 1; i <= 20000; i++)
		print sprintf("R%05d", i), "Agency " i % 17, sprintf("2024-%02d-%02d", 1 + i % 12, 1 + i % 28),
			i % 5000, i % 800, (i % 5000) / 10, i % 97 == 0 ? "c" : (i % 1000) / 10, "=note " i }' >big.tsv
runs_ok "a 20,000-row table is written" sg-book -o big.xlsx -T Big -d 2024-01-01 big.tsv
if [ "$have_openpyxl" = 1 ]; then
	# Every 1,000th row and the last, as openpyxl reads them: the
	# header row made by hand, the cells worked out from the awk above
	# (row i: i % 5000, i % 800, its tenth, and [c] where 97 divides i).
	x=$("$PY" - <<'PYEOF'
import openpyxl
wb = openpyxl.load_workbook('big.xlsx', read_only=False)
ws = wb['big']
print('tables', *sorted('%s=%s' % (k, v) for k, v in ws.tables.items()))
print('header', *[ws.cell(3, c).value for c in range(1, 9)])
print('rows', ws.max_row)
bad = 0
for i in list(range(1000, 20001, 1000)) + [97 * 7, 20000]:
    r = [ws.cell(i + 3, c).value for c in range(1, 9)]
    want = ['R%05d' % i, 'Agency %d' % (i % 17), '2024-%02d-%02d' % (1 + i % 12, 1 + i % 28),
            i % 5000, i % 800, (i % 5000) / 10, '[c]' if i % 97 == 0 else (i % 1000) / 10, '=note %d' % i]
    r[2] = r[2].strftime('%Y-%m-%d')
    if r != want:
        print('row', i, r, 'not', want); bad += 1
print('bad', bad)
PYEOF
)
	like "$x" "^tables Table_1=A3:H20003$" "its table object spans the header and 20,000 rows"
	like "$x" "^header ref agency date contacts referrals rate pct note$" "and its header row is written, as text"
	like "$x" "^rows 20003$" "the sheet ends at the last row"
	like "$x" "^bad 0$" "every 1,000th row reads back as written (numbers, dates, [c], text)"
	# The parts, deflated at level 5: each one's compressed size is
	# what zlib makes of it at level 5 (the same zlib, so the same
	# bytes), and at level 6, the default, the big sheet differs.
	x=$("$PY" - <<'PYEOF'
import zipfile, zlib
def size(d, level):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    return len(c.compress(d) + c.flush())
z = zipfile.ZipFile('big.xlsx')
parts = z.infolist()
print('level5', sum(i.compress_type == zipfile.ZIP_DEFLATED and size(z.read(i.filename), 5) == i.compress_size for i in parts), 'of', len(parts))
big = max(parts, key=lambda i: i.file_size)
print('level6', size(z.read(big.filename), 6) == big.compress_size)
PYEOF
)
	like "$x" "^level5 ([0-9]+) of \\1$" "every part is deflated at level 5"
	like "$x" "^level6 False$" "not at zlib's default, level 6"
else
	skip "the big table read back by openpyxl" "python3-openpyxl is not installed"
fi
if nm "$SG_BUILD/tools/sg-book" 2>/dev/null | grep -q __asan_init || ! head -c 4 "$SG_BUILD/tools/sg-book" | grep -q ELF; then
	skip "the big table's peak memory" "the tools are instrumented (a sanitizer or valgrind)"
elif [ -x "$PY" ]; then
	kb=$("$PY" -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$SG_BUILD/tools/sg-book" -o big2.xlsx -T Big -d 2024-01-01 big.tsv)
	ok "$([ "${kb:-99999}" -lt 16384 ]; echo $?)" "its peak memory is under 16 MB (${kb:-?} KB)"
else
	skip "the big table's peak memory" "python3 is not installed"
fi

# libxlsxwriter writes each sheet through temporary files without
# checking those writes; a file-size limit (as a full disk would) cuts
# the big sheet short.  sg-book reads the workbook back, finds the rows
# missing, and publishes nothing.
cp big.xlsx before.xlsx
fails_with 1 "big.xlsx: the workbook came out incomplete \\(is the disk of the temporary directory full\\?\\): the sheet 'big' holds [0-9]+ of its 20003 rows and [0-9]+ of its 160010 cells" \
	"a workbook whose sheet was cut short is refused: exit 1" \
	bash -c 'trap "" XFSZ; ulimit -f 2000; exec sg-book -o big.xlsx -T Big -d 2024-01-01 big.tsv'
ok "$(cmp -s big.xlsx before.xlsx; echo $?)" "and the workbook made before is left as it was"

# --- the same tables make the same bytes -----------------------------------
book ods && cp m.ods m1.ods && book ods
ok "$(cmp -s m.ods m1.ods; echo $?)" "the .ods is the same byte for byte when made again"
book xlsx && cp m.xlsx m1.xlsx && sleep 1 && book xlsx
ok "$(cmp -s m.xlsx m1.xlsx; echo $?)" "and so is the .xlsx"
SOURCE_DATE_EPOCH=1719705600 sg-book -o e.ods -T T "$B/kpi.tsv"
ok "$(cmp -s <(unzip -p e.ods meta.xml 2>/dev/null || true) /dev/null; [ $? != 0 ] && unzip -p e.ods meta.xml | grep -q '2024-06-30'; echo $?)" \
	"SOURCE_DATE_EPOCH sets the date produced"

# --- modes ---------------------------------------------------------------------
book xlsx && chmod 600 m.xlsx && book xlsx
is "$(stat -c %a m.xlsx)" 600 "an existing workbook keeps its mode (0600)"
(umask 027; sg-book -o new.ods -T N -d 2024-01-01 "$B/kpi.tsv")
is "$(stat -c %a new.ods)" 640 "a new one gets the umask's (027: 0640)"
is "$(ls -a | grep -c '^\.sg-')" 0 "no temporary file is left"

# --- errors --------------------------------------------------------------------
fails_with 2 "-o: give the workbook's file name" "no -o: exit 2" \
	sg-book -T T "$B/kpi.tsv"
fails_with 2 "-T: give the workbook's title" "no -T: exit 2" \
	sg-book -o a.xlsx "$B/kpi.tsv"
fails_with 2 "give at least one table" "no table: exit 2" sg-book -o a.xlsx -T T
fails_with 2 "--format: expected xlsx or ods, not 'xls'" "-f xls: exit 2" \
	sg-book -o a.xlsx -T T -f xls "$B/kpi.tsv"
fails_with 2 "-f: give xlsx or ods \\(the name 'a.txt' does not say\\)" \
	"a name that says no format: exit 2" sg-book -o a.txt -T T "$B/kpi.tsv"
fails_with 2 "-d: not an ISO date \\(YYYY-MM-DD\\): '2024-02-30'" "an impossible -d: exit 2" \
	sg-book -o a.xlsx -T T -d 2024-02-30 "$B/kpi.tsv"
fails_with 2 "-z: a workbook is a zip file already" "-z: exit 2" \
	sg-book -z -o a.xlsx -T T "$B/kpi.tsv"
fails_with 2 "more -t or -n than tables \\(1\\)" "more titles than tables: exit 2" \
	sg-book -o a.xlsx -T T -t A -t B "$B/kpi.tsv"
fails_with 2 "sheet name 'a/b' holds a character a sheet name cannot" \
	"a / in a sheet name: exit 2" sg-book -o a.xlsx -T T -n a/b "$B/kpi.tsv"
fails_with 2 "sheet name 'notes' is the workbook's own" \
	"a table named Notes: exit 2" sg-book -o a.xlsx -T T -n notes "$B/kpi.tsv"
fails_with 2 "sheet name '12345678901234567890123456789012' is over 31 characters" \
	"a 32-character sheet name: exit 2" sg-book -o a.xlsx -T T \
	-n 12345678901234567890123456789012 "$B/kpi.tsv"
fails_with 2 "two tables would share the sheet name 'kpi'" \
	"the same file twice: exit 2" sg-book -o a.xlsx -T T "$B/kpi.tsv" "$B/kpi.tsv"
# Excel holds two columns of a table, or two sheets, whose names differ
# only in case as one: it "repairs" the file, renaming a column or
# dropping a table.
printf 'n\tTotal\ttotal\nA\t1\t2\n' >case.tsv
fails_with 1 "case.tsv:1: columns 'Total' and 'total' differ only in case, which an Excel table cannot hold" \
	"two columns whose names differ only in case: exit 1" sg-book -o a.xlsx -T T case.tsv
printf 'n\t\303\204rea\t\303\244REA\nA\t1\t2\n' >case2.tsv
fails_with 1 "case2.tsv:1: columns 'Ärea' and 'äREA' differ only in case" \
	"and so in letters beyond ASCII" sg-book -o a.ods -T T case2.tsv
fails_with 2 "two tables would share the sheet name 'ärea'" \
	"two sheet names that differ only in case beyond ASCII: exit 2" \
	sg-book -o a.xlsx -T T -n Ärea -n ärea "$B/kpi.tsv" "$B/mixed.tsv"
# LibreOffice, as Excel, holds 16,384 columns and 1,048,576 rows a sheet,
# and drops the rest of an .ods without a word when it opens it (7.4:
# a 16,390-column table came back with 16,384).  A table's sheet has
# its title, a line and the header above the rows.
awk 'BEGIN { OFS = "\t"; for (r = 0; r < 2; r++) { s = r ? "A" : "n"
	for (i = 1; i < 16384; i++) s = s OFS (r ? i : "c" i); print s } }' >cols16384.tsv
awk 'BEGIN { OFS = "\t"; for (r = 0; r < 2; r++) { s = r ? "A" : "n"
	for (i = 1; i < 16385; i++) s = s OFS (r ? i : "c" i); print s } }' >cols16385.tsv
awk 'BEGIN { print "n\tv"; for (i = 0; i < 1048574; i++) print "a\t1" }' >rows.tsv
for f in xlsx ods; do
	fails_with 1 "rows: 1048574 rows of 2 columns do not fit in a sheet" \
		"1,048,574 rows do not fit in an .$f (three lines above them): exit 1" \
		sg-book -o a.$f -T R rows.tsv
	runs_ok "16,384 columns fit in an .$f" sg-book -o wide.$f -T W cols16384.tsv
	fails_with 1 "cols16385: 1 rows of 16385 columns do not fit in a sheet \\(at most 1,048,573 rows of 16,384\\)" \
		"16,385 do not: exit 1" sg-book -o a.$f -T W cols16385.tsv
done
fails_with 2 "--text: no table has a column 'kpl'" "a --text typo: exit 2" \
	sg-book -o a.xlsx -T T --text kpl "$B/kpi.tsv"
fails_with 1 "empty.tsv: the table has no rows" "a header-only table: exit 1" \
	sg-book -o a.xlsx -T T "$B/empty.tsv"
fails_with 1 "duphead.tsv:1: a: duplicate column name: 'a'" "two columns of one name: exit 1" \
	sg-book -o a.xlsx -T T "$B/duphead.tsv"
fails_with 1 "nosuch.tsv" "a missing table: exit 1" \
	sg-book -o a.xlsx -T T nosuch.tsv
printf 'a\tb\nx\tbell\\n\a\n' >ctl.tsv
fails_with 1 "ctl: a cell holds control character 0x07, which an .ods cannot store" \
	"a control character in an .ods: exit 1, named" sg-book -o a.ods -T T ctl.tsv
ok "$([ ! -e a.xlsx ] && [ ! -e a.ods ]; echo $?)" "nothing is written after an error"
is "$(ls -a | grep -c '^\.sg-')" 0 "and no temporary file is left"
printf 'a\tb\nx\t1\n' | sg-book -o s.ods -T S -d 2024-01-01 -
is "$(unzip -p s.ods content.xml | grep -o 'table:name="[^"]*"' | tr '\n' ' ')" \
	'table:name="Cover" table:name="Contents" table:name="Table_1" ' \
	"standard input is the sheet Table_1; no Notes sheet without notes or symbols"

done_testing
