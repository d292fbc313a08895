# 13-subsets: a count published beside a hidden one it is part of, or
# that is part of it, bounds it, and the bound can pin it.  The reader
# knows that no more contacts went on to an assessment than were made,
# and that the risks removed and reduced are among those identified.
# Under dfe a c that only the small-count rule hides is 1 to 5.

# adult-enquiries: 300 risks identified, 1 removed and 299 reduced, none
# remaining.  Published as 300, c, 299, the 1 is 300 less 299 (it cannot
# be more, and a c is at least 1).  Identified is the total of removed and
# reduced (and of the risks that remain): hiding the 1 hides one more of
# its parts, the cheapest, the 299.
cp -r "$SAMPLES" adults-in && chmod -R u+w adults-in
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next }
	{ if (++n == 1) $7 = "removed"; else if ($7 == "removed" || $7 == "remains") $7 = "reduced"; print }' \
	"$SAMPLES/adults/enquiries.csv" >adults-in/adults/enquiries.csv
runs_ok "adult-safeguarding runs with 1 risk removed and 299 reduced of 300" \
	"$P/adult-safeguarding" -i adults-in -o adults
row=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ print $c["risk identified"], $c["risk removed"], $c["risk reduced"],
	    $c["risk removed %"], $c["risk reduced %"] }' adults/adult-enquiries.tsv)
is "$row" "300 c c c c" \
	"dfe: 1 removed beside 299 reduced of 300 identified is hidden with the 299"
# The intruder: a hidden removed is at most identified less reduced.
bad=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["risk removed"] == "c" && $c["risk reduced"] != "c" && $c["risk identified"] != "c" &&
	    $c["risk identified"] - $c["risk reduced"] <= 1 { print $1 ": removed is 1" }' \
	adults/adult-enquiries.tsv)
is "$bad" "" "dfe: no hidden risk removed is pinned by identified less reduced"

# csc-contacts: 1 contact in 2021-22 Q4 (none to assessment), and 10 in
# 2021-22 Q3, all 10 to assessment.  The 1 is hidden, and the Q3 10 with
# it (the Total row would give the 1); but a published 10 to assessment in
# Q3 says Q3 had at least 10 contacts, so Q4 had at most Total less the
# rest less 10 = 1: the 1 again.  The contacts are the total of their row
# (to assessment and the rest): a hidden count of contacts hides one of
# its parts, and each column still holds two hidden cells.
cp -r "$SAMPLES" csc-in && chmod -R u+w csc-in
{
	printf 'CT999990,K999990,10/01/2022,advice\n'
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf 'CT99998%02d,K99998%02d,10/11/2021,assessment\n' "$i" "$i"
	done
} >>csc-in/childrens/contacts.csv
runs_ok "childrens-social-care runs with a quarter of 1 contact and one of 10, all to assessment" \
	"$P/childrens-social-care" -i csc-in -o csc
is "$(awk -F'\t' '$1 ~ /^2021-22/ { print $1, $2, $3, $4 }' csc/csc-contacts.tsv | paste -sd ';')" \
	"2021-22 Q4 c c c;2021-22 Q3 c c c" \
	"dfe: the hidden contacts of a quarter hide its to assessment too"
# The intruder on every profile: the hidden contacts add to the Total row
# less the published ones, and each is at least its published to
# assessment (and, under dfe, 1).  No hidden count may be left with one
# value.
for p in dfe 10 nhs; do
	runs_ok "childrens-social-care runs under -s $p" "$P/childrens-social-care" -i csc-in -o "csc-$p" -s "$p"
	[ "$p" = nhs ] && continue	# rounded: the sums are only near
	bad=$(awk -F'\t' 'NR == 1 { next } $1 == "Total" { tot = $2; next }
		$2 == "c" { h[++n] = $1; lo[n] = ($3 == "c" ? 1 : $3 > 1 ? $3 : 1); sumlo += lo[n]; next }
		{ pub += $2 }
		END { s = tot - pub
			for (i = 1; i <= n; i++) {
				hi = s - (sumlo - lo[i])
				if (hi <= lo[i])
					print h[i] ": contacts are " lo[i]
			} }' "csc-$p/csc-contacts.tsv")
	is "$bad" "" "-s $p: no hidden count of contacts is pinned by the to assessment beside it"
done

# police-missing: 20 children missing in the 12 months to END, one of
# them twice: 21 reports.  Every repeat child adds a report at least, so
# the repeat children are at most 21 less 20: a c there is the 1.  The
# reports of a period whose repeat children are hidden are hidden too
# (and their Chg and % Chg); the 30 children of the year before, each
# reported twice, are published as they are.
cp -r "$SAMPLES" police-in && chmod -R u+w police-in
{
	echo 'report_ref,child_id,report_date,age,from_care'
	for i in $(seq 1 20); do
		printf 'MP/2023/%05d,P%05d,10/06/2023,14,N\n' "$i" "$i"
	done
	printf 'MP/2023/%05d,P%05d,11/07/2023,14,N\n' 21 1
	for i in $(seq 1 30); do
		printf 'MP/2022/%05d,Q%05d,10/06/2022,14,N\n' "$i" "$i"
		printf 'MP/2022/%05d,Q%05d,10/08/2022,14,N\n' $((i + 100)) "$i"
	done
} >police-in/police/missing-persons.csv
for p in dfe 10 nhs; do
	runs_ok "police-rolling runs under -s $p with 21 reports of 20 children" \
		"$P/police-rolling" -i police-in -o "police-$p" -s "$p"
done
want='Number of Missing Children 20 30 -10 -33.3;Number of Missing Children Reports c 60 c c;Number of Repeat Missing Children c 30 c c'
for p in dfe 10; do
	is "$(awk -F'\t' 'NR > 1 && NR <= 4 { print $1, $2, $3, $4, $5 }' "police-$p/police-missing.tsv" | paste -sd ';')" \
		"$want" "-s $p: a hidden repeat of 1 hides the 21 reports of 20 children"
done
# nhs: the 20 children published, the reports (21, published 20) hidden
# with the repeats (1, c) as under every profile.
is "$(awk -F'\t' 'NR > 1 && NR <= 4 { print $2 }' police-nhs/police-missing.tsv | paste -sd ' ')" \
	"20 c c" "-s nhs: the reports are hidden with the repeats too"

# police-missing, from care: 10 children missing, 7 of them from care;
# 5 of those reported twice, and the 3 not from care all twice: 8
# repeats.  The repeats not from care (8 less the repeats from care) are
# no more than the 3 children not from care, so the repeats from care
# are at least 8 - (10 - 7) = 5, and a c of 1 to 5 is the 5.  Hidden
# repeats from care hide the children from care of their period.
cp -r "$SAMPLES" care-in && chmod -R u+w care-in
{
	echo 'report_ref,child_id,report_date,age,from_care'
	n=0
	for i in 1 2 3 4 5 6 7; do
		n=$((n + 1))
		printf 'MP/2023/%05d,C%05d,10/06/2023,14,Y\n' "$n" "$i"
		if [ "$i" -le 5 ]; then
			n=$((n + 1))
			printf 'MP/2023/%05d,C%05d,10/09/2023,14,Y\n' "$n" "$i"
		fi
	done
	for i in 1 2 3; do
		for d in 10/06/2023 10/10/2023; do
			n=$((n + 1))
			printf 'MP/2023/%05d,P%05d,%s,14,N\n' "$n" "$i" "$d"
		done
	done
	for i in $(seq 1 30); do
		printf 'MP/2022/%05d,Q%05d,10/06/2022,14,N\n' "$i" "$i"
	done
} >care-in/police/missing-persons.csv
runs_ok "police-rolling runs with 5 repeats from care of 7 children from care" \
	"$P/police-rolling" -i care-in -o care
# By hand: children 10 and 30, reports 18 and 30, repeats 8 and 0; from
# care 7 (hidden) and 0, repeats from care 5 (c) and 0.
is "$(awk -F'\t' 'NR > 1 { print $2, $3, $4, $5 }' care/police-missing.tsv | paste -sd ';')" \
	"10 30 -20 -66.7;18 30 -12 -40.0;8 0 8 z;c 0 c c;c 0 c c" \
	"dfe: hidden repeats from care hide the children from care"
bad=$(awk -F'\t' '{ v[$1] = $2 }
	END { m = v["Number of Missing Children"]; r = v["Number of Repeat Missing Children"]
		f = v["Number of Children Missing from Care"]; rf = v["Number of Repeat Children Missing from Care"]
		if (rf == "c" && m != "c" && r != "c" && f != "c" && r - (m - f) >= 5)
			print "repeats from care at least " r - (m - f) }' care/police-missing.tsv)
is "$bad" "" "dfe: no c of repeats from care is pinned by the children not from care"

# adult-concerns and adult-enquiries: in 2023-24 every concern has an
# outcome, 1 is "not met" and every s42(2) enquiry is closed.  The funnel
# hides the 1 and the 343 s42(2) enquiries (1,603 less 1,259 met leaves
# 344 for the two), and the enquiries table hid its 343 too, but published
# 343 closed: the s42(2) enquiries are at least that, so not met is at
# most 1,603 less 1,259 less 343 = 1.  Every count of the enquiries table
# is a part of the s42(2) enquiries: all are hidden with them.
cp -r "$SAMPLES" funnel-in && chmod -R u+w funnel-in
awk -F, 'BEGIN { OFS = "," } NR > 1 { split($3, d, "/"); fy = d[2] + 0 >= 4 ? d[3] : d[3] - 1
	if (fy == 2023 && $5 == "s42(1) criteria not met" && n++ > 0) $5 = "s42(1) criteria met"
	if (fy == 2023 && $5 == "") $5 = "s42(1) criteria met" } { print }' \
	"$SAMPLES/adults/concerns.csv" >funnel-in/adults/concerns.csv
awk -F, 'BEGIN { OFS = "," } NR > 1 && $4 == "" { $4 = "01/03/2024" } { print }' \
	"$SAMPLES/adults/enquiries.csv" >funnel-in/adults/enquiries.csv
runs_ok "adult-safeguarding runs with 1 concern not met and every enquiry closed" \
	"$P/adult-safeguarding" -i funnel-in -o funnel
is "$(awk -F'\t' '$1 == "2023-24" { print $2, $4, $5, $6 }' funnel/adult-concerns.tsv)" "1603 c 1259 c" \
	"the funnel hides the 1 not met and the 343 s42(2) enquiries"
is "$(awk -F'\t' '$1 == "2023-24" { $1 = ""; print }' funnel/adult-enquiries.tsv)" \
	"$(printf ' c%.0s' 1 2 3 4 5 6 7 8 9 10 11)" \
	"and the enquiries table hides every count and % (each bounds the 343)"
