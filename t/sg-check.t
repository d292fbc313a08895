#!/bin/bash
# sg-check: recompute a table's totals, percentages and changes at the
# precision shown, report every mismatch, pass the stream through.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D=$DATA/check
POLICE=$SAMPLES/published/bnes-2023-24-police-12m-rolling.tsv
CHG='Current,Previous,Chg,% Chg'

# The four published police tables as one stream, values exactly as
# printed (+7, 1,043, +7.1%): only the section lines are dropped.
awk -F'\t' 'BEGIN { OFS = "\t"; print "measure", "Current", "Previous",
    "Chg", "% Chg" }
    $2 == "Current" || $2 == "12 Month Rolling" { next } { print }' \
    "$POLICE" >printed.tsv
is "$(grep -c '1,043' printed.tsv):$(grep -c '+168.8%' printed.tsv)" "1:1" \
    "the police table is kept as printed"

# --- the published tables ----------------------------------------------
run sg-check --change "$CHG" printed.tsv
is "$rc:$err" "0:" "--change flags nothing on the police tables as printed"
printf '%s\n' "$out" >passed.tsv
same_file passed.tsv printed.tsv "the stream passes through unchanged"

sed 's/\t282\t/\t283\t/' printed.tsv >283.tsv
run sg-check --change "$CHG" 283.tsv
is "$rc" 1 "283 reports in place of 282: exit 1"
is "$err" "$(printf '%s\n' \
    'sg-check: 283.tsv:3: change Chg: expected 105, found 104' \
    'sg-check: 283.tsv:3: change % Chg: expected 59.0, found 58.4%' \
    'sg-check: 2 checks failed in 1 of 16 rows')" \
    "283 in place of 282: the Chg and the % Chg (58.4 printed, 59.0 due) are flagged"
printf '%s\n' "$out" >passed.tsv
same_file passed.tsv 283.tsv "a failing table still passes through whole"
run sg-check --change 'Current,Previous,-,% Chg' 283.tsv
is "$err" "$(printf '%s\n' \
    'sg-check: 283.tsv:3: change % Chg: expected 59.0, found 58.4%' \
    'sg-check: 1 check failed in 1 of 16 rows')" "- skips the Chg column"
run sg-check --change 'Current,Previous,Chg,-' 283.tsv
like "$err" "change Chg: expected 105, found 104" "- skips the % Chg column"
unlike "$err" "% Chg:" "... and then % Chg is not checked"

# sg-rate's own plain output checks clean, at the places it printed.
awk -F'\t' 'BEGIN { OFS = "\t" } { NF = 3; gsub(/,/, "", $2);
    gsub(/,/, "", $3); print }' printed.tsv >counts.tsv
sg-rate -c Current,Previous:2 counts.tsv >rated.tsv
run sg-check -c "$CHG" rated.tsv
is "$rc:$err" "0:" "sg-rate --change output checks clean (plain forms, 2 places)"

# --- totals and percentages (t/data/check/sums.tsv, worked by hand) ------
cp "$D/sums.tsv" sums.tsv
run sg-check --total 'total=a+b+c' --pct 'share=count/of' \
    --pct 'share1dp=count/of' sums.tsv
is "$rc" 1 "--total and --pct failures: exit 1"
printf '%s\n' "$err" >sums.err
same_file sums.err "$D/sums.err" \
    "every mismatch reported: 87 printed where 15/20 gives 75, a wrong total, precision as shown"
like "$(sed -n 3p sums.err)" "expected z, found 0.0" \
    "a percentage of 0 is z and must be printed so"
run sg-check --total 'total=a+b+c' sums.tsv
like "$err" "sums.tsv:7: total total: expected 6, found 7" \
    "--total catches a total that is not the sum of its parts"
unlike "$err" "sums.tsv:[56]:" "rows with a symbol among the parts are not checked"
unlike "$err" "sums.tsv:3:" "1,043 + 7 + 0 = 1,050 is read in report form"
run sg-check --pct 'share=count/of' sums.tsv
is "$(head -1 <<<"$err")" "sg-check: sums.tsv:3: pct share: expected 75, found 87" \
    "--pct catches 87 printed where 15/20 gives 75"
printf 'n\td\tp\n1\t8\t13\n1\t8\t12\n1\t8\t12.5%%\n' >half.tsv
run sg-check -p p=n/d half.tsv
is "$err" "$(printf '%s\n' 'sg-check: half.tsv:3: pct p: expected 13, found 12' \
    'sg-check: 1 check failed in 1 of 3 rows')" \
    "12.5 shown to 0 places must be 13 (halves away from zero)"

# --- rows: unique, required, range (t/data/check/rows.tsv) -------------
cp "$D/rows.tsv" rows.tsv
run sg-check -u kpi,agency -r agency,value -b value:0:100 -b target:0: rows.tsv
is "$rc" 1 "row checks failing: exit 1"
printf '%s\n' "$err" >rows.err
same_file rows.err "$D/rows.err" "--unique, --required and --range report every failure"
run sg-check --warn -u kpi,agency -r agency,value -b value:0:100 \
    -b target:0: rows.tsv
is "$rc" 0 "--warn reports and exits 0"
printf '%s\n' "$err" >warn.err
same_file warn.err "$D/rows.err" "--warn reports the same failures"
run sg-check -b 'value::100' rows.tsv
like "$err" "rows.tsv:4: range value: expected at most 100, found 101" \
    "--range with no minimum"

# --- output -------------------------------------------------------------
echo previous >out.tsv
run sg-check -c "$CHG" -o out.tsv 283.tsv
is "$rc:$(cat out.tsv)" "1:previous" "a failed check leaves the previous -o file in place"
run sg-check -c "$CHG" --warn -o out.tsv 283.tsv
same_file out.tsv 283.tsv "with --warn the -o file is written"
run sg-check -c "$CHG" -z -o out.gz printed.tsv
gzip -dc out.gz >out.plain
same_file out.plain printed.tsv "-z gzips the output"
seq 1 200000 | awk 'BEGIN { print "a\tb\tt" } { print $1 "\t1\t" $1 + 1 }' >big.tsv
sg-check -t t=a+b big.tsv 2>pipe.err | head -1 >/dev/null
is "${PIPESTATUS[0]}:$(cat pipe.err)" "0:" "a closed pipe ends quietly"

# --- stream behaviour ---------------------------------------------------
printf 'a\tb\n' >hdr.tsv
run sg-check -r a hdr.tsv
is "$rc:$out" "$(printf '0:a\tb')" "header-only input passes its header"
printf 'a\tb\tt\r\n1\t2\t3\r\n' >crlf.tsv
run sg-check -t t=a+b crlf.tsv
is "$rc:$out" "$(printf '0:a\tb\tt\n1\t2\t3')" "CRLF input is checked, LF written"
printf 'k\tv\n1\ta\\tb\n2\tb\n' | gzip >one.gz
printf 'k\tv\n3\tc\n1\td\n' >two.tsv
run sg-check -u k one.gz two.tsv
is "$err" "$(printf '%s\n' \
    "sg-check: two.tsv:3: unique k: expected a value not seen before, found 1 again (first at one.gz:2)" \
    'sg-check: 1 check failed in 1 of 4 rows')" \
    "gzip input and several files are one stream; a repeat names the first file"
is "$(sed -n 2p <<<"$out")" "$(printf '1\ta\\tb')" "escapes pass through untouched"

# --- notes for a published document (--note), worked by hand -------------
# adult-concerns.tsv under the nhs profile: each count rounded to 5.
printf '%s\n' \
    'year	concerns	people	s42(2) enquiries	s42(1) criteria met	s42(1) criteria not met' \
    '2021-22	1020	720	240	520	260' \
    '2022-23	1655	1150	355	810	490' \
    '2023-24	1605	1085	345	675	515' >funnel.tsv
FUNNEL='concerns=s42(2) enquiries+s42(1) criteria met+s42(1) criteria not met'
run sg-check --warn --rounded 5 --note note.txt --row-label year \
    --total "$FUNNEL" --as 'the three s42 outcomes' funnel.tsv
is "$(cat note.txt)" "2023-24: the three s42 outcomes add to 1,535, not the 1,605 concerns." \
    "--note: one sentence from the published cells (345 + 675 + 515 = 1,535), in words"
like "$err" "funnel.tsv:4: total concerns: expected 1535, found 1605" \
    "the analyst's message is still on standard error"
unlike "$(cat note.txt)" "sg-|funnel|:4:|expected" "the note names no tool, file or line"
is "$rc" 0 "with --warn, exit 0"
printf '%s\n' "$out" >passed.tsv
same_file passed.tsv funnel.tsv "--note leaves the stream as it was"
run sg-check --note note.txt --total "$FUNNEL" funnel.tsv
is "$rc:$(cat note.txt)" \
    "1:2023-24: s42(2) enquiries, s42(1) criteria met and s42(1) criteria not met add to 1,535, not the 1,605 concerns." \
    "without --as the parts are named by their columns; without --warn exit 1, the note written"
run sg-check -N note.txt -k people -t "$FUNNEL" -a 'the outcomes' funnel.tsv
like "$(cat note.txt)" "^1085: the outcomes" "--row-label names the row by another column, as written"
printf 'k\tt\ta\n1\t2\t2\n' >one.tsv
run sg-check -N note.txt -t t=a one.tsv
is "$rc:$(cat note.txt)" "0:" "nothing failed: the note file is written, empty"
printf 'k\tt\ta\n1\t3\t2\n' >one.tsv
run sg-check -N note.txt -t t=a one.tsv
is "$(cat note.txt)" "1: a adds to 2, not the 3 t." "one part adds"

# Rounded to 5: a total of 3 parts is right within 4 x 2 = 8.
printf 'k\tt\ta\tb\tc\nok\t23\t5\t5\t5\nlow\t7\t5\t5\t5\nbad\t24\t5\t5\t5\n' >r5.tsv
run sg-check -R 5 -N note.txt -t t=a+b+c r5.tsv
is "$rc:$err" "$(printf '%s\n' '1:sg-check: r5.tsv:4: total t: expected 15, found 24' \
    'sg-check: 1 check failed in 1 of 3 rows')" \
    "--rounded 5: 23 and 7 against 15 pass (off by 8), 24 fails (off by 9)"
is "$(cat note.txt)" "bad: a, b and c add to 15, not the 24 t." "and only 24 is in the note"
run sg-check -t t=a+b+c r5.tsv
like "$err" "3 checks failed" "without --rounded all three fail"
printf 'k\tt\ta\tb\nx\t20\t5\t5\n' >r10.tsv
run sg-check -R 10 -t t=a+b r10.tsv
is "$rc" 0 "--rounded 10: 2 parts and the total each off by up to 5: 15"
run sg-check -R 9 -t t=a+b r10.tsv
is "$rc" 0 "--rounded 9: off by up to 4 each, 12"
run sg-check -R 5 -t t=a+b r10.tsv
is "$rc" 1 "--rounded 5: off by up to 2 each, 6: 10 against 20 fails"

# A suppressed cell: the check cannot be shown, and nothing is worked out.
printf '%s\n' 'area	total	a	b	n	d	p	cur	prev	Chg	% Chg' \
    'North	10	c	5	3	c	30	c	5	c	c' \
    'South	c	5	5	c	10	30	9	4	c	125.0' \
    'West	10	4	6	3	10	30	9	4	5	c' >supp.tsv
run sg-check -N note.txt -t total=a+b -p p=n/d -c "cur,prev,Chg,% Chg" supp.tsv
is "$rc:$err" "0:" "a c among the inputs or in the checked cell is not checked"
is "$(cat note.txt)" "$(printf '%s\n' \
    'North: whether a and b add to the total cannot be shown, as a figure in it is suppressed.' \
    'North: whether p is n as a percentage of d cannot be shown, as a figure in it is suppressed.' \
    'North: whether Chg and % Chg follow from cur and prev cannot be shown, as a figure in it is suppressed.' \
    'South: whether a and b add to the total cannot be shown, as a figure in it is suppressed.' \
    'South: whether p is n as a percentage of d cannot be shown, as a figure in it is suppressed.' \
    'South: whether Chg and % Chg follow from cur and prev cannot be shown, as a figure in it is suppressed.' \
    'West: whether Chg and % Chg follow from cur and prev cannot be shown, as a figure in it is suppressed.')" \
    "the note says each such check cannot be shown, and gives no value"
run sg-check -N note.txt -c "cur,prev,Chg,-" supp.tsv
is "$(cat note.txt)" "$(printf '%s\n' \
    'North: whether Chg follows from cur and prev cannot be shown, as a figure in it is suppressed.' \
    'South: whether Chg follows from cur and prev cannot be shown, as a figure in it is suppressed.')" \
    "--change with % Chg skipped: a c there does not count (West is checked, 9 less 4 is 5)"
printf 'k\tt\ta\tb\nz\tx\t1\t2\nx\t3\tx\t1\n' >sym.tsv
run sg-check -N note.txt -t t=a+b sym.tsv
is "$rc:$(cat note.txt)" "1:z: a and b add to 3, but the t is not available." \
    "x in a total of numbers fails, and is said in words; x among the parts is not checked"

# Every kind of failure, in words, with thousands separators.
printf '%s\n' 'name	cur	prev	Chg	% Chg	n	d	p	total	a	b' \
    'Reports	1234567	1000	1233000	123356.7	15	20	87	-1234.5	-1000	-230' \
    'Zero	5	0	5	0.0	3	0	0.0	1,043	1,000	43' >words.tsv
run sg-check -N note.txt -c "cur,prev,Chg,% Chg" -p p=n/d -t total=a+b words.tsv
is "$(cat note.txt)" "$(printf '%s\n' \
    'Reports: Chg should be 1,233,567 (1,234,567 less 1,000), not 1,233,000.' \
    'Reports: p should be 75 (15 of 20), not 87.' \
    'Reports: a and b add to -1,230.0, not the -1,234.5 total.' \
    'Zero: % Chg should be not applicable (the change from 0 to 5), not 0.0.' \
    'Zero: p should be not applicable (3 of 0), not 0.0.')" \
    "--change, --pct and --total failures as sentences; report forms (1,043) read and shown as printed"
run sg-check -N note.txt -u kpi,agency -r agency,value -b value:0:100 \
    -b target:0: "$D/rows.tsv"
is "$(cat note.txt)" "$(printf '%s\n' \
    '1.1: no value is given.' \
    '1.2: value should be 0 to 100, not 101.' \
    '1.1: more than one row has the same kpi and agency (1.1, RUH).' \
    '1.3: no agency is given.' \
    '1.3: value should be 0 to 100, not -1.' \
    "1.4: target should be at least 0, not 'abc'.")" \
    "--unique, --required and --range failures as sentences"
printf 'k\tt\ta\tb\nrow\t3\tabc\t1\n' >bad.tsv
run sg-check -N note.txt -t t=a+b bad.tsv
is "$(cat note.txt)" "row: a should be a number, not 'abc'." "an input that is not a number"

# --- bad command lines: in t/cases/sg-check; --help and -V here. ------
run sg-check --help
like "$rc:$out" "^0:usage: sg-check" "--help prints usage, exit 0"
run sg-check -V
like "$rc:$out" "^0:sg-check " "-V prints the version"

done_testing
