#!/bin/bash
# print.t: printed board papers lose nothing (issue 14, item 11).  Every
# pipeline's HTML, as annual-report publishes it from the samples, is printed
# to PDF on A4 by headless Chromium; every column heading and every row label
# of every table the pipeline published as TSV must be in the PDF's text.
# Chromium clips a table wider than the page, so a lost column shows here.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

P=$SG_SRC/pipelines
export SG_BIN=$SG_BUILD/tools

chrome=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$c
		break
	fi
done
if [ -z "$chrome" ]; then
	skip "print to PDF" "no chromium on PATH"
	done_testing
fi
if ! command -v pdftotext >/dev/null 2>&1; then
	skip "print to PDF" "no pdftotext (poppler-utils)"
	done_testing
fi

# pdf HTML PDF: print HTML on A4 as a board member would.  Chromium wants
# --no-sandbox as root, and a home it can write to.
pdf() {
	HOME=$TMP "$chrome" --headless --no-sandbox --disable-gpu \
		--no-pdf-header-footer --print-to-pdf="$2" "$1" >/dev/null 2>&1
}

# labels TSV: the column headings (less rating companions) and the row
# labels of a published table, one a line, with the stream's escapes undone
# and the HTML's &amp; as the reader sees it.
labels() {
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++)
			if ($i !~ /\.rag$/) print $i
		next }
	{ print $1 }' "$1" | sed 's/\\t/ /g; s/\\\\/\\/g'
}

# present TEXT LABELS: the labels not in TEXT, whitespace aside (a heading
# wraps onto two lines in a narrow column).
missing() {
	local flat l
	flat=$(tr -d ' \t\n\f' <"$1")
	while IFS= read -r l; do
		l=$(printf '%s' "$l" | tr -d ' \t')
		[ -n "$l" ] || continue
		case $flat in
		*"$l"*) ;;
		*) printf '%s\n' "$l" ;;
		esac
	done <"$2"
}

runs_ok "annual-report runs on the samples" "$P/annual-report" -o out

# Each page and the tables it holds (kpi-returns.tsv is the long form the
# scorecard is built from, published as data only).
check() {
	local html=$1 t tsvs
	shift
	tsvs=$*
	if ! pdf "out/$html.html" "$html.pdf" || ! [ -s "$html.pdf" ]; then
		ok 1 "$html: Chromium prints it to PDF"
		return
	fi
	ok 0 "$html: Chromium prints it to PDF"
	pdftotext -raw "$html.pdf" "$html.txt"
	for t in $tsvs; do
		labels "out/$t" >"$t.labels"
		is "$(missing "$html.txt" "$t.labels" | head -5)" "" \
			"$html: every heading and row label of $t is on paper"
	done
}
check kpi-scorecard kpi-scorecard.tsv
check adult-safeguarding adult-concerns.tsv adult-enquiries.tsv
check childrens-social-care csc-contacts.tsv csc-cp-plans.tsv
check police-rolling police-missing.tsv police-safety.tsv police-cse.tsv \
	police-child-protection.tsv
check annual-report kpi-scorecard.tsv adult-concerns.tsv adult-enquiries.tsv \
	csc-contacts.tsv csc-cp-plans.tsv police-missing.tsv police-safety.tsv \
	police-cse.tsv police-child-protection.tsv

# A very wide table of long one-word headings: 40 columns must still all
# reach the paper (headings then break inside words).
awk 'BEGIN { OFS = "\t"; printf "area"
	for (i = 1; i <= 40; i++) printf "\tSafeguardingMeasure%02d", i
	print ""
	for (r = 1; r <= 3; r++) { printf "Locality%d", r
		for (i = 1; i <= 40; i++) printf "\t%d", 100000 * r + i
		print "" } }' >wide.tsv
runs_ok "sg-render -f html renders a 41-column table" \
	sg-render -f html -t "Wide" -o wide.html wide.tsv
if pdf wide.html wide.pdf; then
	pdftotext -raw wide.pdf wide.txt
	labels wide.tsv >wide.labels
	is "$(missing wide.txt wide.labels | head -5)" "" \
		"41 columns: every heading and row label is on paper"
	like "$(pdftotext -raw wide.pdf - | tr -d ' \n\f')" '300040$' \
		"and the last column's figures"
else
	ok 1 "wide.html: Chromium prints it to PDF"
fi

# A wide table goes on a landscape page; the rest stay portrait.
if command -v pdfinfo >/dev/null 2>&1; then
	like "$(pdfinfo -f 1 -l 99 kpi-scorecard.pdf)" 'size: +841.92 x 594.96' \
		"the 17-agency scorecard prints on A4 landscape"
else
	skip "landscape page" "no pdfinfo (poppler-utils)"
fi

done_testing
