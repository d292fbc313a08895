# 05: dates are checked.  -e 2024-02-30 and -e 2024-03-15 were accepted and
# published a wrong ">18 months" figure.
fails_with 2 "no such date: '2024-02-30'" "-e 2024-02-30 is a usage error" \
	"$P/childrens-social-care" -e 2024-02-30 -o out
like "$err" "usage: childrens-social-care" "with the usage"
fails_with 2 "not the last day of a month: 2024-03-15 \(the month ends on 2024-03-31\)" \
	"-e 2024-03-15 is a usage error" "$P/childrens-social-care" -e 2024-03-15 -o out
fails_with 2 "no such date: '2023-02-29'" "29 February of a common year is no date" \
	"$P/childrens-social-care" -e 2023-02-29 -o out
fails_with 2 "no such date: '2024-13-31'" "month 13 is no date" \
	"$P/annual-report" -e 2024-13-31 -o out
fails_with 2 "not an ISO date" "31/03/2024 is not ISO" "$P/police-rolling" -e 31/03/2024 -o out
is "$(ls out 2>/dev/null | wc -l)" 0 "and nothing is published"
runs_ok "29 February of a leap year is a month end" "$P/childrens-social-care" -e 2024-02-29 -o out
