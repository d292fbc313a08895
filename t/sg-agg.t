#!/bin/bash
# sg-agg: group-by without sorting, and the operations.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D="$DATA/agg"
nl='
'

# --- The operations, groups in first-seen order, a total row. ----------
# Hand-computed in nums-total.want: b = 4 2 -3, a = 1.5 0.1 0.2, c = 10.
runs_ok "every operation with -g and --total" \
    sg-agg -g g count distinct:id repeat:id sum:v min:v max:v mean:v \
    median:v --total All "$D/nums.tsv"
printf '%s\n' "$out" >got
same_file got "$D/nums-total.want" "groups in first-seen order; totals over all rows"
like "$(tail -1 got)" "^All	7	3	2	" \
    "the total's distinct is over the whole input (3), not a sum (5)"

run sg-agg -g g --sort count "$D/nums.tsv"
is "$out" "g	count${nl}a	3${nl}b	3${nl}c	1" "--sort orders groups by key bytes"
run sg-agg -g 1 -s count "$D/nums.tsv"
is "$out" "g	count${nl}a	3${nl}b	3${nl}c	1" "-g takes column numbers; -s is --sort"

run sg-agg count:id sum:v "$D/nums.tsv"
is "$out" "count_id	sum_v${nl}7	14.8" "without -g, one row for the whole input"
run sg-agg -g g,id count "$D/nums.tsv"
is "$out" "g	id	count${nl}b	p1	2${nl}a	p1	2${nl}b	p2	1${nl}a	p2	1${nl}c	p3	1" \
    "several group columns"
run sg-agg -g id,g count --total Total "$D/nums.tsv"
is "$(printf '%s\n' "$out" | tail -1)" "Total		7" \
    "the total's label goes in the first group column, the others empty"
run sg-agg -g g 'count:id:Number of reports' 'sum:v:Total value' "$D/nums.tsv"
is "$(printf '%s\n' "$out" | head -1)" "g	Number of reports	Total value" \
    "NAME names a column and may hold spaces"
run sg-agg -g g "$D/nums.tsv"
is "$out" "g${nl}b${nl}a${nl}c" "with no operation, the distinct groups"
run sg-agg median:v 'median:v:m2:g!=c' "$D/nums.tsv"
is "$out" "median_v	m2${nl}1.5	0.85" "median of an odd and an even number of values"

printf 'v\n' >tenths.tsv
for i in 1 2 3 4 5 6 7 8 9 10; do printf '0.1\n' >>tenths.tsv; done
printf '123456789.01\n-0.11\n' >>tenths.tsv
run sg-agg sum:v tenths.tsv
is "$out" "sum_v${nl}123456789.9" "sums are exact decimals (0.1 ten times plus 123456789.01 - 0.11)"
run sg-agg mean:v 'sum:v:s:v<1' tenths.tsv
is "$out" "mean_v	s${nl}10288065.825	0.89" "mean from the exact sum"

# --- Symbols propagate. ---------------------------------------------------
runs_ok "symbols in numeric columns" \
    sg-agg -g g count sum:v min:v max:v mean:v median:v "$D/syms.tsv"
printf '%s\n' "$out" >got
same_file got "$D/syms.want" "c beats x beats z; an empty value reads as x; low beside 3 is x"
# u (DfE's low reliability) comes after c and x, before z and low (sg.7).
printf 'g\tv\na\t3\na\tu\nb\tu\nb\tx\nc\tc\nc\tu\nd\tz\nd\tu\ne\tu\ne\tlow\n' >u.tsv
run sg-agg -g g sum:v max:v u.tsv
is "$out" "$(printf 'g\tsum_v\tmax_v\na\tu\tu\nb\tx\tx\nc\tc\tc\nd\tu\tu\ne\tu\tu')" \
    "u propagates: over a number, z and low; under c and x"

printf 'v\n12abc\n' >bad.tsv
fails_with 1 "^sg-agg: bad.tsv:2: v: not a number: '12abc'$" \
    "a non-number is a data error naming file, line and column" \
    sg-agg sum:v bad.tsv
fails_with 1 "^sg-agg: -:3: v: not a number: '1,200'$" \
    "standard input is shown as -" \
    sh -c "printf 'v\n1\n1,200\n' | sg-agg max:v"
runs_ok "a non-number in a column only counted is fine" sg-agg count:v bad.tsv
is "$out" "count_v${nl}1" "count counts rows whatever the value"
# A message is never cut (issue 15): with a 1,100-character column name
# the whole message is still there, the value at its end.
long=$(printf 'v%.0s' $(seq 1100))
printf 'g\t%s\na\t1\nb\tabc\n' "$long" >longname.tsv
run sg-agg -g g "sum:$long" longname.tsv
is "$rc:$err" "1:sg-agg: longname.tsv:3: $long: not a number: 'abc'" \
    "a message with a long column name is printed whole"

# --- Conditions. ------------------------------------------------------------
run sg-agg 'count:ref:DA 16-17:type=crime&da=Y&band=16-17' \
    'count:ref:not crime:type!=crime' 'count:ref:H2:date>=2023-10-01' \
    'count:ref:early:date<2023-06-01' 'count:ref:no band:band=' \
    "$D/conds.tsv"
is "$out" "DA 16-17	not crime	H2	early	no band${nl}2	1	2	2	1" \
    "conditions: = != >= < on text and ISO dates, & joins, empty value"
run sg-agg 'count:ref:a:age<10' 'count:ref:b:age>=16' 'count:ref:c:age=16' \
    'count:ref:d:age<=9' 'count:ref:e:age>99' 'count:ref:f:age!=16' \
    "$D/conds.tsv"
is "$out" "a	b	c	d	e	f${nl}1	4	2	1	1	4" \
    "conditions compare numbers as numbers (9 < 10 < 100, 16 = 16.0)"
run sg-agg 'sum:age::type=crime' 'mean:age::type=nothing' \
    'distinct:ref::type=nothing' "$D/conds.tsv"
is "$out" "sum_age	mean_age	distinct_ref${nl}158	z	0" \
    "an empty NAME keeps OP_COL; no rows: mean z, distinct 0"
fails_with 2 "count:ref:x:nosuch=1: no column 'nosuch'; the columns are: ref, type" \
    "an unknown column in a condition is a usage error" \
    sg-agg 'count:ref:x:nosuch=1' "$D/conds.tsv"
fails_with 2 "bad condition 'type'" "a condition without an operator" \
    sg-agg 'count:ref:x:type' "$D/conds.tsv"

# --- Published figures. -------------------------------------------------------
# Missing-person reports: CSV to the stream by awk here (dd/mm/yyyy to
# ISO), periods by date range, so this test needs no other tool.
awk -F, 'BEGIN { OFS = "\t" }
    NR == 1 { $1 = $1; print $0, "period"; next }
    { split($3, d, "/"); $3 = d[3] "-" d[2] "-" d[1]
      if ($3 >= "2023-04-01" && $3 <= "2024-03-31") print $0, "current"
      else if ($3 >= "2022-04-01" && $3 <= "2023-03-31") print $0, "previous" }' \
    "$SAMPLES/police/missing-persons.csv" >mp.tsv
pub() {	# the published current and previous of a row of the police table
	awk -F'\t' -v m="$1" '$1 == m { print $2 "\t" $3 }' \
	    "$SAMPLES/published/bnes-2023-24-police-12m-rolling.tsv"
}
runs_ok "the missing-children table" sg-agg -g period -s \
    'distinct:child_id:Number of Missing Children' \
    'count:report_ref:Number of Missing Children Reports' \
    'repeat:child_id:Number of Repeat Missing Children' \
    'distinct:child_id:Number of Children Missing from Care:from_care=Y' \
    'repeat:child_id:Number of Repeat Children Missing from Care:from_care=Y' \
    mp.tsv
printf '%s\n' "$out" >got
for m in "Number of Missing Children" "Number of Missing Children Reports" \
    "Number of Repeat Missing Children" "Number of Children Missing from Care" \
    "Number of Repeat Children Missing from Care"; do
	col=$(head -1 got | tr '\t' '\n' | grep -nx "$m" | cut -d: -f1)
	cur=$(awk -F'\t' -v c="$col" '$1 == "current" { print $c }' got)
	prev=$(awk -F'\t' -v c="$col" '$1 == "previous" { print $c }' got)
	is "$cur	$prev" "$(pub "$m")" "$m: as published (current, previous)"
done

awk -F, 'BEGIN { OFS = "\t" } NR == 1 { $1 = $1; print; next }
    { split($3, d, "/"); $3 = d[3] "-" d[2] "-" d[1]; print }' \
    "$SAMPLES/adults/concerns.csv" >concerns.tsv
run sg-agg 'count:concern_id:concerns:received_date>=2023-04-01&received_date<=2024-03-31' \
    'distinct:person_id:people:received_date>=2023-04-01&received_date<=2024-03-31' \
    concerns.tsv
is "$out" "concerns	people${nl}1603	1086" \
    "1603 concerns relating to 1086 people (2023-24)"

# --- The stream contract. ---------------------------------------------------
printf 'g\tv\n' >hdr.tsv
run sg-agg -g g count sum:v hdr.tsv
is "$rc:$out" "0:g	count	sum_v" "header only, with -g: no groups"
run sg-agg count sum:v mean:v distinct:v hdr.tsv
is "$rc:$out" "0:count	sum_v	mean_v	distinct_v${nl}0	0	z	0" \
    "header only, without -g: one row (count 0, sum 0, mean z)"
run sg-agg -g g count --total All hdr.tsv
is "$out" "g	count${nl}All	0" "header only with --total: a total of 0"
: >empty.tsv
fails_with 1 "empty.tsv.*no header" "an empty file is a data error" \
    sg-agg count empty.tsv
sed 's/$/\r/' "$D/nums.tsv" >crlf.tsv
run sg-agg -g g count sum:v crlf.tsv
is "$out" "$(sg-agg -g g count sum:v "$D/nums.tsv")" "CRLF input reads the same"
gzip -c "$D/nums.tsv" >nums.gz
run sg-agg -g g count sum:v nums.gz
is "$out" "$(sg-agg -g g count sum:v "$D/nums.tsv")" "gzip input is read"
run sg-agg -g g count "$D/nums.tsv" nums.gz
is "$out" "g	count${nl}b	6${nl}a	6${nl}c	2" "several files are one stream"
fails_with 1 "header differs" "files with different headers" \
    sg-agg count "$D/nums.tsv" "$D/syms.tsv"
runs_ok "-o FILE -z" sg-agg -g g count -o out.gz -z "$D/nums.tsv"
is "$(gzip -dc out.gz)" "g	count${nl}b	3${nl}a	3${nl}c	1" "-z with -o writes gzip"
run sh -c "sg-agg -g g count '$D/nums.tsv' >/dev/full"
is "$rc" 1 "a write error exits 1"
like "$err" "sg-agg" "and says so"

# --- Command-line errors: in t/cases/sg-agg; --help and -V here. ------------
run sg-agg --help
is "$rc" 0 "--help exits 0"
like "$out" "^usage: sg-agg" "--help prints the usage"

# --- distinct and repeat against awk, few groups and many. -------------------
# Few groups keep a bitmap per group; many groups times many values move to
# a set of pairs part way through the input.  Both must count the same.
for spec in "50 90000" "3000 90000"; do
	set -- $spec
	awk -v G="$1" -v V="$2" 'BEGIN { print "g\tv"
	    for (i = 0; i < 300000; i++) print "g" (i * 7) % G "\t" (i * 7919) % V
	    for (i = 0; i < 3000; i++) print "g" i % G "\t" (i * 13) % V }' >dr.tsv
	awk -F'\t' 'NR > 1 { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
	    c[$1 SUBSEP $2]++; all[$2]++ }
	    END { for (k in c) { split(k, p, SUBSEP); d[p[1]]++; if (c[k] > 1) r[p[1]]++ }
	          for (v in all) { D++; if (all[v] > 1) R++ }
	          print "g\tdistinct_v\trepeat_v"
	          for (i = 1; i <= n; i++) print order[i] "\t" d[order[i]] "\t" r[order[i]] + 0
	          print "All\t" D "\t" R }' dr.tsv >dr.want
	run sg-agg -g g distinct:v repeat:v --total All dr.tsv
	printf '%s\n' "$out" >dr.got
	same_file dr.got dr.want "distinct and repeat agree with awk: $1 groups, $2 values"
done

# --- Memory grows with the groups, not with the rows. ------------------------
if [ -x /usr/bin/time ]; then
	awk 'BEGIN { print "g\tv"; for (i = 0; i < 200000; i++) print i % 50 "\t" i }' >little.tsv
	awk 'BEGIN { print "g\tv"; for (i = 0; i < 400000; i++) print i % 50 "\t" i }' >big.tsv
	/usr/bin/time -f %M -o m1 sg-agg -g g count sum:v mean:v little.tsv >/dev/null
	/usr/bin/time -f %M -o m2 sg-agg -g g count sum:v mean:v big.tsv >/dev/null
	m1=$(tail -1 m1) m2=$(tail -1 m2)
	ok "$([ $((m2 - m1)) -lt 1024 ]; echo $?)" \
	    "peak memory does not grow with the rows (${m1} KB, ${m2} KB for twice the rows)"
else
	skip "peak memory does not grow with the rows" "no /usr/bin/time"
fi

# Alternatives: '|' separates them, '&' binds tighter.
printf 'id\ts\te\n1\t2024-01-01\tx\n2\t2024-01-01\t2024-02-01\n3\t2024-01-01\t2024-05-01\n4\t2024-05-01\tx\n' >alt.tsv
run sg-agg 'count:id:open:s<=2024-03-31&e=x|s<=2024-03-31&e>2024-03-31' \
	'count:id:either:id=1|id=4|id=9' 'count:id:neither:id=1&id=2|id=3&id=2' alt.tsv
is "$out" "$(printf 'open\teither\tneither\n2\t2\t0')" \
	"| separates alternatives and & binds tighter (plans open on 31 March: ids 1 and 3)"
fails_with 2 "bad condition" "an empty alternative is a usage error" \
	sg-agg 'count:id:n:id=1|' alt.tsv

done_testing
