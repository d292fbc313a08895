# 03: no local detail in a published document.  The footer named the -i
# folder's full path (a home directory, so a user name); it names the data
# set instead: the folder's last component, or -T TITLE.
d=$PWD/home/zq-secret-user/zq-private-place/returns-2024
mkdir -p "$d"
cp -r "$SAMPLES"/. "$d"/
runs_ok "annual-report runs on samples in a distinctive folder" "$P/annual-report" -i "$d" -o out
# A workbook is a zip file: its parts are read unzipped, since deflated
# bytes would hide a path (and match a host name by chance).
mkdir view
for f in out/*; do
	[ -f "$f" ] || continue
	case $f in
	*.xlsx|*.ods) command -v unzip >/dev/null && unzip -p "$f" >"view/${f##*/}.xml" ;;
	*) cp "$f" view/ ;;
	esac
done
command -v unzip >/dev/null ||
	skip "the workbooks name no path, user or host" "unzip is not installed"
leaks=$(grep -rlF -e "$d" -e zq-secret-user -e zq-private-place -e "$PWD" view || true)
is "$leaks" "" "no published file names the input's path or its folders"
user=$(id -un)
host=$(hostname)
is "$(grep -rlwF -e "/$user" -e "$user/" -e "$host" view || true)" "" \
	"nor the user ($user) or host name ($host) as part of a path"
like "$(grep -o '<footer>.*' out/annual-report.html)" "from returns-2024, year to 2024-03-31" \
	"the footer names the data set, the folder's last component"
runs_ok "-T names the data set" "$P/childrens-social-care" -i "$d" -o out2 -T 'B&NES returns 2023-24'
like "$(grep -o '<footer>.*' out2/childrens-social-care.html)" "from B&amp;NES returns 2023-24, year" \
	"and the footer says it, escaped"
