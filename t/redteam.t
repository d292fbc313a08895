#!/bin/bash
# redteam.t: the hostile reviewer's cases of issue 14, one file per item in
# t/redteam/ (NN-what.sh, run in order), each on the samples.  Every case
# failed on the code the review was made against; see man/sg-pipelines.7,
# "WHAT A PUBLISHED OUTPUT GUARANTEES".
#
# Each case file is sourced in its own subdirectory of $TMP with tap.sh's
# helpers; $P is pipelines/, SG_BIN the built tools.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

P=$SG_SRC/pipelines
export SG_BIN=$SG_BUILD/tools

for case in "$SG_SRC"/t/redteam/[0-9]*.sh; do
	[ -e "$case" ] || continue
	name=${case##*/}
	name=${name%.sh}
	mkdir "$TMP/$name"
	cd "$TMP/$name" || exit 1
	echo "# $name"
	# shellcheck disable=SC1090
	. "$case"
	cd "$TMP" || exit 1
done

done_testing
