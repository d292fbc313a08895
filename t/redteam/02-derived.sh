# 02-derived: rounding and suppression protect derived figures.  A rate,
# %, Chg or % Chg computed from the raw counts gave them back: under nhs a
# rate of 40.2 per 10,000 on 35,100 children pinned the rounded 140 back to
# 141, and the police Chg of 7 beside 105 and 100 gave the true 105 and 98;
# under dfe csc-contacts published a % over a suppressed count of contacts.

runs_ok "childrens-social-care runs under nhs" "$P/childrens-social-care" -s nhs -o nhs
row=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ print $c["children on a plan"], $c["of whom more than 18 months"], $c["population_0_17"],
	    $c["rate per 10,000"], $c["more than 18 months %"] }' nhs/csc-cp-plans.tsv)
# By hand: 140 / 35,100 x 10,000 = 39.886 (39.9); 10 / 140 = 7.1% (7).
is "$row" "140 10 35100 39.9 7" \
	"nhs: the rate is 140 / 35,100 x 10,000 = 39.9, from the published 140, not 40.2 from 141"
# Every % of contacts from the published counts.
bad=$(awk -F'\t' 'NR > 1 { want = $3 / $2 * 100; want = int(want + 0.5)
	if ($4 != want) print $1 ": " $4 " but " $3 "/" $2 " is " want }' nhs/csc-contacts.tsv)
is "$bad" "" "nhs: every contacts % is that of the published, rounded counts"

runs_ok "police-rolling runs under nhs" "$P/police-rolling" -s nhs -o police
# By hand: 105 against 100 is +5, +5.0%; 280 against 180 is +100, +55.6%.
is "$(awk -F'\t' '$1 == "Number of Missing Children" || $1 == "Number of Missing Children Reports" { print $2, $3, $4, $5 }' police/police-missing.tsv | paste -sd ';')" \
	"105 100 5 5.0;280 180 100 55.6" \
	"nhs: Chg and % Chg from the published counts (105 less 100 is 5, not the raw 7)"
bad=$(for f in police/police-*.tsv; do
	awk -F'\t' 'NR > 1 && $2 != "c" && $3 != "c" && $4 != $2 - $3 { print FILENAME ": " $1 }' "$f"
done)
is "$bad" "" "nhs: every Chg is current less previous as published"

# dfe: 3 contacts in a quarter, none to assessment.  The 3 is suppressed, and
# a second quarter's contacts with it (the Total row would give the 3).
cp -r "$SAMPLES" in && chmod -R u+w in
printf 'CT99999%d,K99999%d,10/01/2022,advice\n' 1 1 2 2 3 3 >>in/childrens/contacts.csv
runs_ok "childrens-social-care runs on a quarter of 3 contacts" "$P/childrens-social-care" -i in -o dfe
# (The 0 to assessment is hidden with its 3 contacts, their part: see
# 13-subsets.)
is "$(awk -F'\t' '$1 == "2021-22 Q4" { print $2, $3, $4 }' dfe/csc-contacts.tsv)" "c c c" \
	"dfe: the % of 0 over a suppressed 3 is suppressed with it"
n=$(awk -F'\t' '$2 == "c"' dfe/csc-contacts.tsv | wc -l)
ok "$([ "$n" -ge 2 ]; echo $?)" "dfe: a second quarter's contacts hide it from the total ($n hidden)"
is "$(awk -F'\t' '($2 == "c" || $3 == "c") && $4 != "c"' dfe/csc-contacts.tsv)" "" \
	"dfe: no % is published over a suppressed count"

# A count in two tables: the year's s42(2) enquiries head the funnel and the
# enquiries table.  With 3 concerns "not met" in 2023-24, the funnel hides
# the 3 and, to protect it, the 343 s42(2) enquiries (1603 less 343 and
# 673 would give the 3 back); the enquiries table must not print the 343.
cp -r "$SAMPLES" adults-in && chmod -R u+w adults-in
awk -F, 'BEGIN { OFS = "," } $5 == "s42(1) criteria not met" && $3 ~ /\/(202[34])$/ {
	split($3, d, "/"); fy = d[2] + 0 >= 4 ? d[3] : d[3] - 1
	if (fy == 2023 && ++n > 3) $5 = "" } { print }' \
	"$SAMPLES/adults/concerns.csv" >adults-in/adults/concerns.csv
runs_ok "adult-safeguarding runs with 3 concerns not met in 2023-24" "$P/adult-safeguarding" -i adults-in -o adults
is "$(awk -F'\t' '$1 == "2023-24" { print $2, $4, $5, $6 }' adults/adult-concerns.tsv)" "1603 c 673 c" \
	"the funnel hides the 3 and the 343 s42(2) enquiries with it"
is "$(awk -F'\t' '$1 == "2023-24" { print $2 }' adults/adult-enquiries.tsv)" c \
	"and the enquiries table hides the same 343"
