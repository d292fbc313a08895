# 01-notes: a note in a published document comes from the published cells,
# in board wording.  The funnel note of adult-safeguarding once printed
# sg-check's raw message ("-:4: total concerns: expected 1533, found 1603")
# computed before rounding, so under nhs it gave the true counts behind
# 1,605 and 345/675/515, and with small counts it gave a suppressed cell
# by subtraction.

# note_of HTML: the text of the concerns table's note.
note_of() {
	grep -o 'Conversion = [^<]*' "$1" | head -1
}

runs_ok "adult-safeguarding runs under nhs" "$P/adult-safeguarding" -s nhs -o nhs
note=$(note_of nhs/adult-safeguarding.html)
like "$note" "2023-24: the three s42 outcomes add to 1,535, not the 1,605 concerns\." \
	"nhs: the note says the funnel from the rounded cells (345 + 675 + 515 = 1,535) in words"
unlike "$note" "1,?533|1,?603|343|673|517" "nhs: and gives no unrounded count"
unlike "$note" "-:|sg-|expected|found" "nhs: no tool message, line or tool name"
like "$note" "rounded to the nearest 5" "nhs: and says that rounded counts may not add up"
row=$(awk -F'\t' '$1 == "2023-24" { print $2, $4, $5, $6 }' nhs/adult-concerns.tsv)
is "$row" "1605 345 675 515" "nhs: the note's figures are the table's"

runs_ok "adult-safeguarding runs under dfe" "$P/adult-safeguarding" -o dfe
like "$(note_of dfe/adult-safeguarding.html)" \
	"2023-24: the three s42 outcomes add to 1,533, not the 1,603 concerns\." \
	"dfe: the counts are exact, and so is the note"

# Small counts: a year of 30 concerns with 20 s42(2), 7 s42(1) met, 2 not
# met and one without an outcome.  The 2 is suppressed; the old note's
# "expected 29, found 30" gave it back (30 - 1 - 20 - 7).
cp -r "$SAMPLES" in && chmod -R u+w in
awk 'BEGIN { for (i = 1; i <= 30; i++) {
	o = i <= 20 ? "s42(2) enquiry" : i <= 27 ? "s42(1) criteria met" : i <= 29 ? "s42(1) criteria not met" : ""
	printf "SC9%05d,A9%05d,04/05/2020,06/05/2020,%s\n", i, i, o } }' >>in/adults/concerns.csv
runs_ok "adult-safeguarding runs on a year of 30 concerns" "$P/adult-safeguarding" -i in -o small
row=$(awk -F'\t' '$1 == "2020-21" { print $2, $4, $5, $6 }' small/adult-concerns.tsv)
like "$row" "^30 .*c" "the 2 not met is suppressed ($row)"
n=$(awk '{ for (i = 1; i <= NF; i++) n += $i == "c" } END { print n + 0 }' <<<"$row")
ok "$([ "$n" -ge 2 ]; echo $?)" "and another funnel cell with it, so that 30 less the others does not give it ($n hidden)"
note=$(note_of small/adult-safeguarding.html)
like "$note" "2020-21: whether the three s42 outcomes add to the concerns cannot be shown, as a figure in it is suppressed\." \
	"the note says the check cannot be shown"
unlike "$note" "[^0-9,]29[^0-9]" "and not the 29 that gave the 2 away"
