# 11-print: printed on A4 from Chromium, the annual report's KPI agency x
# KPI table lost every column after the fifth agency, and it overflowed a
# 1280 px screen.  Now a wide table scrolls in its own box on screen and
# prints on a landscape page held to the page width.
# The samples' annual report, made once by 00-baseline (made here when
# this case runs alone).
if [ -d "$TMP/00-baseline/out" ]; then
	ln -s "$TMP/00-baseline/out" out
else
	runs_ok "annual-report runs" "$P/annual-report" -o out
fi
like "$(grep -c 'class="sg-wrap sg-wide"' out/annual-report.html)" '^[1-9]' \
	"the wide tables sit in a scroll box that prints landscape"
if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1
then
	HOME=$PWD chromium --headless --no-sandbox --disable-gpu \
		--print-to-pdf=ar.pdf out/annual-report.html >/dev/null 2>&1
	pdftotext -raw ar.pdf - | tr -d ' \n\f' >ar.txt
	lost=
	for a in $(head -1 out/kpi-scorecard.tsv | tr '\t' '\n' |
	    grep -v '\.rag$' | tr -d ' ' | sed 's/&/\&/'); do
		grep -qF -- "$a" ar.txt || lost="$lost $a"
	done
	is "$lost" "" "every agency of the KPI table is on the printed page"
else
	skip "the KPI table on paper" "no chromium or pdftotext"
fi
