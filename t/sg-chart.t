#!/bin/bash
# sg-chart: self-contained, accessible SVG line and bar charts.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

Q=$DATA/chart/quarters.tsv
XMLLINT=$(command -v xmllint || true)

# Well-formed XML, checked with a real parser (libxml2's xmllint).
wellformed() {	# FILE NAME
	if [ -n "$XMLLINT" ]; then
		"$XMLLINT" --noout "$1" 2>xmllint.err
		ok $? "$2"
		[ -s xmllint.err ] && sed 's/^/#   /' xmllint.err | head -5
	else
		skip "$2" "xmllint (libxml2-utils) not installed"
	fi
}

# The y tick labels of an SVG, in order from the bottom.
yticks() {
	grep -o 'text-anchor="end" dominant-baseline="middle">[^<]*' "$1" |
	    sed 's/.*>//' | tr '\n' ' '
}

# ---- help, version, bad command lines --------------------------------
runs_ok "-h exits 0" sg-chart -h
like "$out" '^usage: sg-chart -x COL -y COLS \[-t line\|bar\]' "-h prints the usage"
runs_ok "-V exits 0" sg-chart -V
fails_with 2 "sg-chart: -x COL is required" "-x is required" sg-chart -y Contacts "$Q"
fails_with 2 "sg-chart: -y COLS is required" "-y is required" sg-chart -x quarter "$Q"
fails_with 2 "sg-chart: --type: expected line or bar, not 'pie'" "an unknown type is a usage error" \
    sg-chart -t pie -x quarter -y Contacts "$Q"
fails_with 2 "sg-chart: --width: 50 is out of range" "a tiny width is a usage error" \
    sg-chart -W 50 -x quarter -y Contacts "$Q"
fails_with 2 "sg-chart: --id: not a letter" "an id that XML cannot hold is a usage error" \
    sg-chart -i '1"x' -x quarter -y Contacts "$Q"
fails_with 2 "-y.*Nope" "an unknown column is a usage error naming it" \
    sg-chart -x quarter -y Nope "$Q"
like "$err" "Contacts" "the usage error lists the columns that exist"
fails_with 2 "Try 'sg-chart --help'" "an unknown option is a usage error" \
    sg-chart --bogus -x quarter -y Contacts "$Q"
printf 'q\tv\nQ1\t5\nQ2\tmany\n' >bad.tsv
fails_with 1 "sg-chart: bad.tsv:3: v: not a number or a symbol: 'many'" \
    "a value that is not a number or symbol is a data error" sg-chart -x q -y v bad.tsv

# ---- a line chart of three series with gaps --------------------------
runs_ok "a line chart" sg-chart -x quarter -y Contacts,Referrals,Assessments \
    -T 'Contacts & referrals' -X 'Quarter' -Y 'Number' "$Q"
printf '%s\n' "$out" >line.svg
wellformed line.svg "the line chart is well-formed XML"
like "$out" '^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"' \
    "a standalone SVG with a viewBox (640 x 360 by default)"
id=$(sed -n 's/.*aria-labelledby="\([^ ]*\)-title \1-desc".*/\1/p' line.svg)
like "$id" '^sg-chart-[0-9a-f]{8}$' "role=img, aria-labelledby names the title and desc"
like "$out" 'role="img"' "the SVG has role=img"
like "$out" "<title id=\"$id-title\">Contacts &amp; referrals</title>" \
    "<title> holds the title, escaped"
like "$out" "<desc id=\"$id-desc\">Line chart of Contacts, Referrals and Assessments by quarter, 8 points from 2022-23 Q1 to 2023-24 Q4\\. Contacts: lowest 980 \\(2022-23 Q2\\), highest 1300 \\(2023-24 Q4\\), last 1300 \\(2023-24 Q4\\); 1 missing\\." \
    "<desc> summarises the series for screen readers"
unlike "$out" '(href|src)=|@import|url\(http' "no external assets"
# 980 to 1300 from 0: a fifth of 1300 is 260, nearest nice step 200.
is "$(yticks line.svg)" "0 200 400 600 800 1,000 1,200 1,400 " \
    "y ticks: steps of 200 from 0, thousands separated"
# Contacts has a gap at 2023-24 Q2 (empty), Referrals at 2022-23 Q4 (c),
# Assessments at 2022-23 Q2 (x): each line is two pieces.
paths=$(grep -o '<path class="line" d="[^"]*"' line.svg)
is "$(printf '%s\n' "$paths" | sed -n 1p | grep -o M | wc -l)" 2 \
    "Contacts: the empty value is a gap (two pieces)"
is "$(printf '%s\n' "$paths" | sed -n 2p | grep -o M | wc -l)" 2 "Referrals: c is a gap"
is "$(printf '%s\n' "$paths" | sed -n 3p | grep -o M | wc -l)" 2 "Assessments: x is a gap"
is "$(printf '%s\n' "$paths" | sed -n 1p | grep -o '[ML]' | wc -l)" 7 \
    "Contacts: 7 of 8 points on the line"
is "$(grep -c 'class="point"' line.svg)" 21 "a marker for each of the 21 values"
like "$out" '<title>Contacts, 2022-23 Q4: 1043</title>' "each marker has a tooltip"
is "$(grep -o 'stroke-dasharray="[^"]*"' line.svg | sort -u | wc -l)" 2 \
    "the second and third series have their own dash patterns"
like "$(grep 'class="point"' line.svg | sed -n 1p)" '^<circle' "series 1 marks with circles"
like "$(grep 'class="point"' line.svg | sed -n 8p)" '^<rect' "series 2 marks with squares"
like "$(grep 'class="point"' line.svg | sed -n 15p)" '^<path' "series 3 marks with triangles"
is "$(sed -n '/<g class="legend">/,/<\/g>/p' line.svg | grep -c '<text')" 3 \
    "a legend of three entries"
like "$out" 'transform="rotate\(-90[^>]*>Number</text>' "the y label, turned"
like "$out" '>Quarter</text>' "the x label"

# Coordinates: the plot runs from the first tick (0) to the last (1,400),
# so a value of 700 is exactly halfway between the y of 0 and 1,400.
y0=$(grep -o 'dominant-baseline="middle">0<' line.svg >/dev/null &&
    sed -n 's/.*<path d="M[0-9.]* \([0-9.]*\)H[^>]*>.*>0<\/text>$/\1/p' line.svg | head -1)
y14=$(sed -n 's/.*<path d="M[0-9.]* \([0-9.]*\)H[^>]*>.*>1,400<\/text>$/\1/p' line.svg | head -1)
printf 'q\tv\nA\t700\nB\t1400\n' >half.tsv
sg-chart -x q -y v half.tsv >half.svg
hy0=$(sed -n 's/.*<path d="M[0-9.]* \([0-9.]*\)H[^>]*>.*>0<\/text>$/\1/p' half.svg | head -1)
hy14=$(sed -n 's/.*<path d="M[0-9.]* \([0-9.]*\)H[^>]*>.*>1,400<\/text>$/\1/p' half.svg | head -1)
hv=$(grep -o '<path class="line" d="M[0-9.]* [0-9.]*' half.svg | sed 's/.* //')
is "$(awk -v a="$hy0" -v b="$hy14" -v v="$hv" 'BEGIN { d = (a + b) / 2 - v; print (d < 0.11 && d > -0.11) ? "yes" : "no " a " " b " " v }')" \
    yes "700 is drawn halfway between 0 and 1,400"
[ -n "$y0" ] && [ -n "$y14" ]
ok $? "the tick lines of 0 and 1,400 are found"

# ---- nice ticks --------------------------------------------------------
# A case a line: the values of rows A, B, ... (written to tN.tsv), the
# options, the y ticks wanted (each followed by a space) and the test's name.
n=0
while IFS='|' read -r values opts want name; do
	n=$((n + 1))
	printf 'q\tv\n' >"t$n.tsv"
	row=A
	for v in $values; do
		printf '%s\t%s\n' "$row" "$v" >>"t$n.tsv"
		row=B
	done
	# $opts is zero or more words.
	sg-chart $opts -x q -y v "t$n.tsv" >"t$n.svg"
	is "$(yticks "t$n.svg")" "$want" "$name"
done <<'EOF'
98 105||0 20 40 60 80 100 120 |105: steps of 20 up to 120
178 282||0 50 100 150 200 250 300 |282: steps of 50 up to 300
1603|-t bar|0 500 1,000 1,500 2,000 |1603: steps of 500 up to 2,000
0.12 0.37||0.0 0.1 0.2 0.3 0.4 |0.37: steps of 0.1, one decimal place
-3 7|-t bar|-4 -2 0 2 4 6 8 |-3 to 7: steps of 2 across zero
92 108|-Z|90 95 100 105 110 |--no-zero fits the line chart's axis to 92-108
5 5|-Z|4.4 4.6 4.8 5.0 5.2 5.4 5.6 |--no-zero with one value: 10% either side, in nice steps
EOF
sg-chart -Z -t bar -x q -y v t6.tsv >t6b.svg
like "$(yticks t6b.svg)" '^0 ' "bars start at 0 even with --no-zero"

# ---- a bar chart ---------------------------------------------------------
runs_ok "a bar chart" sg-chart -t bar -x quarter -y Contacts,Referrals,Assessments "$Q"
printf '%s\n' "$out" >bar.svg
wellformed bar.svg "the bar chart is well-formed XML"
is "$(grep -c '<rect class="bar"' bar.svg)" 21 "a bar for each of the 21 values"
is "$(grep -c 'class="gap"' bar.svg)" 3 "3 missing bars, each marked"
like "$(grep 'class="gap"' bar.svg | tr '\n' ' ')" '>x</text>.*>c</text>.*>x</text>' \
    "a missing bar shows its symbol (empty as x)"
like "$out" "<pattern id=\"sg-chart-[0-9a-f]{8}-p1\"" "bars of series 2 have a fill pattern"
like "$out" 'fill="url\(#sg-chart-[0-9a-f]{8}-p2\)"' "bars of series 3 use another pattern"
like "$out" '<title id="[^"]*">Bar chart of Contacts, Referrals and Assessments by quarter</title>' \
    "without -T the <title> says what the chart is"
unlike "$out" 'font-weight="bold"' "without -T no visible title"
# Heights are proportional: 1300 against an axis to 1,400.
h=$(grep -o '<rect class="bar"[^>]*' bar.svg | sed -n 14p | sed 's/.*height="\([0-9.]*\)".*/\1/')
hmax=$(grep -o '<rect class="bar"[^>]*' bar.svg | sed -n 7p | sed 's/.*height="\([0-9.]*\)".*/\1/')
is "$(awk -v a="$h" -v b="$hmax" 'BEGIN { r = a / b * 1300; print (r > 505 && r < 515) ? "yes" : "no " r }')" \
    yes "bar heights are proportional to the values (510 against 1300)"

# ---- one series, symbols, escaping --------------------------------------
printf 'q\tv\nA\t3\nB\tlow\nC\tz\nD\t4\n' >one.tsv
sg-chart -x q -y v one.tsv >one.svg
unlike "$(cat one.svg)" 'class="legend"' "one series: no legend"
is "$(grep -c 'class="point"' one.svg)" 3 "low is drawn (at 0), z is a gap"
printf 'name <&>\tv"\x27\n<script>alert(1)</script>\t1\nA & B\t2\nbad\x01\xff\t3\n' >nasty.tsv
sg-chart -x 'name <&>' -y "v\"'" -T '<b>"T" & co</b>' -X '<x>' -Y '&y' nasty.tsv >nasty.svg
wellformed nasty.svg "markup in names, labels and titles stays well-formed"
unlike "$(cat nasty.svg)" '<script|<b>|<x>' "no markup from the data or options"
like "$(cat nasty.svg)" '&lt;script&gt;alert\(1\)&lt;/script&gt;' "labels are escaped"
like "$(cat nasty.svg)" 'bad��' "control characters and invalid UTF-8 as U+FFFD"
# The largest numbers drawn: 300 digits before the point, either sign.
# A wider range overflowed: the axis ticks read 0.000... and points were
# at y="-nan" and "inf" (exit 0); t/cases/sg-chart/huge-value is refused.
awk 'BEGIN { s = ""; for (i = 0; i < 300; i++) s = s "9"; print "q\tv"; print "A\t" s; print "B\t-" s }' >huge.tsv
runs_ok "numbers of 300 digits, both signs, are drawn" sg-chart -x q -y v -o huge.svg huge.tsv
wellformed huge.svg "as well-formed XML"
unlike "$(cat huge.svg)" '"-?(nan|inf)"|>0\.000' "with no NaN or infinite coordinate, and real tick labels"
# The finest axis: ticks 0.00000000000000000005 apart, 20 decimals, the
# most a tick label has; a finer range is refused
# (t/cases/sg-chart/tiny-range), as every tick read 0.000...
printf 'q\tv\nA\t0.0000000000000000001\nB\t0.0000000000000000003\n' >fine.tsv
run sg-chart -x q -y v -Z fine.tsv
is "$(printf '%s' "$out" | grep -o 'dominant-baseline="middle">[0-9.]*<' | sed 's/.*">//; s/<//' | tr '\n' ' ')" \
	"0.00000000000000000010 0.00000000000000000015 0.00000000000000000020 0.00000000000000000025 0.00000000000000000030 " \
	"ticks 5e-20 apart are labelled with their 20 decimals"
# U+FFFE and U+FFFF are UTF-8 but not characters XML 1.0 holds: a page
# with one is refused by every XML parser.
printf 'q\tv\nnon\357\277\276char\t1\nB\357\277\277\t2\n' >nonchar.tsv
sg-chart -x q -y v -T "$(printf 'T\357\277\276')" nonchar.tsv >nonchar.svg
wellformed nonchar.svg "U+FFFE and U+FFFF in labels and title stay well-formed"
like "$(cat nonchar.svg)" 'non�char' "and are shown as U+FFFD"
sg-chart -x 1 -y 2 -d 'Custom <description>' nasty.tsv >desc.svg
like "$(cat desc.svg)" '<desc id="[^"]*">Custom &lt;description&gt;</desc>' \
    "--desc replaces the description"

# ---- ids, sizes, the stream ------------------------------------------
sg-chart -i contacts -x quarter -y Contacts "$Q" >id.svg
like "$(cat id.svg)" 'aria-labelledby="contacts-title contacts-desc"' "--id sets the ids"
a=$(sg-chart -x q -y v t1.tsv | grep -o 'sg-chart-[0-9a-f]*' | head -1)
b=$(sg-chart -x q -y v t2.tsv | grep -o 'sg-chart-[0-9a-f]*' | head -1)
[ "$a" != "$b" ]
ok $? "charts of different data get different ids (one page can hold both)"
sg-chart -W 900 -H 500 -x quarter -y Contacts "$Q" >big.svg
like "$(head -1 big.svg)" 'viewBox="0 0 900 500" width="900" height="500"' "--width and --height"
printf 'q\tv\n' >hdr.tsv
runs_ok "header only: a chart saying there is no data" sg-chart -x q -y v hdr.tsv
printf '%s\n' "$out" >empty.svg
wellformed empty.svg "the empty chart is well-formed XML"
like "$out" '>No data</text>' "the empty chart says No data"
like "$out" 'by q\. No data\.</desc>' "and so does its description"
: >empty.tsv
fails_with 1 "empty input" "empty input is a data error" sg-chart -x q -y v empty.tsv
gzip -c "$Q" >q.tsv.gz
run sg-chart -x quarter -y Contacts q.tsv.gz
is "$out" "$(sg-chart -x quarter -y Contacts "$Q")" "gzip input is read"
head -5 "$Q" >part1.tsv
{ head -1 "$Q"; tail -n +6 "$Q"; } >part2.tsv
run sg-chart -x quarter -y Contacts part1.tsv part2.tsv
is "$out" "$(sg-chart -x quarter -y Contacts "$Q")" "several inputs are one series"
runs_ok "-o writes the chart" sg-chart -o out.svg -x quarter -y Contacts "$Q"
cmp -s out.svg <(sg-chart -x quarter -y Contacts "$Q")
ok $? "-o: the file holds the chart"
sg-chart -z -x quarter -y Contacts "$Q" | gzip -dc >unz.svg
cmp -s unz.svg out.svg
ok $? "-z gzips the chart (.svgz)"
fails_with 1 "write error" "a full disk is exit 1 with a message" \
    sh -c 'sg-chart -x quarter -y Contacts "$1" >/dev/full' sh "$Q"

# ---- categories down the left: labels whole, never turned or cut -------
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
# texts SVG: each <text> element's whole text, one a line, "TURNED " before
# any under a rotate(); "BAD" if the SVG does not parse (Python's parser).
texts() {
	"$PY" -c '
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as e:
    print("BAD", e); sys.exit(0)
def walk(e, turned):
    turned = turned or "rotate" in e.get("transform", "")
    if e.tag == "{http://www.w3.org/2000/svg}text":
        print(("TURNED " if turned else "") + "".join(e.itertext()))
    for c in e:
        walk(c, turned)
walk(root, False)' "$1"
}
printf 'm\tv\nAB\t10\nCD\t20\n' >h2.tsv
runs_ok "--orient horizontal" sg-chart -t bar -O horizontal -x m -y v h2.tsv
printf '%s\n' "$out" >h2.svg
wellformed h2.svg "the horizontal chart is well-formed XML"
# The label column is as wide as "AB" (2 x 6.05 px at 11 px) with 10 px
# either side: the plot starts at x 32.1.  It ends 23 px from the right
# (the widest value, 2 x 5.5 px at 10 px, and 12).  Two categories share
# 312 px from y 18 (top 14, 4 below it) to 330 (30 above the bottom):
# bands of 156, middles at 96 and 252.
like "$out" '<text x="24.1" y="96.0" text-anchor="end" dominant-baseline="middle">AB</text>' \
    "horizontal: the first label ends 8 px left of the plot, in the middle of its band"
like "$out" '<text x="24.1" y="252.0" text-anchor="end" dominant-baseline="middle">CD</text>' \
    "horizontal: the second label in the middle of the second band"
# Bars fill 0.8 of a band (124.8 px), centred: from 96 - 62.4 = 33.6,
# half a pixel in, 1 px thinner.
like "$out" '<rect class="bar" x="32.1" y="34.1" width="29[0-9.]*" height="123.8"' \
    "horizontal: a bar starts at 0 and is 0.8 of its band thick"
w1=$(grep -o '<rect class="bar"[^>]*' h2.svg | sed -n 1p | sed 's/.*width="\([0-9.]*\)".*/\1/')
w2=$(grep -o '<rect class="bar"[^>]*' h2.svg | sed -n 2p | sed 's/.*width="\([0-9.]*\)".*/\1/')
is "$(awk -v a="$w1" -v b="$w2" 'BEGIN { r = b / a; print (r > 1.999 && r < 2.001) ? "yes" : "no " r }')" \
    yes "horizontal: bar lengths are proportional to the values (20 is twice 10)"
is "$(grep -o 'class="value"[^>]*>[^<]*' h2.svg | sed 's/.*>//' | tr '\n' ' ')" "10 20 " \
    "horizontal: each bar is labelled with its value as written"
is "$(grep -o 'y="348.0" text-anchor="middle">[^<]*' h2.svg | sed 's/.*>//' | tr '\n' ' ')" \
    "0 5 10 15 20 " "horizontal: the value ticks run under the plot"
like "$(grep '>0</text>' h2.svg)" 'M32.1 18.0V330.0' "horizontal: the 0 grid line is at the plot's left"
fails_with 2 "sg-chart: --orient: expected auto, vertical or horizontal, not 'diagonal'" \
    "an unknown --orient is a usage error" sg-chart -O diagonal -x m -y v h2.tsv

# Narrow, with labels: the value axis runs from x 32.1 to 200 - 39.5 =
# 160.5 (the widest value, "20000", is 5 x 5.5 px, and 12); five ticks
# of 5,000 would be 32.1 px apart, too close for "10,000" (39.6 px and
# 8), so every second is written.  -X goes above the categories, -Y
# under the values, neither turned.
printf 'm\tv\nAB\t10000\nCD\t20000\n' >h3.tsv
sg-chart -t bar -O horizontal -W 200 -X Measure -Y 'Number of crimes' -x m -y v h3.tsv >h3.svg
is "$(grep -o 'y="326.0" text-anchor="middle">[^<]*' h3.svg | sed 's/.*>//' | tr '\n' ' ')" \
    "0 10,000 20,000 " "horizontal: value ticks too close together are written every second"
like "$(cat h3.svg)" '<text x="10" y="30.0" font-size="12" font-weight="bold">Measure</text>' \
    "horizontal: -X labels the categories' column, above it"
like "$(cat h3.svg)" '<text x="96.3" y="352.0" text-anchor="middle">Number of crimes</text>' \
    "horizontal: -Y labels the values, under them, not turned"
unlike "$(cat h3.svg)" 'rotate' "horizontal: nothing is turned"

# A negative bar's value goes left of its bar: the plot starts that much
# (16.5 px for "-10", and 6) further right, clear of the labels, which
# still end at 10 + 12.1 + 2 = 24.1.
printf 'm\tv\nAB\t-10\nCD\t20\n' >h4.tsv
sg-chart -t bar -O horizontal -x m -y v h4.tsv >h4.svg
like "$(cat h4.svg)" '<path d="M54.6 18.0V330.0H[0-9.]*" stroke="#333"' \
    "horizontal, negative values: the plot starts after room for their labels"
like "$(cat h4.svg)" '<text class="value" x="51.6" y="96.0" text-anchor="end"[^>]*>-10</text>' \
    "horizontal: a negative value is written left of its bar"
like "$(cat h4.svg)" '<text x="24.1" y="96.0" text-anchor="end" dominant-baseline="middle">AB</text>' \
    "horizontal, negative values: the labels stay where they were"

# Long labels: six of the police measures and two series.
printf 'measure\tcurrent\tprevious\n' >long.tsv
for m in "Number of Missing Children" "Number of Repeat Children Missing from Care" \
    "Number of Domestic Abuse Incidents (Excluding Crimes)" \
    "Number of Child Protection Crimes for Cruelty and Neglect of Children" \
    "Number of Non-Familial Sexual Crimes - Child Victim" \
    "Number of Child Sexual Exploitation Crimes"; do
	printf '%s\t%d\t%d\n' "$m" $(( ${#m} * 3 )) $(( ${#m} * 2 ))
done >>long.tsv
tail -n +2 long.tsv | cut -f 1 >long.labels
sg-chart -t bar -x measure -y current,previous long.tsv >long.svg
like "$(head -1 long.svg)" 'viewBox="0 0 640 360"' "long labels: the chart keeps its size where they fit"
texts long.svg >long.texts
is "$(grep -c '^TURNED\|^BAD\|…' long.texts)" 0 "long labels: parsed, no label turned or cut"
is "$(grep -cxFf long.labels long.texts)" 6 "long labels as bars: every label is written whole"
like "$(cat long.svg)" '<tspan x="[0-9.]*">Number of Repeat Children </tspan><tspan x="[0-9.]*" dy="13">Missing from Care</tspan>' \
    "a label too long for its column wraps at a space into lines of about equal length"
like "$(cat long.svg)" 'text-anchor="end" dominant-baseline="middle">Number of Missing Children</text>' \
    "auto: long labels put the categories down the left"
sg-chart -x measure -y current,previous long.tsv >longl.svg
texts longl.svg >longl.texts
is "$(grep -c '^TURNED\|^BAD\|…' longl.texts) $(grep -cxFf long.labels longl.texts)" "0 6" \
    "long labels as lines: every label whole, none turned or cut"
sg-chart -t bar -O vertical -x measure -y current,previous long.tsv >longv.svg
texts longv.svg >longv.texts
is "$(grep -c '^TURNED\|^BAD\|…' longv.texts) $(grep -cxFf long.labels longv.texts)" "0 6" \
    "--orient vertical: long labels wrap under the axis, whole, none turned"
like "$(cat longv.svg)" 'text-anchor="middle"><tspan' "--orient vertical: the labels are wrapped"

# 24 months: as lines every second label is written (the months are in
# order); as bars every month is labelled, down the left.  Bands of
# 588.8 / 24 = 24.5 px cannot hold "2023-01" (42.4 px): every second can.
{ printf 'month\tv\n'; for i in $(seq 1 24); do
	printf '%d-%02d\t%d\n' $(( 2023 + (i - 1) / 12 )) $(( (i - 1) % 12 + 1 )) "$i"; done; } >months.tsv
sg-chart -x month -y v months.tsv >months.svg
texts months.svg >months.texts
is "$(grep -c '^20[0-9][0-9]-[0-9][0-9]$' months.texts)" 12 "24 months as lines: every second label"
is "$(grep -c '^TURNED' months.texts)" 0 "24 months as lines: no label turned"
like "$(head -1 months.svg)" 'viewBox="0 0 640 360"' "24 months as lines: the size is kept"
sg-chart -t bar -x month -y v months.tsv >monthsb.svg
texts monthsb.svg >monthsb.texts
is "$(grep -c '^20[0-9][0-9]-[0-9][0-9]$' monthsb.texts)" 24 "24 months as bars: every label, down the left"
# A band needs 19 px (one line of 13, and 6): 24 x 19 = 456 from y 18,
# and 30 for the ticks below: 504.
like "$(head -1 monthsb.svg)" 'viewBox="0 0 640 504" width="640" height="504"' \
    "24 months as bars: the chart grows as tall as its labels need"

# An element over 1,023 bytes is written whole (out() once cut it).
long=$(printf 'Crimes recorded %.0s' $(seq 1 80))
long=${long% }
printf 'q\tv\n%s\t1\nB\t2\n' "$long" >huge.tsv
run sg-chart -t bar -T "$long é" -x q -y v huge.tsv
printf '%s\n' "$out" >huge.svg
texts huge.svg >huge.texts
is "$(grep -c '^BAD' huge.texts)" 0 "a 1,279-byte title and label: the SVG parses"
is "$(grep -cxF "$long é" huge.texts)" 1 "the 1,282-byte title is drawn whole"
is "$(grep -cxF "$long" huge.texts)" 1 "the 1,279-byte category label is written whole"
like "$(cat huge.svg)" "<title id=\"[^\"]*\">$long é</title>" "and is the whole <title>"

# ---- in a real browser -------------------------------------------------
if [ -n "$CHROMIUM" ]; then
	# Both charts inline in one page; a script measures what was drawn.
	{
		echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
		cat line.svg bar.svg
		echo '<script>var r=[];document.querySelectorAll("svg").forEach(function(s){var b=s.getBBox();var n=0;s.querySelectorAll(".bar,.point").forEach(function(e){var q=e.getBBox();if(q.width>0&&q.height>0)n++});r.push(Math.round(b.width)+"x"+Math.round(b.height)+":"+n)});var p=document.createElement("pre");p.id="drawn";p.textContent=r.join(" ");document.body.appendChild(p);</script></body></html>'
	} >charts.html
	drawn=$(browse --dump-dom "file://$TMP/charts.html" |
	    sed -n 's#.*<pre id="drawn">\(.*\)</pre>.*#\1#p')
	like "$drawn" '^6[0-9][0-9]x3[0-9][0-9]:21 6[0-9][0-9]x3[0-9][0-9]:21$' \
	    "browser: both charts lay out at about 640x360 with 21 drawn points and bars"
	browse --window-size=640,360 --screenshot="$TMP/line.png" "file://$TMP/line.svg" >/dev/null
	png_ok line.png 10000 "browser: a screenshot of the line chart is a non-trivial PNG"
else
	skip "browser: charts lay out with their points" "chromium not installed"
	skip "browser: a screenshot of the line chart" "chromium not installed"
fi

done_testing
