#!/bin/bash
# man.t: every tool has a man page that lints clean and documents every
# option its --help lists; --help, --version and a bad option behave alike.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

tools="import clean join agg period rate rag pivot suppress check render chart synth book pop compare"

if command -v mandoc >/dev/null; then
	run mandoc -Tlint -W warning "$SG_SRC/man/sg.7"
	is "$rc:$out" "0:" "sg.7 lints clean"
else
	skip "sg.7 lints clean" "mandoc is not installed"
fi
if command -v mandoc >/dev/null; then
	run mandoc -Tlint -W warning "$SG_SRC/man/sg-pipelines.7"
	is "$rc:$out" "0:" "sg-pipelines.7 lints clean"
else
	skip "sg-pipelines.7 lints clean" "mandoc is not installed"
fi
like "$(cat "$SG_SRC/man/sg-pipelines.7")" "^0 6 1 \\* \\*" "sg-pipelines.7 shows a crontab line"
like "$(cat "$SG_SRC/man/sg.7")" "half away from zero" \
	"sg.7 states the rounding rule"

for t in $tools; do
	page="$SG_SRC/man/sg-$t.1"
	ok "$([ -f "$page" ]; echo $?)" "sg-$t has a man page"
	if command -v mandoc >/dev/null; then
		run mandoc -Tlint -W warning "$page"
		is "$rc:$out" "0:" "sg-$t.1 lints clean"
	else
		skip "sg-$t.1 lints clean" "mandoc is not installed"
	fi
	text=$(cat "$page")
	for s in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		like "$text" "^\\.Sh $s" "sg-$t.1 has a $s section"
	done

	run "sg-$t" --help
	is "$rc" 0 "sg-$t --help exits 0"
	like "$out" "^[Uu]sage: sg-$t" "sg-$t --help starts with its usage"
	# Every long option the help lists is documented in the page.
	missing=
	for o in $(printf '%s\n' "$out" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
		grep -qE -- "(Fl -${o#--}|\\\\-\\\\-${o#--}|Fl \\-${o#--})" "$page" ||
			missing="$missing $o"
	done
	is "$missing" "" "sg-$t.1 documents every option of --help"

	run "sg-$t" --version
	is "$rc:$out" "0:sg-$t (sg) $(sed -n 's/^AC_INIT(\[sg\], \[\([^]]*\)\].*/\1/p' "$SG_SRC/configure.ac")" \
		"sg-$t --version prints the version"
	run "sg-$t" --no-such-option
	is "$rc" 2 "sg-$t exits 2 on an unknown option"
	like "$err" "sg-$t" "and says which tool complained"
done

done_testing
