# 12-charts: the police chart put its 16 measures on one axis with labels
# turned 45 degrees and cut at 24 characters with an ellipsis, so a board
# member could not tell "Number of Child Protection Crimes for ..." apart.
# Now a chart whose categories do not fit under a vertical axis lays its
# bars (or lines) across, with every label whole, wrapped onto lines.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)

# readable SVG MEASURES: prints what is wrong with the chart, nothing if
# it parses, every measure is the whole text of one <text> element, no
# text is turned and none is cut.
readable() {
	"$PY" - "$1" "$2" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
svg = "{http://www.w3.org/2000/svg}"
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as e:
    print("does not parse:", e); sys.exit(0)
texts = []
def walk(e, turned):
    turned = turned or "rotate" in e.get("transform", "")
    if e.tag == svg + "text":
        t = "".join(e.itertext())
        texts.append(t)
        if turned:
            print("turned:", t)
        if "\u2026" in t or "..." in t:
            print("cut:", t)
    for c in e:
        walk(c, turned)
walk(root, False)
for m in open(sys.argv[2], encoding="utf-8").read().splitlines():
    if m not in texts:
        print("not whole:", m)
PYEOF
}

if [ -z "$PY" ]; then
	skip "the police chart's labels" "no python3"
else
	runs_ok "police-rolling runs" "$P/police-rolling" -o out
	for t in missing safety cse child-protection; do
		tail -n +2 "out/police-$t.tsv" | cut -f 1
	done >measures.txt
	is "$(wc -l <measures.txt)" 16 "the police tables have 16 measures"
	is "$(readable out/police-rolling.svg measures.txt)" "" \
		"the police chart parses and shows all 16 measures whole, none turned or cut"
	# The same chart as lines stays readable too.
	{ printf 'measure\tcurrent\tprevious\n'
	  for t in missing safety cse child-protection; do
		tail -n +2 "out/police-$t.tsv" | cut -f 1-3
	  done; } >chart.tsv
	"$SG_BIN/sg-chart" -t line -x measure -y current,previous chart.tsv >line.svg
	is "$(readable line.svg measures.txt)" "" \
		"as a line chart, too, every measure is whole, none turned or cut"
fi
