# 15-home-names: the data set's name is the last component of INDIR, and
# that can be a user or host name: returns kept in /home/ann, run as
# "annual-report -i ~" or from there with "-i .", published "from ann" in
# every footer and on each workbook's Cover.  A name that is the user's,
# the home directory's or the host's is not published: the pages say
# "returns" (and -T names the data set).
user=$(id -un)
host=$(uname -n)
for name in "$user" "$host"; do
	d=$PWD/$name
	mkdir -p "$d"
	cp -r "$SAMPLES"/. "$d"/
	runs_ok "childrens-social-care runs on returns in a folder named $name" \
		"$P/childrens-social-care" -i "$d" -o "out-$name"
	like "$err" "-i: the folder's name is a user or host name" "and says why on standard error"
	like "$(grep -o '<footer>.*' "out-$name/childrens-social-care.html")" "from returns, year to" \
		"the footer names no user or host ($name)"
	if command -v unzip >/dev/null; then
		# As often as in the workbook of the data set named by -T (a
		# short host name may be a word of the tables).
		"$P/childrens-social-care" -i "$d" -o "base-$name" -T returns 2>/dev/null
		is "$(unzip -p "out-$name/childrens-social-care.xlsx" | grep -owF "$name" | wc -l)" \
			"$(unzip -p "base-$name/childrens-social-care.xlsx" | grep -owF "$name" | wc -l)" \
			"nor does the workbook"
	else
		skip "nor does the workbook" "unzip is not installed"
	fi
done
(cd "$PWD/$user" && "$P/childrens-social-care" -i . -o ../out-dot 2>/dev/null)
like "$(grep -o '<footer>.*' out-dot/childrens-social-care.html)" "from returns, year to" \
	"-i . in the folder is the same"
