#!/bin/bash
# sg-render: text, md, html and csv tables with the display rules of a
# published report, RAG colours from X.rag companions, escaping.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D=$DATA/render
DISPLAY_OPTS=(-T Current,Previous -S 'Chg,% Chg' -P '% Chg' -d '% Chg:1')

# ---- help, version, bad command lines --------------------------------
runs_ok "-h exits 0" sg-render -h
like "$out" '^usage: sg-render -f text\|md\|html\|csv' "-h prints the usage"
runs_ok "-V exits 0" sg-render -V
like "$out" '^sg-render ' "-V names the tool"
fails_with 2 "sg-render: --format: expected text, md, html, csv, xlsx or ods, not 'pdf'" \
    "an unknown format is a usage error" sg-render -f pdf "$D/rag.tsv"
fails_with 2 "sg-render: --dp: not COLS:N: 'RUH'" \
    "--dp without :N is a usage error" sg-render --dp RUH "$D/rag.tsv"
fails_with 2 "sg-render: --dp: not a whole number: 'two'" \
    "--dp with a word for N is a usage error" sg-render --dp RUH:two "$D/rag.tsv"
fails_with 2 "sg-render: --show: not a symbol \(x z c u low\): 'q'" \
    "--show of an unknown symbol is a usage error" sg-render --show q=1 "$D/rag.tsv"
fails_with 2 "sg-render: --show: not SYM=TEXT: 'x'" \
    "--show without = is a usage error" sg-render --show x "$D/rag.tsv"
fails_with 2 "sg-render: --color: expected auto, always or never, not 'yes'" \
    "a bad --color is a usage error" sg-render --color yes "$D/rag.tsv"
fails_with 2 "sg-render: --fragment: only with -f html" \
    "--fragment needs html" sg-render -f csv --fragment "$D/rag.tsv"
fails_with 2 "--thousands.*nosuch" \
    "an unknown column is a usage error naming it" \
    sg-render --thousands nosuch "$D/rag.tsv"
like "$err" "kpi" "the usage error lists the columns that exist"
fails_with 2 "Try 'sg-render --help'" "an unknown option is a usage error" \
    sg-render --bogus "$D/rag.tsv"

# ---- display rules: golden outputs typed by hand ----------------------
# 7 -> +7; 7.1428 to 1 place -> +7.1%; 104 -> +104; 58.42696 -> +58.4%;
# -3 stays -3; -5.263 -> -5.3%; 1043 -> 1,043; 0 stays 0 (no sign);
# 0 to 1 place -> 0.0%; -0.04 to 1 place is zero: 0.0% without a sign;
# 2.675 and 1.005 are kept as written (no --dp on those columns);
# x -> /, z -> N/A, c -> *, low stays low.
run sg-render -f text "${DISPLAY_OPTS[@]}" "$D/display.tsv"
printf '%s\n' "$out" >got.txt
same_file got.txt "$D/display.txt" "text: aligned columns, numbers right-aligned, display rules"
run sg-render -f md "${DISPLAY_OPTS[@]}" "$D/display.tsv"
printf '%s\n' "$out" >got.md
same_file got.md "$D/display.md" "md: a pipe table with right-aligned number columns"
sg-render -f csv --display "${DISPLAY_OPTS[@]}" "$D/display.tsv" >got.csv
same_file got.csv "$D/display.csv" "csv --display: CRLF, quoted 1,043, display rules"
run sg-render -f csv "${DISPLAY_OPTS[@]}" "$D/display.tsv"
is "$(printf '%s\n' "$out" | tr -d '\r' | grep '^Not available')" \
    "Not available,x,z,c,low" \
    "csv without --display: the display rules, but the symbols as in the stream"
run sg-render -f text "$D/display.tsv"
like "$out" 'Crimes recorded +1043 +1043 +0 +0'$'\n' \
    "without display options numbers are shown as written"
printf 'area\tn\nA\tu\nB\tc\n' >u.tsv
run sg-render -f csv u.tsv
like "$out" 'A,u' "u (low reliability) is shown as u by default"
run sg-render -f csv --show u=LR u.tsv
like "$out" 'A,LR' "--show u=TEXT changes how u is shown"

# --dp uses the rounding rule of sg(7): 15 significant digits, then half
# away from zero.
printf 'k\tv\na\t2.675\nb\t1.005\nc\t-2.5\nd\t0.125\ne\t3\n' >dp.tsv
run sg-render -f csv -d v:2 dp.tsv
is "$(printf '%s' "$out" | tr -d '\r' | cut -d, -f2 | tr '\n' ' ')" \
    "v 2.68 1.01 -2.50 0.13 3.00 " "--dp 2: 2.675 -> 2.68, 1.005 -> 1.01, 0.125 -> 0.13"
run sg-render -f csv -d v:0 dp.tsv
is "$(printf '%s' "$out" | tr -d '\r' | cut -d, -f2 | tr '\n' ' ')" \
    "v 3 1 -3 0 3 " "--dp 0: -2.5 -> -3 (half away from zero)"
run sg-render -f csv -S v -d v:0 dp.tsv
is "$(printf '%s' "$out" | tr -d '\r' | cut -d, -f2 | tr '\n' ' ')" \
    "v +3 +1 -3 0 +3 " "--signed after rounding: 0.125 -> 0 has no sign"
run sg-render -f csv -T v -d v:1 <(printf 'k\tv\na\t1234567.891\nb\t-1043\nc\t999\n')
is "$(printf '%s' "$out" | tr -d '\r' | tr '\n' ' ')" \
    'k,v a,"1,234,567.9" b,"-1,043.0" c,999.0' "--thousands groups the integer part only"

# --show, and symbols in the row-header column kept as written.
printf 'label\tv\nx\tx\nz\tz\nc\tc\nlow\tlow\nempty\t\n' >sym.tsv
run sg-render -f csv --show x=.. --show 'z=n/a' --show c=supp --show low='~' sym.tsv
is "$(printf '%s' "$out" | tr -d '\r' | tr '\n' ' ')" \
    'label,v x,.. z,n/a c,supp low,~ empty,' \
    "--show maps each symbol; the row header and empty values are kept"
run sg-render -f csv sym.tsv
is "$(printf '%s' "$out" | tr -d '\r' | tr '\n' ' ')" \
    'label,v x,x z,z c,c low,low empty,' "csv: symbols written as themselves (x z c low), for sg-import"
run sg-render -f csv --display sym.tsv
is "$(printf '%s' "$out" | tr -d '\r' | tr '\n' ' ')" \
    'label,v x,/ z,N/A c,* low,low empty,' "csv --display: x as /, z as N/A, c as *"
run sg-render -f md sym.tsv
like "$out" '\| x +\| / +\|' "md always displays: x as /"
run sg-render -f csv --show c=supp sym.tsv
is "$(printf '%s' "$out" | tr -d '\r' | tr '\n' ' ')" \
    'label,v x,x z,z c,supp low,low empty,' "csv --show without --display: only the symbol asked for"
fails_with 2 "--display: only with -f csv" "--display is for csv" \
    sg-render -f html --display sym.tsv
fails_with 2 "--raw: only with -f csv" "--raw is for csv" \
    sg-render -f md --raw sym.tsv

# ---- RAG companions -------------------------------------------------
run sg-render "$D/rag.tsv"
printf '%s\n' "$out" >got-rag.txt
same_file got-rag.txt "$D/rag.txt" \
    "text: X.rag is hidden, its letter follows the value, the key follows"
unlike "$out" $'\033' "text to a file or pipe has no ANSI colour (auto)"
run sg-render --color=always "$D/rag.tsv"
like "$out" $'\033\\[97;41m76 R\033\\[0m' "--color=always: a red cell in ANSI red"
like "$out" $'\033\\[30;43m68 A\033\\[0m' "--color=always: an amber cell in ANSI yellow"
like "$out" $'\033\\[30;42m100 G\033\\[0m' "--color=always: a green cell in ANSI green"
like "$out" $'\033\\[97;44mN/A B\033\\[0m' "--color=always: a blue cell in ANSI blue"
run sg-render --color=never "$D/rag.tsv"
unlike "$out" $'\033' "--color=never: no ANSI codes"
if command -v script >/dev/null 2>&1; then
	script -qec "sg-render '$D/rag.tsv'" /dev/null </dev/null >tty.out 2>&1
	grep -q $'\033\\[97;41m' tty.out
	ok $? "--color=auto on a terminal: ANSI colours"
	NO_COLOR=1 script -qec "sg-render '$D/rag.tsv'" /dev/null </dev/null >tty.out 2>&1
	! grep -q $'\033\\[97;41m' tty.out
	ok $? "--color=auto with NO_COLOR set: no colours"
else
	skip "--color=auto on a terminal" "script(1) not installed"
	skip "--color=auto with NO_COLOR" "script(1) not installed"
fi
run sg-render -f md "$D/rag.tsv"
is "$out" "| kpi | target | RUH | DHI |
| --- | ---: | ---: | ---: |
| 1.1 | 85 | 90 **G** | / |
| 1.4 | 80 | 68 **A** | N/A **B** |
| 1.8 | 90 | 76 **R** | 100 **G** |

Key:

- **R** Red = more than 15% below the KPI
- **A** Amber = less than 15% below the KPI
- **G** Green = met or exceeded the KPI
- **B** Blue = N/A
- / = nil or narrative response given" "md: letters kept, key as a list"
run sg-render -t 'Title & <x>' -c 'Caption' -n 'Note 1' -n 'Note 2' -K "$D/rag.tsv"
is "$out" "Title & <x>

Caption
$(sed -n 1,5p "$D/rag.txt")

Note 1
Note 2" "text: title, caption, table, notes; --no-key"
run sg-render -f md -t 'Title # 1' -c 'Cap *1*' -n 'N1' -K "$D/rag.tsv"
like "$out" $'^## Title \\\\# 1\n\nCap \\\\\\*1\\\\\\*\n\n\\| kpi' "md: title as ## heading, caption paragraph, escaped"
like "$out" $'\\| 76 \\*\\*R\\*\\* \\| 100 \\*\\*G\\*\\* \\|\n\nN1$' "md: notes after the table"
run sg-render -f csv "$D/rag.tsv"
is "$(printf '%s' "$out" | tr -d '\r' | head -2 | tr '\n' ' ')" \
    "kpi,target,RUH,RUH.rag,DHI,DHI.rag 1.1,85,90,G,x,x " \
    "csv keeps the X.rag columns (no colours in CSV)"
printf 'rating\ttext\nG\tOn track\nR\tOff track\n' >key.tsv
run sg-render -f md --key key.tsv "$D/rag.tsv"
like "$out" $'Key:\n\n- \\*\\*G\\*\\* On track\n- \\*\\*R\\*\\* Off track$' \
    "--key FILE replaces the key's wording and order"
run sg-render -f html --no-key "$D/rag.tsv"
unlike "$out" 'class="sg-key"' "--no-key leaves the key out"
printf 'rating\ttext\nQ\tOdd\n' >badkey.tsv
fails_with 1 "sg-render: badkey.tsv:2: rating: not a rating \(R A G B x\): 'Q'" \
    "a key with an unknown rating is a data error" sg-render --key badkey.tsv "$D/rag.tsv"
fails_with 2 "choose one" "--key and --no-key together are a usage error" \
    sg-render --key key.tsv --no-key "$D/rag.tsv"
printf 'kpi\tRUH\tRUH.rag\n1.1\t90\tGreen\n' >badrag.tsv
fails_with 1 "sg-render: badrag.tsv:2: RUH.rag: not a rating \(R A G B x\): 'Green'" \
    "a companion value that is not a rating is a data error" sg-render -f html badrag.tsv
printf 'kpi\tv.rag\n1\tG\n' >orphan.tsv
run sg-render -f csv orphan.tsv
is "$(printf '%s' "$out" | tr -d '\r' | head -1)" "kpi,v.rag" \
    "a .rag column without its X is shown as an ordinary column"

# ---- html -------------------------------------------------------------
# kpi-rated.tsv is the published agency-by-KPI table (16 KPIs x 17
# agencies) rated by hand: G at or above the target, A within 15% of the
# target (100 * value >= 85 * target; 68 against 80 is A), R below, B for
# N/A, x for / and TBC.  Counted by hand: R 20 (Children's Social Care 4,
# Adult Social Care 10, Avon Fire & Rescue 3, Midsomer Homecare, Project
# 28, Oxford Health 1.8), A 14 (RUH 4, Children's Social Care 5, HCRG 3,
# Oxford Health 2), B 48 (the N/A cells), x 27 (/ and TBC), G the other
# 163.  sg-rag and sg-pivot must build the same table from the long form.
sg-rag -v value -t target --tolerance 15 -n rag "$D/kpi-long.tsv" |
    sg-pivot -r kpi,target -c agency -v value,rag >pivoted.tsv
same_file pivoted.tsv "$D/kpi-rated.tsv" \
    "sg-rag | sg-pivot builds the hand-rated agency-by-KPI table"
run sg-render -f html -t 'Partner KPI returns 2023-24' -c 'Training KPIs by agency' \
    -n 'Note one' -n 'Note & two' "$D/kpi-rated.tsv"
printf '%s\n' "$out" >kpi.html
like "$out" '^<!DOCTYPE html>' "html: a standalone page"
like "$out" '<html lang="en">' "html: the page declares its language"
like "$out" '<title>Partner KPI returns 2023-24</title>' "html: the title in <title>"
like "$out" '<h1>Partner KPI returns 2023-24</h1>' "html: the title as a heading"
like "$out" '<caption>Training KPIs by agency</caption>' "html: the caption"
like "$out" '@page\{size:A4;' "html: print CSS for A4"
unlike "$out" '(src|href)=|@import|url\(' "html: no external assets"
like "$out" '<p class="sg-note">Note &amp; two</p>' "html: notes, escaped"
is "$(grep -o '<th scope="col"' kpi.html | wc -l)" 19 \
    "html: 19 column headers (kpi, target, 17 agencies; no .rag columns)"
is "$(grep -o '<th scope="row"' kpi.html | wc -l)" 16 "html: 16 row headers"
unlike "$out" 'RUH\.rag' "html: the companion column is not shown"
like "$out" '<td class="num rag-R">33 <abbr class="sg-rating" title="Red">R</abbr></td>' \
    "html: a red cell keeps its letter"
is "$(grep -o 'class="num rag-R"' kpi.html | wc -l)" 20 "html: 20 red cells"
is "$(grep -o 'class="num rag-A"' kpi.html | wc -l)" 14 "html: 14 amber cells"
is "$(grep -o 'class="num rag-G"' kpi.html | wc -l)" 163 "html: 163 green cells"
is "$(grep -o 'class="num rag-B"' kpi.html | wc -l)" 48 "html: 48 blue cells"
like "$out" 'Red = more than 15% below the KPI' "html: the published key"
like "$out" '/ = nil or narrative response given' "html: the key's / entry"
run sg-render -f html -L "$D/rag.tsv"
like "$out" '@page\{size:A4 landscape' "--landscape: A4 landscape"
like "$out" '<title>Table</title>' "html without a title or caption: <title>Table</title>"
run sg-render -f html --fragment -t 'KPIs' "$D/rag.tsv"
like "$out" '^<h2>KPIs</h2>' "--fragment: the title as <h2>, no page"
like "$(printf "%s" "$out" | head -1)" '^<div class="sg-wrap">$' "--fragment: the table in its scroll box"
unlike "$out" '<html|<head|<style|<body' "--fragment: no page around the table"
like "$out" '</section>$' "--fragment: ends with the key"
run sg-render --css
like "$out" 'rag-R\{background:#c00000' "--css prints the style sheet for fragments"

# Every value is escaped: <script> and & are shown as text.
printf 'name\tnote\n<script>alert(1)</script>\tA & B <b>"q"</b> '"'"'s\n' >xss.tsv
run sg-render -f html -t '<i>T</i> & co' xss.tsv
unlike "$out" '<script>|<b>|<i>' "html: no markup from the data or options"
like "$out" '<th scope="row">&lt;script&gt;alert\(1\)&lt;/script&gt;</th>' \
    "html: <script> shown as text"
like "$out" '<td>A &amp; B &lt;b&gt;&quot;q&quot;&lt;/b&gt; &#39;s</td>' \
    "html: & < > \" ' escaped"
like "$out" '<title>&lt;i&gt;T&lt;/i&gt; &amp; co</title>' "html: the title escaped"
run sg-render -f md xss.tsv
like "$out" '\| \\<script\\>alert\(1\)\\</script\\> \| A \\& B \\<b\\>"q"\\</b\\> '"'"'s \|' \
    "md: <script> and & backslash-escaped, shown as text"
printf 'a\tb\n|pipe|\t*x* _y_ `z` [l](u) ~s~\n' >mdspecial.tsv
run sg-render -f md mdspecial.tsv
like "$out" '\| \\\|pipe\\\| \| \\\*x\\\* \\_y\\_ \\`z\\` \\\[l\\\]\(u\) \\~s\\~ \|' \
    "md: | * _ \` [ ] ~ escaped"

# The page in a real browser: count cells by computed background colour.
if [ -n "$CHROMIUM" ]; then
	sed 's#</body>#<script>var c={};document.querySelectorAll("td,th").forEach(function(e){var b=getComputedStyle(e).backgroundColor;c[b]=(c[b]||0)+1});var p=document.createElement("pre");p.id="counts";p.textContent=Object.keys(c).sort().map(function(k){return k+"="+c[k]}).join(";");document.body.appendChild(p);</script></body>#' \
	    kpi.html >kpi-count.html
	counts=$(browse --dump-dom "file://$TMP/kpi-count.html" |
	    sed -n 's#.*<pre id="counts">\(.*\)</pre>.*#\1#p')
	like "$counts" 'rgb\(192, 0, 0\)=20(;|$)' "browser: 20 red cells (hand count)"
	like "$counts" 'rgb\(255, 192, 0\)=14(;|$)' "browser: 14 amber cells"
	like "$counts" 'rgb\(0, 176, 80\)=163(;|$)' "browser: 163 green cells"
	like "$counts" 'rgb\(0, 112, 192\)=48(;|$)' "browser: 48 blue cells"
	browse --window-size=1400,800 --screenshot="$TMP/kpi.png" \
	    "file://$TMP/kpi.html" >/dev/null
	png_ok kpi.png 40000 "browser: a screenshot of the page is a non-trivial PNG"
else
	for t in "20 red" "14 amber" "163 green" "48 blue" "screenshot"; do
		skip "browser: $t" "chromium not installed"
	done
fi

# ---- escapes undone for display -------------------------------------
printf 'k\tv\na\tone\\ttwo\\nthree\\\\four\\r\n' >esc.tsv
run sg-render -f text esc.tsv
like "$out" 'a  one two⏎three\\four$' "text: TAB as a space, LF as ⏎, \\\\ as \\, CR dropped"
run sg-render -f html esc.tsv
like "$out" '<td>one two<br>three\\four</td>' "html: LF as <br>"
run sg-render -f md esc.tsv
like "$out" '\| one two<br>three\\\\four \|' "md: LF as <br>, backslash escaped"
sg-render -f csv esc.tsv >esc.csv
printf 'k,v\r\na,"one\ttwo\nthree\\four\r"\r\n' >esc.want
same_file esc.csv esc.want "csv: escapes undone, the field quoted"
printf 'a\\tb\tv\n1\t2\n' >eschdr.tsv
run sg-render -f html -F -t 'C:\new' eschdr.tsv
like "$out" '<h2>C:\\new</h2>' "options are shown as given (no stream escapes in them)"
like "$out" '<th scope="col">a b</th>' "column names have their escapes undone"
printf 'k\tv\na\tbell\001here\n' >ctl.tsv
run sg-render -f html ctl.tsv
like "$out" '<td>bell�here</td>' "html: a control character shown as U+FFFD"
# A number has at most 300 digits before its point (sg(7)): past a
# double's range (about 1.8e308) --dp showed it as z, the symbol "not
# applicable", with exit 0.  A longer one is not a number, so it is shown
# as written, with or without --dp or -T, never as a symbol.
awk 'BEGIN { s = "1"; for (i = 0; i < 400; i++) s = s "0"; print "n\tv"; print "a\t5"; print "b\t" s }' >huge.tsv
s401="1$(printf '0%.0s' $(seq 400))"
for f in csv md; do
	run sg-render -f $f -d v:2 -T v huge.tsv
	like "$out" "$s401" "$f: a 401-digit value is shown as written, under --dp and -T"
	unlike "$out" '(^|[,|] *)z( *[,|]|$)' "$f: and not as z"
done
# sg-render runs sg-book under its own name with other letters (its -n
# is sg-book's -N, its -t sg-book's -T, which is sg-render's
# --thousands): sg-book's message names the option by the long name both
# share.
fails_with 2 "^sg-render: --note: a control character, which a workbook cannot hold: 'a.x01'" \
	"a workbook's note with a control character names --note" \
	sg-render -f ods -o q.ods -n "$(printf 'a\001')" esc.tsv
fails_with 2 "^sg-render: --title: a control character" \
	"and a title --title, not -T" sg-render -f xlsx -o q.xlsx -t "$(printf 'T\033')" esc.tsv
printf 'k\tv\na\tnon\357\277\276char\357\277\277\n' >nonchar.tsv
run sg-render -f html nonchar.tsv
like "$out" '<td>non�char�</td>' "html: U+FFFE and U+FFFF, not characters in XML or HTML, as U+FFFD"
if command -v xmllint >/dev/null; then
	run sg-render -f html -F nonchar.tsv
	printf '%s' "$out" >nonchar.html
	xmllint --noout nonchar.html 2>/dev/null
	ok $? "html: the fragment with them parses as XML"
else
	skip "html: the fragment with them parses as XML" "xmllint (libxml2-utils) not installed"
fi

# Wide characters keep the text columns aligned.
printf 'agency\tv\nChildren’s Social Care\t1\n日本\t22\n' >wide.tsv
run sg-render wide.tsv
is "$out" "agency                   v
----------------------  --
Children’s Social Care   1
日本                    22" "text: widths count characters, and wide characters as 2"

# ---- csv --------------------------------------------------------------
printf 'name\tnote\nA, B\tsaid "hi"\nplain\t\n' >q.tsv
sg-render -f csv q.tsv >q.csv
printf 'name,note\r\n"A, B","said ""hi"""\r\nplain,\r\n' >q.want
same_file q.csv q.want "csv: RFC 4180 quoting of , and \", CRLF line ends"
sg-render -f csv --bom q.tsv >qbom.csv
is "$(head -c 3 qbom.csv | od -An -tx1 | tr -d ' \n')" efbbbf "--bom writes a UTF-8 BOM first"
cmp -s <(tail -c +4 qbom.csv) q.csv
ok $? "--bom: the rest is unchanged"
printf 'id,text,n\r\n1,"a, b ""quoted"" and\r\na new line",3\r\n2,plain,4\r\n' >orig.csv
sg-import -f csv orig.csv 2>import.err | sg-render -f csv >round.csv
same_file round.csv orig.csv "csv round trip: sg-import then sg-render -f csv"

# The round trip (issue 14, item 9): sg-import | sg-render -f csv |
# sg-import gives the stream back, symbols, spaces, quotes, commas, line
# breaks, TABs, CRs and backslashes included; no BOM unless --bom.
printf 'id\tname\tn\tnote\n' >trip.tsv
printf '1\t "A, B" \t-5\tsaid "hi", twice\n' >>trip.tsv
printf '2\tx\tx\tone\\ntwo\\r\\nthree\n' >>trip.tsv
printf '3\tz\tz\ta\\tb\\\\c\n' >>trip.tsv
printf '4\tc\tc\t   \n' >>trip.tsv
printf '5\tlow\tlow\t\n' >>trip.tsv
printf '6\tChildren’s 日本\t007\t"\n' >>trip.tsv
printf '7\t\t1200.50\t,\n' >>trip.tsv
printf '8\t-0\t-0\ttrailing \n' >>trip.tsv
sg-render -f csv trip.tsv >trip.csv
sg-import trip.csv >trip2.tsv 2>trip.err
same_file trip2.tsv trip.tsv "csv round trip: every tricky value and the symbols come back"
is "$(head -c 3 trip.csv)" "id," "csv: no byte order mark by default"
like "$(sed -n 3p trip.csv)" '^2,x,x,"one' "csv: x is written as x, not /"
sg-render -f csv --bom trip.tsv | sg-import >trip3.tsv 2>/dev/null
same_file trip3.tsv trip.tsv "csv --bom: sg-import drops the BOM, the round trip holds"
sg-render -f csv --display trip.tsv | sg-import >trip4.tsv 2>/dev/null
like "$(sed -n 3p trip4.tsv)" $'^2\t/\t/\t' "csv --display: the display symbols, no round trip"
n=0 bad=
for f in "$SAMPLES"/*/*.csv "$SAMPLES"/published/*.tsv; do
	case $f in
	*.csv) sg-import "$f" >s1.tsv 2>/dev/null || continue ;;
	*) sg-import -f tsv "$f" >s1.tsv 2>/dev/null || continue ;;
	esac
	# (a published table with an empty column name is no stream)
	sg-render -f csv s1.tsv >s1.csv 2>/dev/null || continue
	sg-import s1.csv >s2.tsv 2>/dev/null
	cmp -s s1.tsv s2.tsv || bad="$bad ${f#"$SAMPLES"/}"
	n=$((n + 1))
done
ok "$( [ "$n" -ge 20 ] && [ -z "$bad" ]; echo $?)" \
    "sg-import | sg-render -f csv | sg-import is the identity on $n samples${bad:+ (not:$bad)}"

# Formula injection (issue 14, item 10): a text cell that begins with
# = + - @ TAB or CR gets a single quote before it; numbers stay numbers.
printf 'k\t=h\tv\tt\n' >inj.tsv
printf 'a\t1\t-5\t=1+2\n' >>inj.tsv
printf 'b\t2\t30\t+30\n' >>inj.tsv
printf 'c\t3\tx\t@SUM(A1)\n' >>inj.tsv
printf 'd\t4\t-1043\t-\n' >>inj.tsv
printf -- '-e\t5\t0.5\t\\tcmd\n' >>inj.tsv
printf 'f\t6\t2\t\\rcmd\n' >>inj.tsv
printf 'g\t7\t3\t=HYPERLINK("http://x","a,b")\n' >>inj.tsv
printf 'h\t8\t4\t-2+3+cmd|'"'"' /C calc'"'"'!A0\n' >>inj.tsv
printf 'i\t9\t5\ta=b\n' >>inj.tsv
printf 'j\t10\t6\t+1,0,4,3\n' >>inj.tsv
printf 'k\t11\t7\t-9.5%%\n' >>inj.tsv
printf 'l\t12\t8\t+1,043.5\n' >>inj.tsv
sg-render -f csv inj.tsv >inj.csv
printf '%s\r\n' "k,'=h,v,t" "a,1,-5,'=1+2" "b,2,30,+30" "c,3,x,'@SUM(A1)" \
    "d,4,-1043,'-" "'-e,5,0.5,'"$'\t'"cmd" "f,6,2,\"'"$'\r'"cmd\"" \
    "g,7,3,\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"" \
    "h,8,4,'-2+3+cmd|' /C calc'!A0" "i,9,5,a=b" "j,10,6,\"'+1,0,4,3\"" \
    "k,11,7,-9.5%" "l,12,8,\"+1,043.5\"" >inj.want
same_file inj.csv inj.want "csv: text cells beginning = + - @ TAB CR get a quote; -5, and +30 or -9.5% written as text, stay numbers"
sg-render -f csv -S v -T v inj.tsv >injs.csv
is "$(tr -d '\r' <injs.csv | grep '^b,')" "b,2,+30,+30" \
    "csv: --signed +30 from the number 30 stays a number"
is "$(tr -d '\r' <injs.csv | grep '^d,')" "d,4,\"-1,043\",'-" \
    "csv: -1,043 from --thousands stays a number"
run sg-render -f csv --show 'c==cmd()' --show 'x=-' sym.tsv
is "$(printf '%s' "$out" | tr -d '\r' | tr '\n' ' ')" \
    "label,v x,'- z,z c,'=cmd() low,low empty," "csv: --show text for a symbol is guarded too"
sg-render -f csv --raw inj.tsv | sg-import >injraw.tsv 2>/dev/null
same_file injraw.tsv inj.tsv "csv --raw: nothing guarded, the round trip holds for every cell"
sg-render -f csv inj.tsv | sg-import >injrt.tsv 2>/dev/null
is "$(cut -f4 injrt.tsv | sed -n 2p)" "'=1+2" "without --raw a guarded cell comes back with its quote (documented)"

# ---- the stream ---------------------------------------------------------
printf 'kpi\tRUH\n' >hdr.tsv
run sg-render hdr.tsv
is "$out" "kpi  RUH
---  ---" "header only: the header and its rule"
run sg-render -f html hdr.tsv
like "$out" '<tbody>
</tbody>' "html, header only: an empty body"
: >empty.tsv
fails_with 1 "empty.tsv.*empty input" "empty input is a data error" sg-render empty.tsv
printf 'kpi\tRUH\r\n1.1\t90\r\n' >crlf.tsv
run sg-render -f csv crlf.tsv
is "$out" $'kpi,RUH\r\n1.1,90\r' "CRLF input is read"
gzip -c "$D/rag.tsv" >rag.tsv.gz
run sg-render rag.tsv.gz
is "$out" "$(cat "$D/rag.txt")" "gzip input is read"
printf 'kpi\ttarget\tRUH\tRUH.rag\tDHI\tDHI.rag\n1.9\t90\t92\tG\t100\tG\n' >more.tsv
run sg-render -f csv "$D/rag.tsv" more.tsv
is "$(printf '%s' "$out" | wc -l)" 4 "several inputs are one table (one header)"
printf 'kpi\tother\n1\t2\n' >otherhdr.tsv
fails_with 1 "header" "inputs with different headers are an error" \
    sg-render "$D/rag.tsv" otherhdr.tsv
printf 'a\tb\n1\n' >ragged.tsv
fails_with 1 "ragged.tsv:2" "a ragged row is a data error naming file and line" \
    sg-render ragged.tsv
run sg-render - <"$D/rag.tsv"
is "$out" "$(cat "$D/rag.txt")" "- reads standard input"

# ---- output -------------------------------------------------------------
runs_ok "-o writes a file" sg-render -f csv -o out.csv q.tsv
same_file out.csv q.want "-o: the file holds the table"
runs_ok "-z writes gzip" sg-render -f csv -z -o out.csv.gz q.tsv
cmp -s <(gzip -dc out.csv.gz) q.want
ok $? "-z: gzip of the table"
fails_with 1 "write error" "a full disk is exit 1 with a message" \
    sh -c 'sg-render -f html "$1" >/dev/full' sh "$D/kpi-rated.tsv"
awk 'BEGIN { print "k\tv"; for (i = 0; i < 200000; i++) print i "\t" i }' >big.tsv
sg-render -f csv big.tsv | head -1 >/dev/null
ok "${PIPESTATUS[0]}" "a closed pipe ends sg-render quietly (exit 0)"

# ---- text of any size: read twice, or spooled past a megabyte ----------
# A regular file (named, or standard input redirected from it) is read
# twice (the widths, then the lines); a pipe is spooled (in memory to a megabyte, then in an unlinked
# temporary file).  150,000 rows is about 2 MB of display text.
# The expected table, by awk: "name" left in 9, "n" right in 6, 2 between.
awk 'BEGIN { print "name\tn"; for (i = 1; i <= 150000; i++) print "row" i "\t" i * 3 }' >long.tsv
awk 'BEGIN { printf "%-9s  %6s\n%s  %s\n", "name", "n", "---------", "------"
	for (i = 1; i <= 150000; i++) printf "%-9s  %6d\n", "row" i, i * 3 }' >long.want
mkdir -p spooldir
# With TMPDIR where no file can be made, a table that needed a temporary
# file would fail: these must not.  (valgrind needs TMPDIR for its own
# files: under it, TMPDIR is left alone and only the tables are checked.)
if [ -n "${SG_UNDER_VALGRIND:-}" ]; then
	notmp=(env)
else
	notmp=(env TMPDIR="$PWD/no-such-dir")
fi
run "${notmp[@]}" sg-render -f text long.tsv
printf '%s\n' "$out" >long.got
same_file long.got long.want "text: a 2 MB table from a named file is aligned as a small one (read twice, no temporary file)"
run "${notmp[@]}" sg-render -f text <long.tsv
printf '%s\n' "$out" >long.got
same_file long.got long.want "text: standard input from a regular file is read twice too (no temporary file)"
{ IFS= read -r skipped; run "${notmp[@]}" sg-render -f text; } <long.tsv
is "$(printf '%s\n' "$out" | sed -n '1p;3p')" "$(printf '%-9s  %6s\n%-9s  %6s' row1 3 row2 6)" \
    "text: ... from where standard input was (a line already read: the next is the header)"
run env TMPDIR="$PWD/spooldir" sg-render -f text < <(cat long.tsv)
printf '%s\n' "$out" >long.got
same_file long.got long.want "text: a 2 MB table through a pipe is aligned as a small one (spooled)"
is "$(ls -A spooldir | wc -l)" 0 "text: the spool file leaves nothing behind"
if [ -n "${SG_UNDER_VALGRIND:-}" ]; then
	skip "text: a spool that cannot be made is exit 1 with a message" \
	    "valgrind needs TMPDIR for its own files"
else
	fails_with 1 "cannot make a temporary file for the table" \
	    "text: a spool that cannot be made is exit 1 with a message" \
	    env TMPDIR="$PWD/no-such-dir" sg-render -f text < <(cat long.tsv)
fi

# Both ways give the same table, byte for byte, whatever the cells:
# symbols, display options, ratings (in colour too), UTF-8, control
# characters and escapes, empty cells, a cell over 255 bytes, text in a
# column of numbers.
{
	printf 'name\tv\tv.rag\tw\tnote\n'
	printf 'A & B\t1043\tG\t-0.04\tplain\n'
	printf 'x\tx\tR\tz\t\n'
	printf 'low\tlow\tA\t2.675\tcaf\xc3\xa9 na\xc3\xafve\n'
	printf '12 items\t\tx\t7\ttab\\there\n'
	printf 'c\tc\tB\t+30\t%s\n' "$(printf 'long%.0s' $(seq 100))"
	printf 'r\xe2\x80\x99s\t58.4%%\t\tN/A\tctl\x01char\n'
	printf '\t-5\tG\t1,043\t\\\\ back\n'
} >mixed.tsv
for args in "-f text" "-f text --color always" "-f text -T v -S w -P w -d w:1" \
    "-f text --show x=- --show low=<1 -K" "-f text -t Title -c Caption -n Note"; do
	# shellcheck disable=SC2086
	run sg-render $args mixed.tsv
	fileout=$out
	# shellcheck disable=SC2086
	run sg-render $args < <(cat mixed.tsv)
	is "$out" "$fileout" "text: $args: a pipe (spooled) = a named file (read twice)"
done
# shellcheck disable=SC2086
run sg-render -f text "$D/rag.tsv" "$D/rag.tsv"
fileout=$out
run sg-render -f text <(cat "$D/rag.tsv") <(cat "$D/rag.tsv")
ok "$( [ "$(printf '%s\n' "$fileout" | wc -l)" -gt 10 ] && [ "$out" = "$fileout" ]; echo $?)" \
    "text: two named files (read twice) = the same from pipes (spooled)"

# A named file that changes between the two readings: the table would not
# be the file's, so it is refused.  The reader of the table appends a row
# to the file as soon as the first line arrives; the second reading is
# still in its first megabyte then (it waits for the pipe), so it meets
# the new row at the end.
cp long.tsv grow.tsv
sg-render -f text grow.tsv 2>grow.err | {
	IFS= read -r first
	printf 'added\t1\n' >>grow.tsv
	cat >/dev/null
}
rc=${PIPESTATUS[0]}
is "$rc:$(cat grow.err)" "1:sg-render: grow.tsv: changed while it was read for a text table" \
    "text: a named file that changes between its two readings: exit 1, says so"

# Standard output must not be one of the inputs (every tool: the reader
# refuses it), or the second reading would read the table itself.
cp "$D/rag.tsv" self.tsv
sg-render -f text self.tsv >>self.tsv 2>self.err
rc=$?
is "$rc:$(cat self.err)" "1:sg-render: self.tsv: is also standard output: a tool must not read what it writes" \
    "text: a named file that is also standard output is refused"
same_file self.tsv "$D/rag.tsv" "text: ... and left as it was"

# ---- -f xlsx and -f ods: a one-table workbook -------------------------
# The cells are checked against the TSV by rules written here, not by the
# tool: the first column and any column holding text are strings as
# written; count and rate hold only numbers and symbols, so they are
# numeric cells with the symbols as [c] [x] [z] [low] (an empty cell is
# [x], man sg(7)); when holds only ISO dates and symbols, so date cells.
PY=/usr/bin/python3
printf '%s\n' \
	'area	count	rate	rate.rag	code	when' \
	'North	1043	58.4	G	=1+1	2024-03-31' \
	'South	c	x	R	-3	2024-04-30' \
	'East	low	12.25	x	007	z' \
	'West	-5	0	A	a, b	2023-01-01' \
	'Crèche\tvisits	z		B	@SUM(A1)	x' >book.tsv
cat >kinds.txt <<'EOF2'
area text
count num
rate num
rate.rag text
code text
when date
EOF2
cat >cells.py <<'PYEOF'
# cells.py FORMAT WORKBOOK TSV KINDS: every cell of the table's sheet
# against the TSV; prints "ok N cells" or what differs.
import sys, datetime
fmt, wbpath, tsvpath, kindspath = sys.argv[1:5]
def unesc(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[s[i + 1]])
            i += 2
        else:
            out.append(s[i]); i += 1
    return ''.join(out)
rows = [[unesc(f) for f in l.rstrip('\n').split('\t')] for l in open(tsvpath, encoding='utf-8')]
kinds = [l.split()[1] for l in open(kindspath)]
SYMS = {'': '[x]', 'x': '[x]', 'z': '[z]', 'c': '[c]', 'u': '[u]', 'low': '[low]'}
def expect(kind, v):
    if kind == 'text':
        return ('str', v)
    if v in SYMS:
        return ('str', SYMS[v])
    if kind == 'num':
        return ('num', float(v))
    return ('date', datetime.date.fromisoformat(v))
def table_xlsx():
    import openpyxl
    wb = openpyxl.load_workbook(wbpath)
    ws = wb[wb.sheetnames[-1]]
    got = []
    for r in ws.iter_rows(min_row=3):
        row = []
        for c in r:
            v = c.value
            if c.data_type == 'f':
                row.append(('FORMULA', v))
            elif isinstance(v, datetime.datetime):
                row.append(('date', v.date()))
            elif isinstance(v, (int, float)):
                row.append(('num', float(v)))
            else:
                row.append(('str', '' if v is None else v))
        got.append(row)
    return wb.sheetnames, ws['A1'].value, got
def table_ods():
    from odf.opendocument import load
    from odf import table, text, teletype
    from odf.namespaces import OFFICENS, TABLENS
    doc = load(wbpath)
    sheets = doc.spreadsheet.getElementsByType(table.Table)
    got = []
    for tr in sheets[-1].getElementsByType(table.TableRow):
        row = []
        for c in tr.getElementsByType(table.TableCell):
            vt = c.attributes.get((OFFICENS, 'value-type'))
            txt = '\n'.join(teletype.extractText(p) for p in c.getElementsByType(text.P))
            if vt == 'float':
                cell = ('num', float(c.attributes[(OFFICENS, 'value')]))
            elif vt == 'date':
                cell = ('date', datetime.date.fromisoformat(c.attributes[(OFFICENS, 'date-value')][:10]))
            else:
                cell = ('str', txt)
            n = int(c.attributes.get((TABLENS, 'number-columns-repeated'), 1))
            row.extend([cell] * n)
        got.append(row)
    a1 = got[0][0][1]
    return [t.getAttribute('name') for t in sheets], a1, got[2:]
names, a1, got = table_xlsx() if fmt == 'xlsx' else table_ods()
print('sheets', *names)
print('A1', a1)
want = [[('str', h) for h in rows[0]]] + [[expect(k, v) for k, v in zip(kinds, r)] for r in rows[1:]]
bad = 0
for i, w in enumerate(want):
    g = got[i] if i < len(got) else []
    g = g[:len(w)]
    if g != w:
        bad += 1
        print('row', i, 'want', w, 'got', g)
extra = [r for r in got[len(want):] if any(v != '' for _, v in r)]
if extra:
    bad += 1
    print('rows past the table:', extra)
print('ok %d cells' % sum(len(w) for w in want) if not bad else 'BAD')
PYEOF
for f in xlsx ods; do
	SOURCE_DATE_EPOCH=1717243200 runs_ok "-f $f -o FILE writes a workbook" \
		sg-render -f $f -t 'Area figures' -c 'Counts by area' -n 'First note.' \
		-o "b.$f" book.tsv
	is "$out" "" "-f $f: nothing on standard output"
	sg-render -f $f <book.tsv >"s.$f"
	is "$?" 0 "-f $f: standard output that is not a terminal takes the workbook"
	if [ "$f" = xlsx ]; then mod=openpyxl; else mod=odf.opendocument; fi
	if [ -x "$PY" ] && "$PY" -c "import $mod" 2>/dev/null; then
		"$PY" cells.py $f "b.$f" book.tsv kinds.txt >"c.$f" 2>&1
		is "$(tail -1 "c.$f")" "ok 36 cells" \
			"-f $f: every cell as the TSV: numbers numeric, symbols [c] [x] ..., dates dates, text as written"
		[ "$(tail -1 "c.$f")" = "ok 36 cells" ] || sed 's/^/# /' "c.$f"
		like "$(cat "c.$f")" "^sheets Cover Contents Notes book$" \
			"-f $f: Cover, Contents, Notes, then the table's sheet named from its file"
		like "$(cat "c.$f")" "^A1 Counts by area$" "-f $f: the table's A1 is the caption"
		"$PY" cells.py $f "s.$f" book.tsv kinds.txt >"d.$f" 2>&1
		is "$(tail -1 "d.$f")" "ok 36 cells" "-f $f: the same cells through standard output"
		like "$(cat "d.$f")" "^sheets Cover Contents Notes Table_1$" \
			"-f $f: standard input's table is the sheet Table_1"
	else
		skip "-f $f read back: /usr/bin/python3 has no $mod" 5
	fi
done
if [ -x "$PY" ] && "$PY" -c "import openpyxl" 2>/dev/null; then
	"$PY" - b.xlsx >front.txt 2>&1 <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print('cover', wb['Cover']['A1'].value)
for r in wb['Cover'].iter_rows(min_row=4, values_only=True):
    print('cover', *r, sep='|')
for r in wb['Contents'].iter_rows(min_row=4, values_only=True):
    print('contents', *r, sep='|')
for r in wb['Notes'].iter_rows(min_row=4, values_only=True):
    print('notes', *r, sep='|')
PYEOF
	f=$(cat front.txt)
	like "$f" "^cover Area figures$" "xlsx: the Cover's A1 is the title (-t)"
	like "$f" "^cover\|Date produced\|2024-06-01$" "xlsx: the date produced (SOURCE_DATE_EPOCH)"
	like "$f" "^contents\|book\|Counts by area$" "xlsx: Contents lists the table with its title"
	like "$f" "^notes\|Note 1\|First note.$" "xlsx: -n goes to the Notes sheet"
	like "$f" "^notes\|\[c\]\|Confidential" "xlsx: the Notes sheet says what [c] means"
	SOURCE_DATE_EPOCH=1717243200 sg-render -f xlsx -t 'Only a title' -o t.xlsx book.tsv
	is "$("$PY" -c 'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print(wb["Cover"]["A1"].value, "/", wb["book"]["A1"].value)' t.xlsx)" \
		"Only a title / Only a title" "xlsx: -t alone titles the Cover and the table"
else
	skip "the xlsx Cover, Contents and Notes: /usr/bin/python3 has no openpyxl" 6
fi

# script(1) runs the tool on a terminal and copies its output (stderr
# too) and its exit status.
for f in xlsx ods; do
	script -qec "$SG_BUILD/tools/sg-render -f $f $TMP/book.tsv" /dev/null >tty.out 2>&1
	rc=$?
	is "$rc:$(tr -d '\r' <tty.out)" "2:sg-render: -f $f: a workbook is binary, not for a terminal: give -o FILE or redirect standard output" "-f $f to a terminal: exit 2 with a message, and nothing written"
done
fails_with 2 "-z: a workbook is a zip file already" "-f xlsx -z is a usage error" \
	sg-render -f xlsx -z -o z.xlsx book.tsv
fails_with 2 "-T, -S, -P and -d are for text, md, html and csv" \
	"-f ods with a display option is a usage error" sg-render -f ods -T count -o z.ods book.tsv
fails_with 2 "--show is for text, md, html and csv" "-f xlsx --show is a usage error" \
	sg-render -f xlsx -s c=* -o z.xlsx book.tsv
fails_with 2 "--key is for text, md and html" "-f xlsx --key is a usage error" \
	sg-render -f xlsx -k "$D/rag.tsv" -o z.xlsx book.tsv
fails_with 2 "--bom is for text, md, html and csv" "-f ods --bom is a usage error" \
	sg-render -f ods -B -o z.ods book.tsv
ok "$([ ! -e z.xlsx ] && [ ! -e z.ods ]; echo $?)" "no workbook is left after a usage error"
fails_with 2 "-f ods: one table a workbook: sg-book\\(1\\) puts several in one" \
	"-f ods of two files is a usage error pointing to sg-book" sg-render -f ods -o z.ods book.tsv book.tsv
printf 'area\tcount\n' >empty.tsv
mkdir scratch
TMPDIR=$TMP/scratch sg-render -f ods <book.tsv >s2.ods
is "$?:$(ls -A scratch)" "0:" "-f ods to standard output leaves no scratch file behind"
TMPDIR=$TMP/scratch sg-render -f xlsx empty.tsv >s2.xlsx 2>/dev/null
is "$?:$(ls -A scratch)" "1:" "... nor when the workbook fails"
fails_with 1 "empty.tsv: the table has no rows: an empty table is not published" \
	"-f xlsx of a table without rows: exit 1, says so" sg-render -f xlsx -o e.xlsx empty.tsv
ok "$([ ! -e e.xlsx ]; echo $?)" "... and writes no workbook"
fails_with 1 "^sg-render: returns.tsv: the table has no rows" \
	"-f ods names standard input by --label in its messages" \
	sg-render -f ods --label returns.tsv -o e.ods <empty.tsv

done_testing
