#!/bin/sh
# Builds our Directus extensions and collects what Directus loads: for each extension, its
# package.json and dist/ in <out>/<name>/ (reference/directus.md §1.5 and §3.1).
#   build-extensions.sh <directus/extensions> <out>
#
# An extension is a folder right under directus/extensions (collected under its own name), or
# directus/extensions itself (e.g. one bundle; collected as <out>/switchboard), with a package.json
# that has a `directus:extension` block. Before collecting, every package.json there with a `build`
# script (the extensions SDK's `directus-extension build`) is built, root first, after installing
# its own dependencies: `npm ci` with a lockfile, else `npm install`. Imports of glue/ and of the
# root's packages resolve through the repository's install (npm ci at the root) and are bundled.
set -eu
src=$1
out=$2
mkdir -p "$out"

# Prints "extension", "build" and/or "dependencies" for a package.json.
kinds() {
	node -e '
		const manifest = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
		const kinds = [];
		if (manifest["directus:extension"]) kinds.push("extension");
		if (manifest.scripts && manifest.scripts.build) kinds.push("build");
		const declared = { ...manifest.dependencies, ...manifest.devDependencies };
		if (Object.keys(declared).length) kinds.push("dependencies");
		process.stdout.write(kinds.join(" "));
	' "$1"
}

build() {
	dir=$1
	found=" $(kinds "$dir/package.json") "
	case $found in *" build "*) ;; *) return 0 ;; esac
	echo "build-extensions: building $dir"
	if [ -f "$dir/package-lock.json" ]; then
		(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund)
	else
		case $found in
		*" dependencies "*) (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund) ;;
		esac
	fi
	(cd "$dir" && npm run build)
}

collect() {
	dir=$1
	name=$2
	case " $(kinds "$dir/package.json") " in *" extension "*) ;; *) return 0 ;; esac
	if [ ! -d "$dir/dist" ]; then
		echo "build-extensions: $dir is a Directus extension but has no dist/ after its build" >&2
		exit 1
	fi
	mkdir -p "$out/$name"
	cp "$dir/package.json" "$out/$name/"
	cp -R "$dir/dist" "$out/$name/"
	echo "build-extensions: collected $name"
}

[ -d "$src" ] || {
	echo "build-extensions: no $src: Directus runs without our extensions"
	exit 0
}
[ ! -f "$src/package.json" ] || build "$src"
for manifest in "$src"/*/package.json; do
	[ -f "$manifest" ] || continue
	build "$(dirname "$manifest")"
done
[ ! -f "$src/package.json" ] || collect "$src" switchboard
for manifest in "$src"/*/package.json; do
	[ -f "$manifest" ] || continue
	dir=$(dirname "$manifest")
	collect "$dir" "$(basename "$dir")"
done
