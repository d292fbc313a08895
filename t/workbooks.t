#!/bin/bash
# workbooks.t: the pipelines' workbooks (issue 17, items 5 and 6).  Every
# pipeline publishes NAME.xlsx and NAME.ods beside its page, holding
# exactly the tables the page renders; annual-report's holds every table
# of the report, for publication and in the restricted board version
# (-s none).  Each workbook is read back by a real client, LibreOffice
# headless (every sheet to CSV), and by sg-import --sheet, and every cell
# is compared with the published TSV; the Cover, the document properties
# and the publishing rules (modes kept, nothing published by a failed
# run) are checked too.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

P=$SG_SRC/pipelines
export SG_BIN=$SG_BUILD/tools
# The date produced, on the Cover and in the properties: 2 April 2024.
export SOURCE_DATE_EPOCH=1712016000

# The tables of each workbook, in order: what each page renders (a sheet
# named after its TSV), written down here rather than read from the
# pipelines.
kpi="kpi-scorecard"
police="police-missing police-safety police-cse police-child-protection"
csc="csc-contacts csc-cp-plans"
adults="adult-concerns adult-enquiries"
bench="benchmark-cin benchmark-referrals benchmark-rereferrals benchmark-cpp benchmark-cpp2y"
declare -A sheets=(
	[kpi-scorecard]="$kpi"
	[police-rolling]="$police"
	[childrens-social-care]="$csc"
	[adult-safeguarding]="$adults"
	[benchmark]="$bench"
	[annual-report]="$kpi $police $csc $adults $bench"
)
books="kpi-scorecard police-rolling childrens-social-care adult-safeguarding benchmark annual-report"

# compare GOT TSV QUOTED: the sheet GOT, read back (the table's header
# first), against the published TSV, cell by cell; prints each difference
# (nothing when they agree).  QUOTED=1: GOT is LibreOffice's CSV with
# every text cell quoted, so a number must come back unquoted, a number
# cell.  The rules are sg-book(1)'s: a column whose every cell (after the
# header, the first column aside) is a number or a symbol holds numbers,
# and its symbols are text [c], [x] (also for an empty cell), [z], [u],
# [low]; anything else is text as written.
compare() {
	awk -F'\t' -v tsv="$2" -v quoted="$3" '
	function isnum(s) { return s ~ /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/ }
	function issym(s) { return s ~ /^(c|x|z|u|low)?$/ }
	function bad(what) { print "row " r ", column " c " (" want[1, c] "): " what; nbad++ }
	BEGIN {
		while ((getline line < tsv) > 0) {
			n++
			nf[n] = split(line, f, "\t")
			for (i = 1; i <= nf[n]; i++)
				want[n, i] = f[i]
		}
		for (c = 2; c <= nf[1]; c++) {
			nums = 0; other = 0
			for (r = 2; r <= n; r++)
				if (isnum(want[r, c]))
					nums++
				else if (!issym(want[r, c]))
					other = 1
			numeric[c] = nums > 0 && !other
		}
	}
	{
		r = ++got
		if (NF != nf[1]) {
			print "row " r ": " NF " cells, the table has " nf[1]
			nbad++
			next
		}
		for (c = 1; c <= NF; c++) {
			g = $c; text = 1
			if (quoted) {
				if (g ~ /^".*"$/) {
					g = substr(g, 2, length(g) - 2)
					gsub(/""/, "\"", g)
				} else
					text = 0
			}
			w = want[r, c]
			if (r > 1 && numeric[c] && isnum(w)) {
				if (quoted && text)
					bad("the number " w " came back as text")
				else if (!isnum(g) || g + 0 != w + 0)
					bad("expected the number " w ", found \"" g "\"")
			} else if (r > 1 && numeric[c] && issym(w)) {
				if (g != "[" (w == "" ? "x" : w) "]" || !text)
					bad("expected the symbol [" (w == "" ? "x" : w) "], found \"" g "\"")
			} else if (g != w || !text)
				bad("expected the text \"" w "\", found \"" g "\"" (text ? "" : " (a number)"))
		}
	}
	END {
		if (got != n)
			print got " rows (header included), the table has " n
	}' "$1"
}

# check DIR WHAT: every workbook in DIR, every table sheet of it, read back
# by sg-import and (when LO is set) from LibreOffice's CSV in $LODIR,
# against DIR's TSV of the sheet.
check() {
	local dir=$1 what=$2 b fmt s diffs
	for b in $books; do
		for fmt in xlsx ods; do
			run sg-import --list-sheets "$dir/$b.$fmt"
			is "$(echo $out)" "Cover Contents Notes ${sheets[$b]}" \
				"$what $b.$fmt: the Cover, Contents, Notes and the page's tables, in order"
			diffs=
			for s in ${sheets[$b]}; do
				diffs+=$(sg-import --sheet "$s" --skip 2 "$dir/$b.$fmt" >got.tsv 2>&1 &&
					compare got.tsv "$dir/$s.tsv" 0 | sed "s/^/$s: /" | head -5 ||
					echo "$s: sg-import fails: $(cat got.tsv)")
			done
			is "$diffs" "" "$what $b.$fmt: sg-import --sheet gives back every cell of the published TSVs"
			if [ -z "$LO" ]; then
				skip "$what $b.$fmt: LibreOffice gives back every cell" "$LO_WHY"
				continue
			fi
			diffs=
			for s in ${sheets[$b]}; do
				f=$LODIR/$dir-$b-$fmt-$s.csv
				if [ ! -s "$f" ]; then
					diffs+="$s: LibreOffice wrote no $f; "
					continue
				fi
				diffs+=$(tail -n +3 "$f" | tr -d '\r' >got.csv &&
					compare got.csv "$dir/$s.tsv" 1 | sed "s/^/$s: /" | head -5)
			done
			is "$diffs" "" "$what $b.$fmt: LibreOffice gives back every cell, numbers as numbers"
		done
	done
}

# The inputs under a path that names a user and a host: none of it may
# reach a workbook.
mkdir -p home-ann/vm-ann-laptop
cp -r "$SAMPLES" home-ann/vm-ann-laptop/returns-2024
IN=$TMP/home-ann/vm-ann-laptop/returns-2024
runs_ok "annual-report runs for publication" "$P/annual-report" -i "$IN" -o pub
like "$err" "annual-report: ok: 37 files written to pub" "and publishes 37 files"
runs_ok "annual-report runs as the restricted board version (-s none)" \
	"$P/annual-report" -i "$IN" -o board -s none

# LibreOffice: one run converts every workbook of both versions, each
# sheet to a CSV of its own (filter option 12 = -1, LibreOffice 7.2 or
# later), every text cell quoted (option 7), values not as shown (option
# 9: 1043, not 1,043), in a private profile.
LO=$(command -v soffice || command -v libreoffice || true)
LO_WHY=
if [ -z "$LO" ]; then
	LO_WHY="LibreOffice (soffice) is not installed"
else
	v=$(HOME=$TMP/lo "$LO" --version 2>/dev/null | awk '{ print $2; exit }')
	if [ -n "$v" ] && ! printf '%s\n' "$v" | awk -F. '{ exit !($1 > 7 || ($1 == 7 && $2 >= 2)) }'; then
		LO_WHY="LibreOffice $v is older than 7.2 (no sheet-by-sheet CSV)"
		LO=
	fi
fi
LODIR=$TMP/csv
if [ -n "$LO" ]; then
	mkdir -p lo/in
	for d in pub board; do
		for b in $books; do
			for fmt in xlsx ods; do
				cp "$d/$b.$fmt" "lo/in/$d-$b-$fmt.$fmt"
			done
		done
	done
	HOME=$TMP/lo timeout 300 "$LO" -env:UserInstallation="file://$TMP/lo/profile" \
		--headless --convert-to 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,true,true,false,false,false,-1' \
		--outdir "$LODIR" lo/in/* >lo/log 2>&1
	# LibreOffice present but converting nothing is a failure (each sheet
	# below says so), not a skip: it may be the workbooks it cannot read.
	ls "$LODIR"/*.csv >/dev/null 2>&1 ||
		echo "# LibreOffice converted nothing: $(tail -3 lo/log | tr '\n' ' ')"
fi

check pub "published"
check board "board"

# The comparison itself finds what it is there to find.
printf 'measure\tcurrent\tChg\nA\t1043\t-5.3\nB\tc\tc\nC\t7\t\n' >t.tsv
printf '"measure"\t"current"\t"Chg"\n"A"\t1043\t-5.3\n"B"\t"[c]"\t"[c]"\n"C"\t7\t"[x]"\n' >t.csv
is "$(compare t.csv t.tsv 1)" "" "compare: the same cells agree"
sed -e 's/\t1043\t/\t"1043"\t/' -e 's/"\[c\]"\t"\[c\]"/"c"\t"[c]"/' -e 's/^"C"\t7/"C"\t7.1/' t.csv >bad.csv
is "$(compare bad.csv t.tsv 1)" "row 2, column 2 (current): the number 1043 came back as text
row 3, column 2 (current): expected the symbol [c], found \"c\"
row 4, column 2 (current): expected the number 7, found \"7.1\"" \
	"compare: a number as text, a bare symbol and a changed figure are each found"
head -3 t.csv >short.csv
is "$(compare short.csv t.tsv 1)" "3 rows (header included), the table has 4" "compare: a lost row is found"

# --- what the workbook says about itself ----------------------------------
# cover BOOK: the Cover's items, as "item=detail|".
cover() {
	sg-import --sheet Cover --skip 2 "$1" | tail -n +2 | cut -f 1,2 | tr '\t\n' '=|'
}
is "$(cover pub/annual-report.xlsx)" \
	"Period covered=Year to 2024-03-31|Source=returns-2024|Suppression=dfe: counts from 1 to 5 are suppressed and shown [c], with other cells where needed so that none can be worked out from the totals|Date produced=2024-04-02|Contents=The Contents sheet lists every table, with a link to it.|Notes=The Notes sheet gives the notes and the meaning of the symbols in the tables.|" \
	"the Cover gives the period, the data set (not its path), the profile and the date"
is "$(cover board/annual-report.ods | cut -d'|' -f3)" \
	"Suppression=none: small numbers are not suppressed. RESTRICTED: not for publication" \
	"the board version's Cover says that it is not suppressed and not for publication"
if [ -n "$LO" ]; then
	is "$(head -1 "$LODIR/pub-annual-report-xlsx-Cover.csv" | cut -f1)" \
		'"Safeguarding partnership annual report: data appendices, year to 2024-03-31"' \
		"the title is the Cover's A1"
	is "$(head -1 "$LODIR/board-annual-report-ods-Cover.csv" | cut -f1)" \
		'"RESTRICTED, not for publication: Safeguarding partnership annual report: data appendices, year to 2024-03-31"' \
		"and the board version's title says it is restricted, as its page does"
else
	skip "the title is the Cover's A1" "$LO_WHY"
	skip "and the board version's title says it is restricted" "$LO_WHY"
fi
is "$(cover pub/benchmark.xlsx | cut -d'|' -f1,3)" \
	"Period covered=Years ending 31 March, 2020 to 2024|Suppression=as DfE publishes the figures ([c] suppressed by DfE); sg suppresses nothing further" \
	"benchmark's Cover: the five years to the report's year, suppressed by DfE"

# The tables of the workbook are the tables of the page: each title on the
# Contents sheet is a caption of annual-report.html.
captions=$(grep -o '<caption>[^<]*' pub/annual-report.html | sed -e 's/<caption>//' \
	-e "s/&#39;/'/g" -e 's/&amp;/\&/g' | sort)
titles=$(sg-import --sheet Contents --skip 2 pub/annual-report.xlsx | tail -n +2 | cut -f2 | sort)
is "$titles" "$captions" "each table's title is its caption on the page (14 tables)"
is "$(sg-import --sheet Notes --skip 2 pub/annual-report.ods | grep -c 'kpi-scorecard: .*R Red.*A Amber.*G Green.*B Blue')" 1 \
	"the Notes give the RAG ratings in words, once"

# Nothing local in any workbook, its document properties included (read
# unzipped: deflated bytes would hide a path).
if command -v unzip >/dev/null; then
	leaks=
	for f in pub/*.xlsx pub/*.ods board/*.xlsx board/*.ods; do
		leaks+=$(unzip -p "$f" | grep -aoE "$TMP|home-ann|vm-ann|$(id -un)@|@$(hostname)" | sort -u | sed "s|^|$f: |")
		leaks+=$(unzip -p "$f" docProps/core.xml meta.xml 2>/dev/null |
			grep -aoE '<(dc:creator|cp:lastModifiedBy|meta:initial-creator)>[^<]+' | sed "s|^|$f: |")
	done
	is "$leaks" "" "no path, user or host name in any workbook, nor an author in its properties"
	n=$(unzip -p pub/annual-report.xlsx docProps/core.xml | grep -c '<dc:title>Safeguarding partnership annual report')
	is "$n" 1 "the properties do hold the title (so the check above reads them)"
else
	skip "no path, user or host name in any workbook" "unzip is not installed"
fi

# --- published as the other outputs are ------------------------------------
cp -r "$SAMPLES" in
rm -rf in/official
runs_ok "annual-report runs without DfE's files" "$P/annual-report" -i in -o keep
like "$err" "no official/ in in \(DfE's files\): the report is made without How we compare" \
	"and says that How we compare is left out"
is "$(sg-import --list-sheets keep/annual-report.xlsx | paste -sd' ')" \
	"Cover Contents Notes $kpi $police $csc $adults" "and its workbook has the other tables"
runs_ok "police-rolling publishes its workbooks" "$P/police-rolling" -i in -o modes
chmod 600 modes/police-rolling.xlsx
chmod 640 modes/police-rolling.ods
runs_ok "and publishes them again" "$P/police-rolling" -i in -o modes
is "$(stat -c %a modes/police-rolling.xlsx) $(stat -c %a modes/police-rolling.ods)" "600 640" \
	"a published workbook keeps its mode (0600 stays 0600, 0640 stays 0640)"
# A workbook that cannot be written stops the run before anything is
# published: sg-book here fails as on a full disk.
mkdir fakebin
ln -s "$SG_BUILD"/tools/sg-* fakebin/
rm fakebin/sg-book
printf '#!/bin/sh\necho "sg-book: out.xlsx: No space left on device" >&2\nexit 1\n' >fakebin/sg-book
chmod +x fakebin/sg-book
sum0=$(cat modes/*.* | md5sum)
SG_BIN=$TMP/fakebin fails_with 1 "police-rolling: FAILED \(exit 1\) while writing the workbooks police-rolling.xlsx and police-rolling.ods" \
	"a workbook that cannot be written stops the run, naming the stage" \
	"$P/police-rolling" -i in -o modes
like "$err" "sg-book: out.xlsx: No space left on device" "after sg-book's own message"
is "$(cat modes/*.* | md5sum)" "$sum0" "and nothing is published: tables, page and workbooks stay as they were"
sum1=$(cat keep/*.xlsx keep/*.ods | md5sum)
printf 'CR99999999,crime,31/02/2024,N,18+,N,N,N,N,N,N,N,N\n' >>in/police/crimes.csv
fails_with 1 "annual-report: FAILED" "a bad date in the police extract stops the report" \
	"$P/annual-report" -i in -o keep
is "$(cat keep/*.xlsx keep/*.ods | md5sum)" "$sum1" "and no workbook is replaced"
is "$(ls -A keep | grep -v '^\.sg-lock$' | grep -c '^\.')" 0 "and no work or temporary file is left"

done_testing
