# 08 (pipelines): a failure names the stage and the input file, and a bad
# date is not followed by "empty input" from every later step.
cp -r "$SAMPLES" bad
sed '3s#^\([^,]*,[^,]*\),[^,]*,#\1,30/02/2021,#' "$SAMPLES/adults/concerns.csv" >bad/adults/concerns.csv
fails_with 1 "sg-clean: .*received_date: not a date.*'30/02/2021'" \
	"an impossible date in concerns.csv stops the run with sg-clean's message" \
	"$P/adult-safeguarding" -i bad -o out
like "$err" "adult-safeguarding: FAILED \(exit 1\) while reading adults/concerns.csv" \
	"the FAILED line names the stage and the input file"
unlike "$err" "empty input" "and no later step adds a misleading 'empty input'"
fails_with 1 "FAILED \(exit 1\) while running adult-safeguarding" \
	"annual-report names the part that failed" "$P/annual-report" -i bad -o out
cp "$SAMPLES/adults/concerns.csv" bad/adults/concerns.csv
printf 'CR99999999,crime,31/02/2024,N,18+,N,N,N,N,N,N,N,N\n' >>bad/police/crimes.csv
fails_with 1 "FAILED \(exit 1\) while reading police/crimes.csv" \
	"a stage in a background job is named too" "$P/police-rolling" -i bad -o out
unlike "$err" "empty input" "without 'empty input'"
