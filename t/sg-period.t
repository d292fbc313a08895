#!/bin/bash
# sg-period: period labels and the days between dates.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D="$DATA/period"
H="$SAMPLES/bank-holidays.tsv"
nl='
'

# --- Financial year, quarter, month. ------------------------------------
for m in fy quarter month; do
	run sg-period -d date --$m "$D/fy.tsv"
	printf '%s\n' "$out" >got
	same_file got "$D/$m.want" "--$m labels, across year and quarter boundaries"
done
run sg-period --date 2 -y -n year "$D/fy.tsv"
is "$(printf '%s\n' "$out" | head -2)" "id	date	year${nl}1	2023-03-31	2022-23" \
    "-y, --date by number, -n names the column"

# --- Rolling windows. ---------------------------------------------------------
run sg-period -d date --rolling 2024-03-31 "$D/rolling.tsv"
printf '%s\n' "$out" >got
same_file got "$D/rolling-12.want" \
    "--rolling END: current and previous 12 months, END inclusive"
is "$err" "sg-period: 2 rows outside the rolling windows (previous 2022-04-01 to 2023-03-31, current 2023-04-01 to 2024-03-31) set aside (keep them with --reject FILE)" \
    "rows outside both windows are counted on standard error"
run sg-period -d date -r 2024-03-15:6 -n window -R rej.tsv "$D/rolling.tsv"
printf '%s\n' "$out" >got
same_file got "$D/rolling-6.want" "END:MONTHS, an END that is not a month's end"
is "$(wc -l <rej.tsv)" 7 "--reject keeps the 6 rows outside, with a header"
is "$(head -2 rej.tsv)" "id	date	reason${nl}1	2022-03-31	$D/rolling.tsv:2: date: outside the rolling windows 2023-03-16 to 2024-03-15: '2022-03-31'" \
    "each with its original columns and a reason"
like "$err" "6 rows set aside in rej.tsv" "and says how many on standard error"
is "$(( $(wc -l <got) - 1 + $(wc -l <rej.tsv) - 1 ))" \
    "$(( $(wc -l <"$D/rolling.tsv") - 1 ))" "rows in = rows out + rows rejected"
printf 'd\n2024-01-31\n2024-02-01\n2024-02-29\n2024-03-01\n2023-12-31\n' >leap.tsv
run sg-period -d d -r 2024-02-29:1 leap.tsv
is "$out" "d	period${nl}2024-01-31	previous${nl}2024-02-01	current${nl}2024-02-29	current" \
    "a month-end END: whole calendar months (February 2024, January 2024)"

# --- Calendar and working days. --------------------------------------------------
# Hand-counted: Good Friday 29 March and Easter Monday 1 April 2024;
# Christmas Day, Boxing Day 2023 and New Year's Day 2024.  From a strategy
# discussion on Thursday 21 March 2024 the 15th working day is Monday
# 15 April; from Friday 15 December 2023 it is Wednesday 10 January 2024.
run sg-period -w strategy,conference -H "$H" "$D/workdays.tsv"
printf '%s\n' "$out" >got
same_file got "$D/workdays.want" \
    "working days across Easter 2024 and Christmas 2023 (first day excluded, last included)"
is "$(awk -F'\t' '$1 == "easter" { print $4 }' got)" 15 \
    "a conference 15 working days after a strategy discussion over Easter"
run sg-period --days strategy,conference "$D/workdays.tsv"
printf '%s\n' "$out" >got
same_file got "$D/days.want" "calendar days; TO before FROM is negative; empty is x"
run sg-period -D 2,3 -n gap "$D/workdays.tsv"
is "$(printf '%s\n' "$out" | sed -n 2p)" "easter	2024-03-21	2024-04-15	25" \
    "--days by column numbers, -n"

# An independent count: every day from 30 November 2023 to 30 April 2024
# against a day-by-day walk that skips weekends and the holidays file.
start=2023-11-30
{
	printf 'from\tto\n'
	for i in $(seq 0 152); do
		printf '%s\t%s\n' "$start" "$(date -u -d "$start + $i days" +%F)"
	done
} >walk.tsv
awk -F'\t' -v start="$start" '
    FNR == NR { if (FNR > 1) hol[$1] = 1; next }
    FNR == 1 { print $0 "\twant"; next }
    { cmd = "date -u -d " $2 " +%u"; cmd | getline wd; close(cmd)
      if ($2 != start && wd < 6 && !($2 in hol)) n++
      print $0 "\t" n + 0 }' "$H" walk.tsv >walk.want
run sg-period -w from,to -H "$H" -n want walk.tsv
printf '%s\n' "$out" >got
same_file got walk.want "working days agree with a day-by-day walk for 153 days"

printf 'a\tb\n2027-12-20\t2028-01-05\n2024-01-02\t2024-01-03\n' >beyond.tsv
run sg-period -w a,b -H "$H" beyond.tsv
# Tue 21 to Fri 24 (4), Mon 27 and Tue 28 December 2027 are holidays, Wed 29
# to Fri 31 (3), then 3 to 5 January 2028 (3): the substitute New Year holiday
# on Monday 3 January 2028 is beyond the file and counts as a working day.
is "$(printf '%s\n' "$out" | sed -n 2p)" "2027-12-20	2028-01-05	10" \
    "beyond the holiday file: only weekends are left out there"
like "$err" "1 row with dates outside the years .*bank-holidays.tsv covers \(first beyond.tsv:2\)" \
    "and a warning says the holidays there are not known"

# --- Bad dates. ----------------------------------------------------------------------
printf 'id\tdate\n1\t2024-01-05\n2\t05/01/2024\n3\t\n4\tx\n5\t2024-02-30\n' >bad.tsv
run sg-period -d date --month -R rej.tsv bad.tsv
is "$out" "id	date	period${nl}1	2024-01-05	2024-01" "--reject: the good rows go on"
is "$(cut -f3 rej.tsv)" "reason
bad.tsv:3: date: not an ISO date (YYYY-MM-DD): '05/01/2024'
bad.tsv:4: date: no date to place in a period
bad.tsv:5: date: no date to place in a period: 'x'
bad.tsv:6: date: not an ISO date (YYYY-MM-DD): '2024-02-30'" \
    "the rejected rows say why: not a date, an empty date, x, no such day"
like "$err" "4 rows set aside in rej.tsv" "the count of rejected rows"

# --- Command-line errors: in t/cases/sg-period. ------------------------------------------

# --- The stream contract. ---------------------------------------------------------------
printf 'id\tdate\n' >hdr.tsv
run sg-period -d date --fy hdr.tsv
is "$rc:$out:$err" "0:id	date	period:" "header only: the header with the new column"
sed 's/$/\r/' "$D/fy.tsv" >crlf.tsv
gzip -c "$D/fy.tsv" >fy.gz
run sg-period -d date --fy crlf.tsv fy.gz
is "$out" "$(cat "$D/fy.want"; sed 1d "$D/fy.want")" "CRLF, gzip and several files"
runs_ok "-o FILE -z" sg-period -d date --fy -o out.gz -z "$D/fy.tsv"
is "$(gzip -dc out.gz)" "$(cat "$D/fy.want")" "-o and -z"
run sh -c "sg-period -d date --fy '$D/fy.tsv' >/dev/full"
is "$rc" 1 "a write error exits 1"

# --- Published figures, end to end. -----------------------------------------------------
run sh -c "sg-import '$SAMPLES/police/missing-persons.csv' |
    sg-clean --date report_date |
    sg-period --date report_date --rolling 2024-03-31 |
    sg-agg -g period -s \
    'distinct:child_id:Number of Missing Children' \
    'count:report_ref:Number of Missing Children Reports' \
    'repeat:child_id:Number of Repeat Missing Children' \
    'distinct:child_id:Number of Children Missing from Care:from_care=Y' \
    'repeat:child_id:Number of Repeat Children Missing from Care:from_care=Y'"
printf '%s\n' "$out" >got
for m in "Number of Missing Children" "Number of Missing Children Reports" \
    "Number of Repeat Missing Children" "Number of Children Missing from Care" \
    "Number of Repeat Children Missing from Care"; do
	col=$(head -1 got | tr '\t' '\n' | grep -nx "$m" | cut -d: -f1)
	got=$(awk -F'\t' -v c="$col" '$1 == "current" { cur = $c }
	    $1 == "previous" { prev = $c } END { print cur "\t" prev }' got)
	want=$(awk -F'\t' -v m="$m" '$1 == m { print $2 "\t" $3 }' \
	    "$SAMPLES/published/bnes-2023-24-police-12m-rolling.tsv")
	is "$got" "$want" "sg-import | sg-clean | sg-period --rolling | sg-agg: $m as published"
done
like "$err" "15 rows outside the rolling windows" \
    "the 15 reports of January to March 2022 are set aside, not lost"
run sh -c "sg-import '$SAMPLES/adults/concerns.csv' |
    sg-clean --date received_date,decision_date |
    sg-period --date received_date --fy -n year |
    sg-agg -g year -s count:concern_id:concerns distinct:person_id:people"
is "$out" "year	concerns	people
2021-22	1021	720
2022-23	1654	1150
2023-24	1603	1086" "1603 concerns relating to 1086 people in 2023-24"
# Decided within 4 days (samples/README: 460, 695, 914; 914/1603 = 57%).
run sh -c "sg-import '$SAMPLES/adults/concerns.csv' |
    sg-clean --date received_date,decision_date |
    sg-period --days received_date,decision_date |
    sg-period --date received_date --fy -n year |
    sg-agg -g year -s 'count:concern_id:within 4 days:days<=4'"
is "$out" "year	within 4 days
2021-22	460
2022-23	695
2023-24	914" "--days: concerns decided within 4 days, per financial year"
# Contacts per quarter (samples/README, from the published 7835 and 7530).
run sh -c "sg-import '$SAMPLES/childrens/contacts.csv' |
    sg-clean --date contact_date |
    sg-period --date contact_date --quarter -n quarter |
    sg-agg -g quarter -s count:contact_id 'count:contact_id:to assessment:outcome=assessment'"
is "$out" "quarter	count_contact_id	to assessment
2022-23 Q1	1846	313
2022-23 Q2	1712	289
2022-23 Q3	1958	327
2022-23 Q4	2014	336
2023-24 Q1	1905	301
2023-24 Q2	1788	262
2023-24 Q3	2040	303
2023-24 Q4	2102	309" "--quarter: contacts and those going on to assessment per quarter"

done_testing
