#!/bin/bash
# sg-rate: rates, percentages and changes from unrounded values.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D=$DATA/rate
POLICE=$SAMPLES/published/bnes-2023-24-police-12m-rolling.tsv

# The four published police tables as one stream: the section lines
# dropped, and the report's display forms (1,043  +7  +7.1%) made plain.
awk -F'\t' 'BEGIN { OFS = "\t"; print "measure", "Current", "Previous",
    "Chg", "% Chg" }
    $2 == "Current" || $2 == "12 Month Rolling" { next }
    { for (i = 2; i <= 5; i++) gsub(/[,+%]/, "", $i); print }' \
    "$POLICE" >police.tsv
is "$(($(wc -l <police.tsv) - 1))" 16 "the published police tables hold 16 rows"

# --- the published figures ---------------------------------------------
runs_ok "--change on the police tables runs" \
    sg-rate -c Current,Previous -n C2,P2 police.tsv
printf '%s\n' "$out" >police.out
is "$(awk -F'\t' 'NR > 1 && ($4 != $6 || $5 != $7)' police.out)" "" \
    "--change reproduces every Chg and % Chg printed in the police tables"
is "$(awk -F'\t' 'NR > 1' police.out | wc -l)" 16 "every police row is checked"
is "$(awk -F'\t' '$2 == 282 { print $6, $7 }' police.out)" "104 58.4" \
    "282 reports against 178 is a change of 104, 58.4%"
is "$(awk -F'\t' '$2 == 172 { print $6, $7 }' police.out)" "108 168.8" \
    "172 against 64 is +108, +168.8% (168.75 rounds half away from zero)"
is "$(awk -F'\t' '$2 == 54 { print $6, $7 }' police.out)" "-3 -5.3" \
    "a fall is negative, with no sign on rises and no % sign"

printf 'area\tplans\tpop\nB&NES\t141\t35100\n' >cp.tsv
run sg-rate --rate 'per 10k=plans/pop*10000' cp.tsv
is "$out" "$(printf 'area\tplans\tpop\tper 10k\nB&NES\t141\t35100\t40.2')" \
    "141 children on plans in a 0-17 population of 35,100 is 40.2 per 10,000"

# u (DfE's low reliability) propagates like the other symbols (sg.7).
printf 'a\tn\td\np\tu\t100\nq\t5\tu\nr\tu\tc\ns\tx\tu\nt\tu\t0\nw\tlow\tu\n' >u.tsv
run sg-rate -p 'pct=n/d' u.tsv
is "$(cut -f1,4 <<<"$out")" "$(printf 'a\tpct\np\tu\nq\tu\nr\tc\ns\tx\nt\tu\nw\tu')" \
    "a u operand gives u, c and x win over it, and u before a zero divisor"
run sg-rate -c n,d u.tsv
is "$(awk -F'\t' '$1 == "p" { print $4, $5 }' <<<"$out")" "u u" "a change from u is u"

# --- every kind of value, by hand (t/data/rate/measures.out) -------------
run sg-rate -r 'per10k=n/d*10000' -p 'pct=n/d:0' -p 'pct2=n/d:2' \
    -c cur,prev:2 -n Chg,PctChg "$D/measures.tsv"
printf '%s\n' "$out" >measures.got
same_file measures.got "$D/measures.out" \
    "rates, percentages, changes, symbols, zero divisors and halves"
run sg-rate --change cur,prev "$D/measures.tsv"
is "$(head -1 <<<"$out" | cut -f6,7)" "$(printf 'Chg\t%% Chg')" \
    "--change names its columns Chg and % Chg"
is "$(awk -F'\t' '$1 == "a" { print $7 }' <<<"$out")" 58.4 \
    "% Chg defaults to 1 decimal place"
is "$(awk -F'\t' '$1 == "e" { print $6 }' <<<"$out")" 1.25 \
    "Chg is as precise as its inputs (1.5 - 0.25)"
run sg-rate --pct 'p=n/d' "$D/measures.tsv"
is "$(awk -F'\t' '$1 == "b" { print $6 }' <<<"$out")" 12.5 \
    "--pct defaults to 1 decimal place"
run sg-rate --rate 'r=n/d' "$D/measures.tsv"
is "$(awk -F'\t' '$1 == "b" { print $6 }' <<<"$out")" 0.1 \
    "--rate without *PER is a plain ratio"
run sg-rate --rate 'r=2/3*10000' "$D/measures.tsv"
is "$(awk -F'\t' '$1 == "a" { print $6 }' <<<"$out")" 40.2 \
    "columns can be given by number"

printf 'kpi\tin a/b\tall/x\n1\t3\t4\n' >slash.tsv
run sg-rate -p 'share=in a/b/all/x' slash.tsv
is "$(cut -f4 <<<"$out" | tail -1)" 75.0 "column names may hold the separator"

run sg-rate -p 'p1=n/d' -r 'r1=n/d*1000:0' -c 'cur,prev' -n A,B \
    -c 'prev,cur:0' -n C,D "$D/measures.tsv"
is "$(head -1 <<<"$out" | cut -f6-)" "$(printf 'p1\tr1\tA\tB\tC\tD')" \
    "repeated options add their columns in the order given"
is "$(awk -F'\t' '$1 == "a" { print $9, $10, $11 }' <<<"$out")" "58.4 -104 -37" \
    "each --change has its own names and places"

# --- a symbol operand gives a symbol: c before x before z (man/sg.7) -----
# What sg-suppress hides must stay hidden in every measure made after it:
# each pair, its expected symbol by hand, in --rate, --pct, Chg and % Chg.
printf '%s\n' 'a	b	want' 'c	5	c' '5	c	c' 'c	x	c' 'x	c	c' 'c	z	c' \
    'z	c	c' 'c	c	c' 'c		c' '	c	c' 'c	0	c' '0	c	c' 'x	z	x' \
    'z	x	x' 'x	5	x' '	5	x' '5		x' 'z	5	z' '5	z	z' 'z	0	z' \
    'c	low	c' 'low	c	c' >sym.tsv
run sg-rate -r 'r=a/b*10000' -p 'p=a/b' -c a,b sym.tsv
is "$(awk -F'\t' 'NR > 1 && !($4 == $3 && $5 == $3 && $6 == $3 && $7 == $3) { print $1 "," $2 ": " $4, $5, $6, $7 }' <<<"$out")" "" \
    "an operand c gives c, else x gives x, else z gives z, in every measure"
is "$(awk -F'\t' 'NR > 1' <<<"$out" | wc -l)" 21 "every pair is written"

# --- stream behaviour ---------------------------------------------------
printf 'n\td\n' >hdr.tsv
run sg-rate -p p=n/d hdr.tsv
is "$out" "$(printf 'n\td\tp')" "header-only input gives the header"
: >empty.tsv
fails_with 1 'empty input' "empty input is a data error" sg-rate -p p=n/d empty.tsv
printf 'n\td\r\n1\t4\r\n' >crlf.tsv
run sg-rate -p p=n/d crlf.tsv
is "$out" "$(printf 'n\td\tp\n1\t4\t25.0')" "CRLF input is read, LF written"
printf 'n\td\n1\t4\n' | gzip >in.tsv.gz
run sg-rate -p p=n/d in.tsv.gz
is "$out" "$(printf 'n\td\tp\n1\t4\t25.0')" "gzip input is read"
printf 'n\td\n3\t4\n' >two.tsv
run sg-rate -p p=n/d in.tsv.gz two.tsv
is "$out" "$(printf 'n\td\tp\n1\t4\t25.0\n3\t4\t75.0')" \
    "several files are one stream"
printf 'n\td\na\\tb\t4\n' >esc.tsv
fails_with 1 "esc.tsv:2: n: not a number: 'a.tb'" \
    "escapes are passed through and shown in messages" \
    sg-rate -p p=n/d esc.tsv
runs_ok "-o writes a file" sg-rate -p p=n/d -o out.tsv two.tsv
is "$(cat out.tsv)" "$(printf 'n\td\tp\n3\t4\t75.0')" "-o file holds the output"
is "$(ls -a | grep -c sg-tmp)" 0 "-o leaves no temporary file"
runs_ok "-z gzips" sg-rate -z -p p=n/d -o out.gz two.tsv
is "$(gzip -dc out.gz)" "$(printf 'n\td\tp\n3\t4\t75.0')" "-z output unzips"
fails_with 1 'write error' "a full disk is exit 1" \
    sg-rate -p p=n/d two.tsv -o /dev/full
seq 1 200000 | awk 'BEGIN { print "n\td" } { print $1 "\t7" }' >big.tsv
sg-rate -p p=n/d big.tsv 2>pipe.err | head -1 >/dev/null
is "${PIPESTATUS[0]}:$(cat pipe.err)" "0:" "a closed pipe ends quietly"

# --- bad data -----------------------------------------------------------
printf 'n\td\n1\t4\n2\tabc\n3\t\n' >bad.tsv
fails_with 1 "^sg-rate: bad.tsv:3: d: not a number: 'abc'$" \
    "a non-number names file, line and column; exit 1" \
    sg-rate -p p=n/d bad.tsv
printf 'n\td\n1\t1,043\n' >sep.tsv
fails_with 1 "sep.tsv:2: d: not a number: '1,043'" \
    "report-style numbers are refused (sg-clean makes them plain)" \
    sg-rate -c n,d sep.tsv
run sg-rate -p p=n/d --reject rej.tsv bad.tsv
is "$rc:$out" "$(printf '0:n\td\tp\n1\t4\t25.0\n3\t\tx')" \
    "--reject sets the bad row aside and goes on"
is "$(cat rej.tsv)" "$(printf "n\td\treason\n2\tabc\tbad.tsv:3: d: not a number: 'abc'")" \
    "the rejected row keeps its columns plus a reason"
like "$err" "1 row set aside in rej.tsv" "--reject says how many rows it set aside"
is "$(($(wc -l <bad.tsv) - 1))" "$(($(wc -l <<<"$out") - 1 + $(wc -l <rej.tsv) - 1))" \
    "rows in = rows out + rows rejected"

# --- bad command lines: in t/cases/sg-rate; --help and -V here. ------
run sg-rate --help
like "$rc:$out" "^0:usage: sg-rate" "--help prints usage, exit 0"
run sg-rate -V
like "$rc:$out" "^0:sg-rate " "-V prints the version"

done_testing
