# 14-threshold: -s 2 suppressed the counts of 1 and no others, so a c
# could only be a 1: a table without totals (police-cse, say) published
# "c" for one crime as plainly as "1".  A threshold N hides 1 to N-1: it
# must be 3 or more for a c to stand for two values at least; -s 0, 1 and
# 2 are usage errors, before anything is read or written.
for s in 0 1 2 02; do
	fails_with 2 "-s: a threshold N hides the counts from 1 to N-1 and must be 3 or more" \
		"-s $s is a usage error" "$P/police-rolling" -s "$s" -o out
done
is "$(ls out 2>/dev/null | grep -vc '^\.sg-lock$')" 0 "and nothing is published"
runs_ok "-s 3 is a threshold" "$P/childrens-social-care" -s 3 -o out3
fails_with 2 "2 is out of range \(3 to" "sg-suppress -p 2 is refused" \
	"$SG_BIN/sg-suppress" -c n -p 2 /dev/null
