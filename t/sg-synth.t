#!/bin/bash
# sg-synth: deterministic synthetic record-level data.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

kinds="missing crimes contacts referrals plans concerns kpi"

# The columns of each kind are those of the record-level samples.
declare -A cols=(
	[missing]='report_ref	child_id	report_date	age	from_care'
	[crimes]='crime_ref	record_type	recorded_date	domestic_abuse	victim_age_band	child_victim	child_suspect	race_hate	cse	child_protection	serious_sexual	non_familial_sexual	cruelty_neglect'
	[contacts]='contact_id	child_id	contact_date	outcome'
	[referrals]='referral_id	child_id	referral_date	source	outcome'
	[plans]='child_id	plan_start	plan_end'
	[concerns]='concern_id	person_id	received_date	decision_date	outcome'
	[kpi]='kpi	agency	value'
)
# The sample headers, from the CSV files, for the kinds that have one.
samplecsv() { head -1 "$SAMPLES/$1" | tr ',' '\t'; }
is "${cols[missing]}" "$(samplecsv police/missing-persons.csv)" \
    "missing has the columns of samples/police/missing-persons.csv"
is "${cols[crimes]}" "$(samplecsv police/crimes.csv)" \
    "crimes has the columns of samples/police/crimes.csv"
is "${cols[contacts]}" "$(samplecsv childrens/contacts.csv)" \
    "contacts has the columns of samples/childrens/contacts.csv"
is "${cols[plans]}" "$(samplecsv childrens/cp-plans.csv)" \
    "plans has the columns of samples/childrens/cp-plans.csv"
is "${cols[concerns]}" "$(samplecsv adults/concerns.csv)" \
    "concerns has the columns of samples/adults/concerns.csv"

for k in $kinds; do
	run sg-synth "$k" --rows 500 --seed 42
	is "$rc" 0 "$k: exits 0"
	is "$(printf '%s\n' "$out" | head -1)" "${cols[$k]}" "$k: header"
	is "$(printf '%s\n' "$out" | wc -l)" 501 "$k: --rows 500 gives 500 rows"
	nf=$(printf '%s\n' "${cols[$k]}" | awk -F'\t' '{print NF}')
	bad=$(printf '%s\n' "$out" | awk -F'\t' -v n="$nf" 'NF != n' | wc -l)
	is "$bad" 0 "$k: every row has $nf fields"
	sg-synth "$k" --rows 500 --seed 42 >a.tsv
	sg-synth "$k" -n 500 -s 42 >b.tsv
	same_file a.tsv b.tsv "$k: same seed, same bytes"
	sg-synth "$k" --rows 500 --seed 43 >c.tsv
	cmp -s a.tsv c.tsv
	ok $((! $?)) "$k: a different seed gives different data"
	run sg-synth "$k" --rows 0 --seed 1
	is "$out" "${cols[$k]}" "$k: --rows 0 writes the header only"
done

# Golden bytes, computed by an independent Python model of the generator
# (t/data/sg-synth/missing-model.py 40 42): they pin the output across
# platforms and builds.
sg-synth missing --rows 40 --seed 42 >golden.tsv
same_file golden.tsv "$DATA/sg-synth/missing-40-42.tsv" \
    "missing --rows 40 --seed 42 matches the reference model byte for byte"

# The stream is the same wherever it is written and however the options
# are ordered.
sg-synth --seed 9 crimes --rows 300 >a.tsv
sg-synth crimes --rows 300 --seed 9 -o b.tsv
same_file b.tsv a.tsv "-o FILE writes the same bytes as standard output"
ls -a | grep -q 'sg-tmp'
ok $((! $?)) "-o leaves no temporary file"
sg-synth crimes --rows 300 --seed 9 -z >a.tsv.gz
is "$(head -c2 a.tsv.gz | od -An -tx1 | tr -d ' ')" 1f8b "-z writes gzip"
gzip -dc a.tsv.gz >d.tsv
same_file d.tsv a.tsv "-z: gunzipped output is the plain output"
printf 'old\n' >keep.tsv
run sg-synth crimes --rows 10 --seed 1 --start 2024-02-30 -o keep.tsv
is "$(cat keep.tsv)" old "-o: a failed run leaves the old file in place"

# A prefix of a bigger run is not required, but a smaller run must not
# depend on anything but its own arguments: the same call twice.
sg-synth missing --rows 20000 --seed 5 | md5sum >m1
sg-synth missing --rows 20000 --seed 5 | md5sum >m2
same_file m1 m2 "20000 rows: same seed, same bytes"

# Values.
sg-synth crimes --rows 20000 --seed 3 >crimes.tsv
run awk -F'\t' 'NR > 1 {
	for (i = 4; i <= 13; i++) if (i != 5 && $i != "Y" && $i != "N") print
	if ($2 != "crime" && $2 != "incident") print
	if ($5 != "0-15" && $5 != "16-17" && $5 != "18+" && $5 != "") print
	if (($6 == "Y") != ($5 == "0-15" || $5 == "16-17")) print
}' crimes.tsv
is "$out" "" "crimes: flags are Y/N and child_victim=Y exactly for bands 0-15, 16-17"
run awk -F'\t' 'NR > 1 && $2 == "crime" && $10 == "Y" && $4 == "N"' crimes.tsv
like "$(printf '%s\n' "$out" | wc -l)" '^[1-9][0-9]+$' \
    "crimes: some child protection crimes that are not domestic abuse"
run awk -F'\t' 'NR > 1 && $9 == "Y" && $10 == "Y"' crimes.tsv
is "$out" "" "crimes: CSE crimes are not flagged child protection"

sg-synth missing --rows 2820 --seed 3 >missing.tsv
children=$(awk -F'\t' 'NR > 1 {print $2}' missing.tsv | sort -u | wc -l)
ok $((! (children > 700 && children < 1500))) \
    "missing: children repeat (2820 reports by $children children)"
run awk -F'\t' 'NR > 1 { if (a[$2] != "" && a[$2] != $4 $5) print; a[$2] = $4 $5 }' missing.tsv
is "$out" "" "missing: a child's age and care status are the same in every report"

for k in missing crimes contacts referrals concerns; do
	run awk -F'\t' -v OFS='\t' 'NR > 1 {print $3}' <(sg-synth $k --rows 3000 --seed 8 --start 2023-04-01 --end 2024-03-31)
	first=$(printf '%s\n' "$out" | sort | head -1)
	last=$(printf '%s\n' "$out" | sort | tail -1)
	[[ ! $first < 2023-04-01 && ! $last > 2024-03-31 ]]
	ok $? "$k: dates within --start and --end ($first to $last)"
	is "$(printf '%s\n' "$out" | sort -c 2>&1)" "" "$k: rows in date order"
done
run sg-synth contacts --rows 3000 --seed 8
wkend=$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 {print $3}' | sort -u |
    while read -r d; do date -d "$d" +%u; done | grep -c '[67]')
is "$wkend" 0 "contacts: on weekdays only"
run sg-synth concerns --rows 3000 --seed 8
run awk -F'\t' 'NR > 1 && $4 < $3' <<<"$out"
is "$out" "" "concerns: decision_date never before received_date"
run sg-synth plans --rows 3000 --seed 8
run awk -F'\t' 'NR > 1 && $3 != "" && $3 <= $2' <<<"$out"
is "$out" "" "plans: plan_end after plan_start"
run sg-synth plans --rows 3000 --seed 8
is "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 && $3 == ""' | wc -l | awk '$1 > 0 {print "some"}')" \
    some "plans: plans still open at --end have no plan_end"
is "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 && $3 > "2024-03-31"' | wc -l)" 0 \
    "plans: no plan_end after --end"

# kpi: 2000 agencies x 50 KPIs; rows beyond 100000 come back to the cells.
sg-synth kpi --rows 200000 --seed 1 >kpi.tsv
is "$(awk -F'\t' 'NR > 1 {print $1 "\t" $2}' kpi.tsv | sort -u | wc -l)" \
    100000 "kpi: 200000 rows fill 100000 cells"
is "$(awk -F'\t' 'NR > 1 {print $2}' kpi.tsv | sort -u | wc -l)" 2000 \
    "kpi: 2000 agencies"
is "$(awk -F'\t' 'NR > 1 {print $1}' kpi.tsv | sort -u | wc -l)" 50 \
    "kpi: 50 KPIs"
run awk -F'\t' 'NR > 1 && $3 !~ /^([0-9]+|x|z)$/' kpi.tsv
is "$out" "" "kpi: values are whole numbers or x or z"

# Options; the errors are in t/cases/sg-synth.
run sg-synth --help
is "$rc" 0 "--help exits 0"
like "$out" '^usage: sg-synth KIND --rows N --seed S' "--help prints the usage"
run sg-synth -h
like "$out" 'referrals' "-h lists the kinds"
run sg-synth --version
like "$out" '^sg-synth \(sg\) [0-9]' "--version prints the version"
is "$rc" 0 "--version exits 0"
run sg-synth missing --rows 1 --seed 1 --start 2024-03-31 --end 2024-03-31
is "$(printf '%s\n' "$out" | awk -F'\t' 'NR == 2 {print $3}')" 2024-03-31 \
    "a one-day range puts every row on that day"
sg-synth crimes --rows 100000000 --seed 1 2>pipe.err | head -1 >/dev/null
is "${PIPESTATUS[0]}:$(cat pipe.err)" "0:" "a closed pipe ends quietly with exit 0"

done_testing
